"""Council contacts: the postal address and email a council letter is sent to (``contact_for``), imported by
staff from a CSV (importer.py)."""

from __future__ import annotations

from ..db import db
from .models import CouncilContact


def contact_for(council_code: str | None) -> CouncilContact | None:
    """The council's known contact, or None."""
    return db.session.get(CouncilContact, council_code) if council_code else None


def init_app(app) -> None:
    from . import cli

    cli.init_app(app)


__all__ = ["CouncilContact", "contact_for", "init_app"]
