"""The MP directory in the database: synced from the Members API, used when it is down, listed for the
manual path ("pick your constituency") and for staff ("constituencies with no letters yet")."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy.orm import selectinload

from ..actions.models import utcnow
from ..db import db
from .errors import UpstreamUnavailable
from .members import Contact, Member, contact_for, current_members, fold
from .models import Constituency, DirectoryMP


def all_constituencies() -> list[tuple[str, str]]:
    """(GSS code, name) of every constituency in the directory with a known code, by name."""
    rows = db.session.execute(
        db.select(Constituency.code, Constituency.name).where(Constituency.code.is_not(None))
        .order_by(Constituency.name)
    )
    return [(code, name) for code, name in rows]


def search_constituencies(query: str = "", limit: int = 50) -> list[Constituency]:
    """Constituencies whose name contains ``query`` (any case, accents ignored), each with its MP loaded."""
    statement = db.select(Constituency).options(selectinload(Constituency.mp)).order_by(Constituency.name)
    folded = fold(query or "")
    if folded:
        escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(Constituency.folded_name.like(f"%{escaped}%", escape="\\"))
    return list(db.session.scalars(statement.limit(limit)))


def get_constituency(constituency_id: int) -> Constituency | None:
    return db.session.get(Constituency, constituency_id)


def directory_seat(code: str | None, name: str | None) -> Constituency | None:
    """The directory's row for a constituency (by GSS code, else by name); None if the directory has
    never been synced or does not know the seat."""
    if last_synced() is None:
        return None
    seat = None
    if code:
        seat = db.session.scalar(db.select(Constituency).where(Constituency.code == code))
    if seat is None and name:
        seat = db.session.scalar(db.select(Constituency).where(Constituency.folded_name == fold(name)))
    return seat


def last_synced() -> datetime | None:
    return db.session.scalar(db.select(db.func.max(DirectoryMP.synced_at)))


@dataclass(frozen=True)
class SyncReport:
    mps: int
    constituencies: int
    vacant: list[str]
    without_code: list[str]


def load_codes(path: Path) -> int:
    """Add GSS codes (and region, country) from a CSV with columns pcon_name, pcon_code and optionally
    region_name, country_name: the format of DfE's published mp_lookup.csv. Does not commit."""
    count = 0
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = {"pcon_name", "pcon_code"} - set(reader.fieldnames or ())
        if missing:
            raise click.ClickException(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            name, code = (row.get("pcon_name") or "").strip(), (row.get("pcon_code") or "").strip()
            if not name or not code:
                continue
            seat = _seat_by_name(name) or db.session.scalar(db.select(Constituency).where(Constituency.code == code))
            if seat is None:
                seat = Constituency(name=name, folded_name=fold(name))
                db.session.add(seat)
            seat.name, seat.folded_name, seat.code = name, fold(name), code
            seat.region = (row.get("region_name") or "").strip() or seat.region
            seat.country = (row.get("country_name") or "").strip() or seat.country
            db.session.flush()
            count += 1
    return count


def _seat_by_name(name: str) -> Constituency | None:
    return db.session.scalar(db.select(Constituency).where(Constituency.folded_name == fold(name)))


def sync_mps(members_api, codes: Path | None = None) -> SyncReport:
    """Replace the directory's MPs with every current MP from the Members API (paged), in one transaction.
    If the API fails part way, nothing changes. Raises UpstreamUnavailable."""
    members: list[tuple[Member, Contact | None]] = []
    for member in current_members(members_api):
        contact, _ = contact_for(members_api, member.member_id, fresh=True)
        members.append((member, contact))
    try:
        if codes is not None:
            load_codes(codes)
        now = utcnow()
        db.session.execute(db.delete(DirectoryMP))
        for member, contact in members:
            seat = _seat_for(member)
            db.session.add(DirectoryMP(member_id=member.member_id, name=member.name, party=member.party,
                                       email=contact.email if contact else None,
                                       thumbnail_url=member.thumbnail_url, constituency=seat, synced_at=now))
        db.session.flush()
        seats = list(db.session.scalars(db.select(Constituency).options(selectinload(Constituency.mp))
                                        .order_by(Constituency.name)))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return SyncReport(mps=len(members), constituencies=len(seats),
                      vacant=[s.name for s in seats if s.mp is None],
                      without_code=[s.name for s in seats if s.code is None])


def _seat_for(member: Member) -> Constituency:
    seat = None
    if member.parliament_constituency_id is not None:
        seat = db.session.scalar(db.select(Constituency)
                                 .where(Constituency.parliament_id == member.parliament_constituency_id))
    name = member.constituency_name or f"Constituency {member.parliament_constituency_id}"
    if seat is None:
        seat = _seat_by_name(name)
    if seat is None:
        seat = Constituency(name=name, folded_name=fold(name))
        db.session.add(seat)
    seat.parliament_id = member.parliament_constituency_id
    db.session.flush()
    return seat


mps_cli = AppGroup("mps", help="The MP directory (used when the Members API is down, and for the manual path).")


@mps_cli.command("sync")
@click.option("--codes", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV with pcon_name and pcon_code columns (e.g. DfE's mp_lookup.csv) for GSS codes")
def sync_command(codes: Path | None) -> None:
    """Load every current MP from the UK Parliament Members API into the database."""
    from .service import lookup_clients

    try:
        report = sync_mps(lookup_clients().members, codes)
    except UpstreamUnavailable as exc:
        raise click.ClickException(f"{exc.message} The directory was not changed.") from None
    click.echo(f"mps: {report.mps} current MPs in {report.constituencies} constituencies")
    if report.vacant:
        click.echo(f"vacant: {', '.join(report.vacant)}")
    if report.without_code:
        click.echo(f"no GSS code yet (run with --codes): {len(report.without_code)} constituencies")


def init_app(app: Flask) -> None:
    app.cli.add_command(mps_cli)
