"""App-wide commands. Capability-specific commands live beside their capability."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext
from flask_migrate import upgrade

from .campaigns import registry


@click.command("setup")
@with_appcontext  # also when invoked outside the flask CLI (tests, app.test_cli_runner())
def setup_command() -> None:
    """Make the app ready to serve: upgrade the database and report what is loaded. Safe to re-run."""
    upgrade()
    click.echo("database: up to date")
    _local_figures()
    _motion_registers()
    for campaign in registry().campaigns.values():
        click.echo(f"campaign: {campaign.slug} ({'open' if campaign.is_open() else 'closed'})")


def _local_figures() -> None:
    # Sample figures fill only the data sets no official file has been imported for, so `make run` works
    # on a fresh clone and never overwrites real figures.
    from sqlalchemy import select

    from .db import db
    from .localdata.models import Dataset
    from .localdata.sample import load_sample

    present = {name: sample for name, sample in db.session.execute(select(Dataset.name, Dataset.is_sample))}
    wanted = {"section47", "cpp", "cla", "cin", "child_population", "council_lookup"}
    missing = {name for name in wanted if name not in present or present[name]}
    if missing:
        load_sample(missing)
    official = sorted(name for name, sample in present.items() if not sample)
    if official:
        click.echo(f"local figures: official ({', '.join(official)})"
                   + (f"; sample figures for {', '.join(sorted(missing))}" if missing else ""))
    else:
        click.echo("local figures: SAMPLE figures (made up); see docs/data.md, 'Local figures', to import the official files")


def _motion_registers() -> None:
    # Like the figures: sample registers only where no official file was imported.
    from .motions.registers import load_sample_registers

    loaded = load_sample_registers()
    if loaded:
        click.echo(f"council registers: SAMPLE {' and '.join(loaded)} (a few councils); see docs/data.md, 'Councils and constituencies'")
    else:
        click.echo("council registers: official")


def init_app(app: Flask) -> None:
    app.cli.add_command(setup_command)
