"""`flask --app advocacy motions ...`: import the council register and the council -> constituency lookup."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from .registers import RegisterRejected, import_constituencies, import_councils

motions_cli = AppGroup("motions", help="Council motions: the registers of councils and their constituencies.")
_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@motions_cli.command("import-councils")
@click.argument("path", type=_FILE)
def import_councils_command(path: Path) -> None:
    """Import every English council from GOV.UK's local links manager CSV (gss, tier_id, parent, name)."""
    try:
        report = import_councils(path)
    except RegisterRejected as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"councils: {report.rows} English councils imported ({report.skipped} other rows skipped)")


@motions_cli.command("import-constituencies")
@click.argument("path", type=_FILE)
def import_constituencies_command(path: Path) -> None:
    """Import which constituencies cover each council from DfE's mp_lookup.csv."""
    try:
        report = import_constituencies(path)
    except RegisterRejected as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"constituencies: {report.rows} council-constituency pairs imported ({report.skipped} rows skipped)")


def init_app(app: Flask) -> None:
    app.cli.add_command(motions_cli)
