"""`flask --app advocacy campaigns ...`: check, list and export campaigns."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .registry import load_folder, registry
from .templating import TemplateProblems

campaigns_cli = AppGroup("campaigns", help="Check, list and export campaigns.")


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


@campaigns_cli.command("export")
@click.argument("slug")
@click.argument("into", type=click.Path(file_okay=False, path_type=Path))
def export(slug: str, into: Path) -> None:
    """Write a campaign's current files (with staff edits) as the folder INTO/SLUG, e.g. into letters/."""
    files = registry().files.get(slug)
    if files is None:
        raise click.ClickException(f"there is no campaign {slug!r}; `campaigns list` shows them")
    folder = into / slug
    if folder.exists():
        raise click.ClickException(f"{folder} already exists: choose another folder, or move it away first")
    folder.mkdir(parents=True)
    for name, text in sorted(files.items()):
        (folder / name).write_text(text, encoding="utf-8")
    click.echo(f"wrote {folder}: {', '.join(sorted(files))}")


@campaigns_cli.command("list")
def list_campaigns() -> None:
    """List loaded campaigns, with whether each is open."""
    for campaign in registry().campaigns.values():
        state = "open" if campaign.is_open() else "closed"
        click.echo(f"{campaign.slug}\t{state}\t{campaign.title}")


def init_app(app: Flask) -> None:
    app.cli.add_command(campaigns_cli)
