"""The official-data release: built from the publishers' files (``build``), shipped in ``release/``,
loaded by `flask setup` (``load``), refreshed by `data update` (``update``), and the one place that says
where a figure came from (``provenance``)."""

from __future__ import annotations

from flask import Flask

from .provenance import all_sources, data_dates, publications, source_line, source_lines

__all__ = ["all_sources", "data_dates", "init_app", "publications", "source_line", "source_lines"]


def init_app(app: Flask) -> None:
    from . import cli

    cli.init_app(app)
