"""Raise your voice: an advocacy toolkit. ``create_app`` is the only thing that happens here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

from flask import Flask

from .config import ROOT, flask_config, parse_settings


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` overrides environment variables (same ADVOCACY_* names) and Flask keys."""
    config = dict(config or {})
    instance_path = Path(config.pop("INSTANCE_PATH", None) or os.environ.get("ADVOCACY_INSTANCE_PATH")
                         or ROOT / "instance")
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    instance_path.mkdir(parents=True, exist_ok=True)

    settings = parse_settings({**os.environ, **{k: v for k, v in config.items() if k.startswith("ADVOCACY_")}})
    app.config.from_mapping(flask_config(settings, instance_path))
    app.config.from_mapping({k: v for k, v in config.items() if not k.startswith("ADVOCACY_")})

    from . import cache, campaigns, cli, db, documents, localdata, logs, lookup, motions, sending, staff
    from .campaigns import cli as campaigns_cli
    from .privacy import cli as privacy_cli
    from .web import errors, limits, proxy, security, templating

    logs.init_app(app)
    db.init_app(app)
    campaigns.init_app(app)
    documents.init_app(app)  # builds the PDF renderer, so a missing font stops start-up
    security.init_app(app)
    proxy.init_app(app)  # before limits: they count per client address
    limits.init_app(app)
    cache.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    campaigns_cli.init_app(app)
    privacy_cli.init_app(app)
    lookup.init_app(app)
    localdata.init_app(app)  # CLI commands and /api/councils/<code>/figures
    staff.init_app(app)  # CLI: staff accounts and counts
    motions.init_app(app)  # CLI: motions import-councils / import-constituencies
    sending.init_app(app)  # the worker command
    from . import councilrules, evidence

    councilrules.init_app(app)  # CLI: council rules import
    evidence.init_app(app)  # CLI: evidence packs

    # Every page lives in advocacy.web: one blueprint per journey (staff pages under web/staff/).
    from .web import (api, councillors, email_links, figures_api, health, letters, public, resident, seconders,
                      send_for_me, spread)
    from .web import staff as staff_pages

    staff_pages.init_app(app)  # sign-in (Flask-Login)
    for blueprint in (public.bp, health.bp, resident.bp, letters.bp, send_for_me.bp, api.bp, figures_api.bp,
                      staff_pages.bp, councillors.bp, seconders.bp, spread.bp, email_links.bp):
        app.register_blueprint(blueprint)
    send_for_me.init_app(app)  # the letter page asks send_for_me_offer() whether to show the option
    return app
