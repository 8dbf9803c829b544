"""What every gunicorn worker would otherwise build on its first requests, built once in the master.

gunicorn builds the app in its master and forks the workers from it (``preload_app``), replacing each worker
every couple of thousand requests. Whatever the app builds lazily, each new worker built again on its first
requests while the requests queued behind them waited: the campaigns as saved on the staff pages (their
templates compiled again), the figures snapshot, and every page template. ``warm_up`` builds them in the
master, so a new worker starts with them; each is still checked against the database as usual, so a worker
forked later still notices a change saved since.
"""

from __future__ import annotations

import logging

from flask import Flask
from jinja2 import TemplateError
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)


def warm_up(app: Flask) -> None:
    """Build the campaigns, the figures snapshot and the compiled page templates now (see the module
    docstring). A database that does not answer yet is not an error: the workers read it when it does."""
    from .campaigns.registry import registry
    from .db import db
    from .documents.html import compile_templates
    from .localdata.store import current_snapshot

    with app.app_context():
        try:
            registry()
            current_snapshot()
        except SQLAlchemyError as exc:
            log.warning("warm-up: the database did not answer (%s); workers will read it themselves", exc)
        finally:
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()  # the master keeps no connection: each worker opens its own
        try:
            for name in app.jinja_env.list_templates(filter_func=lambda name: not name.startswith("documents/")):
                app.jinja_env.get_template(name)
            compile_templates()  # templates/documents/ have their own environment
        except TemplateError as exc:  # shown when the page is asked for, as it would be without the warm-up
            log.warning("warm-up: a template does not compile: %s", exc)
