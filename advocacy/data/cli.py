"""``flask --app advocacy data ...``: build, load and refresh the official-data release."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .build import BuildFailed, build_release
from .load import SHIPPED, LoadReport, ReleaseRejected, load_release
from .provenance import all_sources, data_dates
from .update import UpdateFailed, update_release

data_cli = AppGroup("data", help="The official-data release: figures, councils, constituencies, MPs.")


def echo_report(report: LoadReport) -> None:
    if not report.loaded:
        click.echo(f"data release {report.release}: already loaded (nothing older replaces it)")
        return
    click.echo(f"data release {report.release}: loaded")
    for line in report.changes:
        click.echo(f"  {line}")
    for name in report.kept:
        click.echo(f"  {name}: kept your own import (import the release's file again to replace it)")


@data_cli.command("build")
@click.argument("source_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=SHIPPED,
              show_default=True, help="Where to write the release.")
@click.option("--built-on", default=None, help="The release's date (YYYY-MM-DD). Default: today.")
def build_command(source_dir: Path, out_dir: Path, built_on: str | None) -> None:
    """Build the release from SOURCE_DIR, a folder of the official files under their published names."""
    try:
        manifest = build_release(source_dir, out_dir, built_on=built_on or date.today().isoformat())
    except BuildFailed as exc:
        raise click.ClickException(f"{exc} Nothing was written.") from None
    click.echo(f"data release {manifest['release']} written to {out_dir}")
    for name, facts in manifest["files"].items():
        click.echo(f"  {name}: {facts['rows']:,} rows")


@data_cli.command("load")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path), default=SHIPPED)
@click.option("--force", is_flag=True, help="Load it even if the database holds the same or a newer release.")
def load_command(folder: Path, force: bool) -> None:
    """Load a release (default: the one shipped with the project) into the database."""
    try:
        echo_report(load_release(folder, force=force))
    except ReleaseRejected as exc:
        raise click.ClickException(str(exc)) from None


@data_cli.command("update")
@click.option("--from", "base_url", default=None, metavar="URL",
              help="Download every file from URL/<file name> instead of the publishers' URLs "
                   "(default: ADVOCACY_DATA_SOURCE_URL, if set).")
def update_command(base_url: str | None) -> None:
    """Download the current official files, check them, build a release and swap it in."""
    try:
        report = update_release(base_url or current_app.config.get("ADVOCACY_DATA_SOURCE_URL"))
    except UpdateFailed as exc:
        raise click.ClickException("the update stopped and nothing was changed:\n  "
                                   + "\n  ".join(exc.reasons)) from None
    echo_report(report.load)


@data_cli.command("status")
def status_command() -> None:
    """Which release is loaded, and each source's date and licence."""
    dates = data_dates()
    if dates.release is None:
        click.echo("No data release loaded. Run `flask --app advocacy setup`.")
        return
    click.echo(f"data release {dates.release}, loaded {dates.loaded_at:%Y-%m-%d %H:%M} UTC")
    for source in all_sources():
        click.echo(f"  {source.key}: {source.line}")
    for name, filename, at in dates.hand_imported:
        click.echo(f"  {name}: your own import of {filename} ({at:%Y-%m-%d}), kept")


def init_app(app: Flask) -> None:
    app.cli.add_command(data_cli)
