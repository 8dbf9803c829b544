"""Campaign staff: accounts and sign-in, the dashboard of actions, CSV exports, and campaign editing.

Public functions live in their modules: ``accounts`` (create_staff, authenticate), ``dashboard``
(build_dashboard and the query functions), ``exports`` (CSV generators), ``counts`` (rebuild_counts),
``sources`` (data the dashboard takes from other capabilities).
"""

from flask import Flask

from . import (auth, campaign_authoring, case_studies, cli, localdata_upload, manage,  # noqa: F401  (these
               privacy_views, sending)  # register views on the blueprint)
from .views import bp


def init_app(app: Flask) -> None:
    auth.init_app(app)
    cli.init_app(app)


__all__ = ["bp", "init_app"]
