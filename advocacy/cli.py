"""App-wide commands. Capability-specific commands live beside their capability."""

from __future__ import annotations

import click
from flask import Flask
from flask_migrate import upgrade

from .campaigns import registry


@click.command("setup")
def setup_command() -> None:
    """Make the app ready to serve: upgrade the database and report what is loaded. Safe to re-run."""
    upgrade()
    click.echo("database: up to date")
    for campaign in registry().campaigns.values():
        click.echo(f"campaign: {campaign.slug} ({'open' if campaign.is_open() else 'closed'})")


def init_app(app: Flask) -> None:
    app.cli.add_command(setup_command)
