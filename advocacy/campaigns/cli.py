"""`flask --app advocacy campaigns ...`: check and list campaigns."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .registry import load_folder, registry
from .templating import TemplateProblems

campaigns_cli = AppGroup("campaigns", help="Check and list campaigns.")


@campaigns_cli.command("check")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Check this campaigns folder instead of the configured one (e.g. a draft campaign).")
def check(folder: Path | None) -> None:
    """Render every campaign template with example data and report every problem."""
    folder = folder or Path(current_app.config["ADVOCACY_CAMPAIGNS_DIR"])
    try:
        loaded = load_folder(folder)
    except TemplateProblems as exc:
        for problem in exc.problems:
            click.echo(f"problem: {problem}", err=True)
        raise SystemExit(1) from None
    for campaign in loaded.campaigns.values():
        kinds = ", ".join(sorted(campaign.templates))
        click.echo(f"ok: {campaign.slug} ({kinds})")


@campaigns_cli.command("list")
def list_campaigns() -> None:
    """List loaded campaigns, with whether each is open."""
    for campaign in registry().campaigns.values():
        state = "open" if campaign.is_open() else "closed"
        click.echo(f"{campaign.slug}\t{state}\t{campaign.title}")


def init_app(app: Flask) -> None:
    app.cli.add_command(campaigns_cli)
