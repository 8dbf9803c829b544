"""Loading a data release into the database: every table it fills, replaced in ONE transaction.

Figures go through the same importer as the per-file commands (``localdata.importer``), the registers
through ``motions.registers`` and the MP snapshot through ``lookup.directory``. Nothing is overwritten by
an older release, and a data set someone imported by hand is kept.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from ..db import db
from ..localdata.ees import ImportRejected, year_label
from ..localdata.importer import LOOKUP, PRESETS, import_lookup, import_measure, import_population
from ..localdata.models import Dataset, Figure
from .build import MANIFEST, MEASURES, POPULATION
from .models import DataRelease
from .sources import human_date

SHIPPED = Path(__file__).resolve().parent / "release"
SOURCE_PREFIX = "data release "  # Dataset.source of a release's data sets; anything else was imported by hand
LABELS = {"section47": "section 47", "cpp": "child protection plans", "cin": "children in need",
          "cla": "children looked after", POPULATION: "child population", LOOKUP: "council lookup"}


class ReleaseRejected(Exception):
    """The release cannot be loaded (damaged, incomplete); nothing was changed. The message says why."""


@dataclass
class LoadReport:
    release: str
    loaded: bool = True  # False: the database already had this release or a newer one
    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # data sets imported by hand, left alone


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReleaseRejected(f"{path} cannot be read ({exc}).") from None


def _verified(folder: Path, manifest: dict) -> None:
    for name, facts in manifest.get("files", {}).items():
        path = folder / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != facts["sha256"]:
            raise ReleaseRejected(f"{path} is missing or does not match the manifest: the release is damaged. "
                                  f"Rebuild it with `flask --app advocacy data build`.")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def loaded_release() -> DataRelease | None:
    """The newest release loaded into this database, or None."""
    return db.session.scalar(select(DataRelease).order_by(DataRelease.release.desc(), DataRelease.id.desc()).limit(1))


def _coverage() -> dict[str, tuple[set[int], int]]:
    """Data set name -> (years, number of local authorities in its latest year)."""
    found: dict[str, tuple[set[int], int]] = {}
    for dataset in db.session.scalars(select(Dataset)):
        if dataset.kind == "lookup":
            found[dataset.name] = (set(), dataset.row_count)
            continue
        years = set(db.session.scalars(select(Figure.year).where(Figure.dataset_id == dataset.id).distinct()))
        authorities = db.session.scalar(select(func.count(Figure.id)).where(
            Figure.dataset_id == dataset.id, Figure.level == "local", Figure.year == max(years))) if years else 0
        found[dataset.name] = (years, authorities)
    return found


def _change_lines(before: dict, after: dict, names: list[str]) -> list[str]:
    lines = []
    for name in names:
        if name not in after:
            continue
        if name == LOOKUP:
            lines.append(f"{LABELS[name]}: {after[name][1]} councils mapped to their children's services authority")
            continue
        old_years, _ = before.get(name, (set(), 0))
        new_years, authorities = after[name]
        added = sorted(new_years - old_years)
        removed = sorted(old_years - new_years)
        parts = []
        if added and old_years:
            parts.append(", ".join(year_label(y) for y in added) + " added")
        elif added:
            parts.append(f"{year_label(min(added))} to {year_label(max(added))} loaded")
        if removed:
            parts.append(", ".join(year_label(y) for y in removed) + " removed")
        text = "; ".join(parts) or "no new year"
        lines.append(f"{LABELS.get(name, name)}: {text}; {authorities} authorities")
    return lines


def load_release(folder: Path = SHIPPED, *, force: bool = False) -> LoadReport:
    """Load the release in ``folder`` (default: the one shipped with the project) unless the database
    already holds it or a newer one (``force`` loads it anyway: `data update`). One transaction: on any
    failure nothing changes. Raises ReleaseRejected."""
    from ..lookup.directory import load_directory_snapshot
    from ..motions.registers import replace_constituencies, replace_councils

    manifest = read_manifest(folder)
    release = manifest.get("release", "")
    current = loaded_release()
    if current is not None and current.release >= release and not force:
        return LoadReport(release=current.release, loaded=False)
    _verified(folder, manifest)
    report = LoadReport(release=release)
    label = f"{SOURCE_PREFIX}{release}"
    hand_made = {d.name for d in db.session.scalars(select(Dataset))
                 if not d.source.startswith(SOURCE_PREFIX) and not d.is_sample}
    before = _coverage()
    try:
        for name in (*MEASURES, POPULATION, LOOKUP):
            if name in hand_made:
                report.kept.append(name)
                continue
            path = folder / f"{name}.csv"
            filename = f"{label}: {path.name}"
            if name == POPULATION:
                import_population(path, where={}, filename=filename, commit=False)
            elif name == LOOKUP:
                import_lookup(path, filename=filename, commit=False)
            else:
                import_measure(path, measure=PRESETS[name]["column"], name=name, where={}, filename=filename,
                               commit=False)
        councils = replace_councils(_rows(folder / "councils.csv"), commit=False)
        pairs = replace_constituencies(_rows(folder / "council_constituencies.csv"), commit=False)
        snapshot = next((s for s in manifest["sources"] if s["key"] == "constituencies"), {})
        as_of = datetime.fromisoformat((snapshot.get("date") or release) + ("-01" if len(snapshot.get("date", "")) == 7 else ""))
        mps = load_directory_snapshot(_rows(folder / "mps.csv"), as_of)
        db.session.add(DataRelease(release=release, manifest=json.dumps(manifest, sort_keys=True)))
        after = _coverage()
        db.session.commit()
    except ImportRejected as exc:
        db.session.rollback()
        raise ReleaseRejected(f"{exc} Nothing was changed.") from None
    except Exception:
        db.session.rollback()
        raise
    _forget_caches()
    report.changes = _change_lines(before, after, [*MEASURES, POPULATION, LOOKUP])
    report.changes.append(f"councils: {councils} in the register")
    seats = len({(r["constituency_code"]) for r in _rows(folder / "council_constituencies.csv")})
    report.changes.append(f"constituencies: {seats}, with {pairs} council-constituency pairs")
    report.changes.append(f"MP directory: {mps} constituencies as of {human_date(snapshot.get('date', release))}"
                          if mps is not None
                          else "MP directory: kept (`mps sync` has run, which is newer than the snapshot)")
    return report


def _forget_caches() -> None:
    from ..elections.dissolution import forget_sync_state
    from ..localdata.store import forget_snapshot
    from .provenance import forget_sources

    forget_snapshot()
    forget_sync_state()
    forget_sources()
