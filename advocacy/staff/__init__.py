"""Campaign staff: accounts, the dashboard of actions, CSV exports and counts. The staff pages are in
``advocacy.web.staff``.

Public functions live in their modules: ``accounts`` (create_staff, authenticate), ``dashboard``
(build_dashboard and the query functions), ``exports`` (CSV generators), ``counts`` (rebuild_counts),
``sources`` (data the dashboard takes from other capabilities).
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from . import cli

    cli.init_app(app)


__all__ = ["init_app"]
