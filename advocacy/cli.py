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
    _data_release()
    for campaign in registry().campaigns.values():
        click.echo(f"campaign: {campaign.slug} ({'open' if campaign.is_open() else 'closed'})")


def _data_release() -> None:
    # The official figures, councils, constituencies and MPs shipped with the project; never over a newer
    # release (`data update`) or a data set imported by hand.
    from .data.cli import echo_report
    from .data.load import ReleaseRejected, load_release

    try:
        echo_report(load_release())
    except ReleaseRejected as exc:
        raise click.ClickException(str(exc)) from None


def init_app(app: Flask) -> None:
    app.cli.add_command(setup_command)
