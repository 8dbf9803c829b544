"""``flask --app advocacy localdata ...``: import the official files and show a council's figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from ..db import db
from .ees import ImportRejected, year_label
from .importer import ImportReport, import_lookup, import_measure, import_population, where_from_texts
from .models import Dataset
from .store import figures_for, why_no_figures

localdata = AppGroup("localdata", help="Import official children's services figures and show a council's.")

PROGRESS_FROM_BYTES = 200_000  # smaller files import before a progress bar would be any use


def parse_where(values: tuple[str, ...]) -> dict[str, str]:
    """``('population_type="Children looked after on 31 March each year"',)`` -> a column: value dict."""
    try:
        return where_from_texts(values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--where") from None


def _run(path: Path, action: Callable[[Callable[[int, int], None] | None], ImportReport]) -> None:
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=f"Reading {path.name}", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        report = action(progress if path.is_file() and path.stat().st_size >= PROGRESS_FROM_BYTES else None)
    except ImportRejected as exc:
        raise click.ClickException(f"{exc} Nothing was imported.") from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for line in report.lines():
        click.echo(line)


@localdata.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--measure", required=True, help="The column to import, e.g. Section47, CPP_At31, children_count.")
@click.option("--name", help="Name templates use (local.NAME). Default: section47, cpp, cla or cin for their "
                             "columns, else the column name in lower case.")
@click.option("--label", help='How letters name the measure, e.g. "section 47 child protection enquiries".')
@click.option("--where", "where", multiple=True, metavar='COLUMN="value"',
              help="Only rows with this value in a filter column (repeatable).")
def import_command(file: Path, measure: str, name: str | None, label: str | None, where: tuple[str, ...]) -> None:
    """Import one measure column of a DfE Explore Education Statistics CSV."""
    filters = parse_where(where) or None
    _run(file, lambda progress: import_measure(file, measure=measure, name=name, label=label, where=filters,
                                               progress=progress))


@localdata.command("import-population")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--measure", default="population_estimate", show_default=True, help="The population column.")
@click.option("--where", "where", multiple=True, metavar='COLUMN="value"', help="Only rows with this value.")
def import_population_command(file: Path, measure: str, where: tuple[str, ...]) -> None:
    """Import ONS mid-year child population estimates (for rates per 10,000 children)."""
    filters = parse_where(where) or None
    _run(file, lambda progress: import_population(file, measure=measure, where=filters, progress=progress))


@localdata.command("import-lookup")
@click.argument("file", type=click.Path(path_type=Path))
def import_lookup_command(file: Path) -> None:
    """Import the ONS lower tier -> upper tier local authority lookup (district -> county)."""
    _run(file, lambda progress: import_lookup(file))


@localdata.command("show")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True, help="Print the object letter templates see, as JSON.")
@click.option("--measure", "measures", multiple=True, help="Only these measures (repeatable). Default: all.")
def show_command(code: str, as_json: bool, measures: tuple[str, ...]) -> None:
    """Show the figures letters use for council CODE (e.g. E08000035 for Leeds)."""
    figures = figures_for(code, list(measures) or None)
    if figures is None:
        raise click.ClickException(why_no_figures(code))
    if as_json:
        click.echo(json.dumps(figures.as_template_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(f"{figures.area_name} ({figures.area_code})"
               + (f", children's services authority for {figures.council_code}"
                  if figures.council_code != figures.area_code else ""))
    for line in figures.sources:
        click.echo(f"Source: {line}")
    for name, measure in figures.as_template_dict().items():
        if isinstance(measure, dict) and "sentence" in measure:
            click.echo(f"- {name}: {measure['sentence']} England: {measure['england_fmt']}; "
                       f"per 10,000 children: {measure['per_10k_fmt']}.")


@localdata.command("list")
def list_command() -> None:
    """List the imported data sets."""
    datasets = db.session.scalars(select(Dataset).order_by(Dataset.name)).all()
    if not datasets:
        click.echo("No local figures imported. Run `flask --app advocacy setup` to load the official data release.")
    for d in datasets:
        click.echo(f"{d.name}: {d.label} from {d.source} ({d.row_count:,} rows"
                   f"), imported {d.imported_at:%Y-%m-%d %H:%M} UTC")


def init_app(app: Flask) -> None:
    app.cli.add_command(localdata)


__all__ = ["init_app", "localdata", "parse_where", "year_label"]
