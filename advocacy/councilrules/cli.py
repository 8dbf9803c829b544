"""`flask --app advocacy council-rules ...`: import councils' motion rules and show their deadlines."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from .importer import RulesFileRejected, import_rules
from .service import deadlines_for

rules_cli = AppGroup("council-rules", help="Councils' rules for motions: notice periods and meeting dates.")


@rules_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Import rules from a CSV file; bad rows are listed and not imported."""
    try:
        with file.open("rb") as handle:
            report = import_rules(handle, filename=file.name, by="command line")
    except RulesFileRejected as exc:
        raise click.ClickException(str(exc)) from None
    for line in report.lines():
        click.echo(line)
    for problem in report.problems:
        click.echo(f"  {problem}")
    if report.problems:
        raise SystemExit(1)


@rules_cli.command("deadlines")
@click.argument("code")
def deadlines_command(code: str) -> None:
    """The council's upcoming Full Council meetings still open for notice, with their deadlines."""
    found = deadlines_for(code)
    if found is None:
        raise click.ClickException(f"No rules are recorded for {code.upper()}; import or add them first.")
    click.echo(f"{found.rules.council_name}: {found.notice}' notice"
               f"{', seconder must sign' if found.rules.seconder_required else ''}")
    if not found.upcoming:
        click.echo("No Full Council meeting is open for notice: add the next meeting dates.")
    for item in found.upcoming:
        click.echo(f"  {item.line}")


def init_app(app: Flask) -> None:
    app.cli.add_command(rules_cli)
