"""The MP directory in the database: synced from the Members API, used when it is down, listed for the
manual path ("pick your constituency") and for staff ("constituencies with no letters yet")."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
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
from .models import Constituency, DirectoryMP, MPSyncRun


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
    if last_sync_run_at() is None:
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
class SeatChange:
    """One constituency whose MP changed between two syncs. ``before``/``after`` are MP names (None: none)."""

    constituency: str
    kind: str  # "new" (an MP where there was none), "changed" (another MP, or new details), "gone" (no MP now)
    before: str | None
    after: str | None
    detail: str = ""  # for "changed" with the same MP: which details changed (party, email)


@dataclass(frozen=True)
class SyncReport:
    mps: int
    constituencies: int
    vacant: list[str]
    without_code: list[str]
    changes: list[SeatChange] = field(default_factory=list)
    previous_sync: datetime | None = None  # None: the first sync, so nothing to compare against

    def changes_of(self, kind: str) -> list[SeatChange]:
        return [c for c in self.changes if c.kind == kind]


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
        previous_sync = last_sync_run_at()
        before = _snapshot()
        db.session.execute(db.delete(DirectoryMP))
        for member, contact in members:
            seat = _seat_for(member)
            db.session.add(DirectoryMP(member_id=member.member_id, name=member.name, party=member.party,
                                       email=contact.email if contact else None,
                                       thumbnail_url=member.thumbnail_url, constituency=seat, synced_at=now))
        db.session.flush()
        seats = list(db.session.scalars(db.select(Constituency).options(selectinload(Constituency.mp))
                                        .order_by(Constituency.name)))
        changes = compare_snapshots(before, _snapshot()) if previous_sync is not None else []
        db.session.add(MPSyncRun(synced_at=now, mps=len(members), new=sum(c.kind == "new" for c in changes),
                                 changed=sum(c.kind == "changed" for c in changes),
                                 gone=sum(c.kind == "gone" for c in changes)))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    from ..elections.dissolution import forget_sync_state

    forget_sync_state()
    return SyncReport(mps=len(members), constituencies=len(seats),
                      vacant=[s.name for s in seats if s.mp is None],
                      without_code=[s.name for s in seats if s.code is None],
                      changes=changes, previous_sync=previous_sync)


def last_sync_run_at() -> datetime | None:
    """When `mps sync` last succeeded (UTC, naive), even if it found no MP at all (a dissolution)."""
    return db.session.scalar(db.select(db.func.max(MPSyncRun.synced_at))) or last_synced()


_Details = tuple[int, str, str | None, str | None]  # member id, name, party, email


def _snapshot() -> dict[str, tuple[str, _Details | None]]:
    """folded constituency name -> (name, MP details or None when vacant)."""
    seats = db.session.scalars(db.select(Constituency).options(selectinload(Constituency.mp)))
    return {seat.folded_name: (seat.name, (seat.mp.member_id, seat.mp.name, seat.mp.party, seat.mp.email)
                               if seat.mp else None) for seat in seats}


def compare_snapshots(before: dict[str, tuple[str, _Details | None]],
                      after: dict[str, tuple[str, _Details | None]]) -> list[SeatChange]:
    """What changed seat by seat, by constituency name."""
    changes = []
    for key in sorted(set(before) | set(after)):
        name = (after.get(key) or before[key])[0]
        old = before.get(key, (name, None))[1]
        new = after.get(key, (name, None))[1]
        if old == new:
            continue
        if old is None:
            changes.append(SeatChange(name, "new", None, new[1]))
        elif new is None:
            changes.append(SeatChange(name, "gone", old[1], None))
        elif old[0] != new[0]:
            changes.append(SeatChange(name, "changed", old[1], new[1]))
        else:
            detail = ", ".join(label for label, a, b in (("name", old[1], new[1]), ("party", old[2], new[2]),
                                                         ("email", old[3], new[3])) if a != b)
            changes.append(SeatChange(name, "changed", old[1], new[1], detail))
    return changes


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
    for line in change_report_lines(report):
        click.echo(line)
    if report.vacant and report.mps:
        click.echo(f"vacant: {', '.join(report.vacant)}")
    if report.without_code:
        click.echo(f"no GSS code yet (run with --codes): {len(report.without_code)} constituencies")
    from ..elections import reminders_ready

    ready = reminders_ready()
    if ready:
        click.echo(f"reminders: {len(ready)} residents asked to hear when their new MP is known and can be told now; the worker (`flask --app advocacy worker`) emails them")


def change_report_lines(report: SyncReport) -> list[str]:
    """The change report `mps sync` prints: new, changed and gone MPs by constituency."""
    if report.previous_sync is None:
        return ["changes: first sync, nothing to compare with"]
    since = f"since the last sync ({report.previous_sync:%Y-%m-%d %H:%M} UTC)"
    if report.mps == 0:
        lines = ["Parliament looks dissolved: the Members API lists no current MP. Residents are told there are "
                 "no MPs until the election (run `mps sync` again once the results are in)."]
    else:
        lines = []
    if not report.changes:
        return lines + [f"changes: none {since}"]
    counts = ", ".join(f"{len(report.changes_of(kind))} {kind}" for kind in ("new", "changed", "gone"))
    lines.append(f"changes {since}: {counts}")
    for change in report.changes:
        if change.kind == "new":
            lines.append(f"  new      {change.constituency}: {change.after}")
        elif change.kind == "gone":
            lines.append(f"  gone     {change.constituency}: {change.before} (no MP now)")
        elif change.detail:
            lines.append(f"  changed  {change.constituency}: {change.after} ({change.detail} changed)")
        else:
            lines.append(f"  changed  {change.constituency}: {change.before} -> {change.after}")
    return lines


def init_app(app: Flask) -> None:
    app.cli.add_command(mps_cli)


def load_directory_snapshot(rows: list[dict[str, str]], as_of: datetime) -> int | None:
    """Fill the directory from the data release's MP snapshot (constituency_code, constituency_name, region,
    country, member_id, name, party, email), as synced at ``as_of``. Does nothing (returns None) once
    `mps sync` has run: a live sync is always newer than a shipped snapshot. Does not commit."""
    if db.session.scalar(db.select(db.func.count(MPSyncRun.id))):
        return None
    db.session.execute(db.delete(DirectoryMP))
    seats = list(db.session.scalars(db.select(Constituency)))
    if not seats:  # a new database: insert in bulk (ORM objects one by one take most of `flask setup`)
        db.session.execute(db.insert(Constituency), [
            {"name": row["constituency_name"], "folded_name": fold(row["constituency_name"]),
             "code": row["constituency_code"], "region": row["region"] or None, "country": row["country"] or None}
            for row in rows])
        ids = dict(db.session.execute(db.select(Constituency.folded_name, Constituency.id)).all())
        _insert_mps(rows, ids, as_of)
        return len(rows)
    by_name = {seat.folded_name: seat for seat in seats}
    by_code = {seat.code: seat for seat in seats if seat.code}
    # Matched by name first; a code now used under another name (boundary changes) moves to that name.
    for row in rows:
        holder = by_code.get(row["constituency_code"])
        if holder is not None and holder.folded_name != fold(row["constituency_name"]) \
                and fold(row["constituency_name"]) in by_name:
            holder.code = None
    db.session.flush()
    for row in rows:
        name, code = row["constituency_name"], row["constituency_code"]
        seat = by_name.get(fold(name)) or by_code.get(code)
        if seat is None:
            seat = Constituency(name=name, folded_name=fold(name))
            db.session.add(seat)
        seat.name, seat.folded_name, seat.code = name, fold(name), code
        seat.region, seat.country = row["region"] or seat.region, row["country"] or seat.country
        by_name[seat.folded_name] = seat
    db.session.flush()
    _insert_mps(rows, {name: seat.id for name, seat in by_name.items()}, as_of)
    return len(rows)


def _insert_mps(rows: list[dict[str, str]], seat_ids: dict[str, int], as_of: datetime) -> None:
    mps = [{"member_id": int(row["member_id"]), "name": row["name"], "party": row["party"] or None,
            "email": row["email"] or None, "constituency_id": seat_ids[fold(row["constituency_name"])],
            "synced_at": as_of} for row in rows if row["member_id"]]
    if mps:
        db.session.execute(db.insert(DirectoryMP), mps)  # in bulk: 650 rows in one statement
