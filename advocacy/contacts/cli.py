"""`flask --app advocacy council-contacts import FILE`: the CSV import staff can also do on the staff pages."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from .importer import ContactsFileRejected, import_contacts

contacts_cli = AppGroup("council-contacts", help="Councils' postal addresses and emails for residents' letters.")


@contacts_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Import council contacts from a CSV file; bad rows are listed and not imported."""
    try:
        with file.open("rb") as handle:
            report = import_contacts(handle, filename=file.name)
    except ContactsFileRejected as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Saved the contacts of {len(report.saved)} council{'' if len(report.saved) == 1 else 's'}.")
    for problem in report.problems:
        click.echo(f"  {problem}")
    if report.problems:
        raise SystemExit(1)


def init_app(app: Flask) -> None:
    app.cli.add_command(contacts_cli)
