"""`flask --app advocacy evidence pack ...`: write an evidence pack to a file (the staff page's PDF or CSV)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from ..campaigns import get_campaign
from .pack import UnknownPlace, build_pack
from .render import pack_csv, pack_pdf

evidence_cli = AppGroup("evidence", help="Evidence packs for MPs and councils (counts only).")


@evidence_cli.command("pack")
@click.argument("campaign")
@click.argument("place_type", type=click.Choice(["constituency", "council"]))
@click.argument("code")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write: .pdf or .csv")
def pack_command(campaign: str, place_type: str, code: str, out: Path) -> None:
    """Write the evidence pack for a constituency or council, e.g. `evidence pack bright-futures
    constituency E14001331 --out leeds-central.pdf`."""
    found = get_campaign(campaign)
    if found is None:
        raise click.ClickException(f"There is no campaign {campaign!r}")
    if out.suffix.lower() not in (".pdf", ".csv"):
        raise click.ClickException("--out must end in .pdf or .csv")
    try:
        pack = build_pack(found, place_type, code)
    except UnknownPlace as exc:
        raise click.ClickException(str(exc)) from None
    if out.suffix.lower() == ".csv":
        out.write_text(pack_csv(pack), encoding="utf-8")
    else:
        out.write_bytes(pack_pdf(pack))
    click.echo(f"{pack.headline} Written to {out}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(evidence_cli)
