"""`flask --app advocacy privacy ...`: purge expired personal data, export or erase one person's data."""

from __future__ import annotations

import json

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .service import erase_person, export_person, purge_expired

privacy_cli = AppGroup("privacy", help="Personal data: purge, export, erase.")


@privacy_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
def purge(dry_run: bool) -> None:
    """Delete personal data older than ADVOCACY_RETENTION_DAYS. Counts are kept."""
    days = current_app.config["ADVOCACY_RETENTION_DAYS"]
    deleted = purge_expired(days, dry_run=dry_run)
    verb = "would delete" if dry_run else "deleted"
    for table, count in deleted.items():
        click.echo(f"{table}: {verb} {count} row(s) older than {days} days")
    if not dry_run:
        # Cached letter PDFs contain names and addresses too; they live a day at most.
        from ..documents.pdf import current_renderer

        click.echo(f"pdf cache: deleted {current_renderer().cache.purge_expired()} expired file(s)")


@privacy_cli.command("export")
@click.argument("email")
def export(email: str) -> None:
    """Print everything stored about EMAIL as JSON."""
    click.echo(json.dumps(export_person(email), indent=2, default=str))


@privacy_cli.command("erase")
@click.argument("email")
@click.confirmation_option(prompt="Erase every record of this person? Counts are kept.")
def erase(email: str) -> None:
    """Delete everything stored about EMAIL."""
    for table, count in erase_person(email).items():
        click.echo(f"{table}: deleted {count} row(s)")


def init_app(app: Flask) -> None:
    app.cli.add_command(privacy_cli)
