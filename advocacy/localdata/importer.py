"""Importing official files into the database: one transaction per file, idempotent, nothing half-done.

The CLI (``flask --app advocacy localdata import ...``) and the staff upload page call these functions.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Mapping

from sqlalchemy import delete, insert, select

from ..actions.models import utcnow
from ..db import db
from .ees import ImportRejected, Parsed, decode, read_measure, year_label
from .models import CouncilLookup, Dataset, Figure
from .ons import read_lookup

POPULATION = "child_population"
LOOKUP = "council_lookup"
# Measures the bundled campaign knows by name: the column they come from and how letters name them.
PRESETS: dict[str, dict] = {
    "section47": {"column": "Section47", "label": "section 47 child protection enquiries"},
    "cpp": {"column": "CPP_At31", "label": "children on child protection plans"},
    "cla": {"column": "children_count", "label": "children in care",
            "where": {"population_type": "Children looked after on 31 March each year"}},
    "cin": {"column": "At31_episodes", "label": "children in need"},
}
_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    name: str
    filename: str
    imported: int = 0
    not_published: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    filtered_out: int = 0
    unchanged: bool = False
    years: tuple[int, int] | None = None

    def lines(self) -> list[str]:
        """What happened, in words, for the CLI and the upload page."""
        if self.unchanged:
            return [f"{self.filename}: already imported as {self.name!r}; nothing changed."]
        lines = [f"{self.filename}: imported {self.imported:,} rows as {self.name!r}"
                 + (f" ({year_label(self.years[0])} to {year_label(self.years[1])})" if self.years else "")
                 + (f", of which {self.not_published:,} not published (suppressed)" if self.not_published else "")
                 + "."]
        if self.filtered_out:
            lines.append(f"left out {self.filtered_out:,} {'row' if self.filtered_out == 1 else 'rows'} "
                         f"not matching --where.")
        for reason, count in sorted(self.skipped.items(), key=lambda item: -item[1]):
            lines.append(f"skipped {count:,} {'row' if count == 1 else 'rows'} {reason}.")
        return lines


def _forget_snapshot() -> None:
    # This process sees new figures at once (other processes notice within RECHECK_SECONDS). Imported
    # here, not at the top: the store reads this module's constants.
    from ..data.provenance import forget_sources
    from .store import forget_snapshot

    forget_snapshot()
    forget_sources()  # the source lines name what was imported


def _read(source: Path | BinaryIO, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise ImportRejected(f"{path} does not exist or is not a file.")
        return path.read_bytes(), filename or path.name
    return source.read(), filename or getattr(source, "name", None) or "the uploaded file"


def default_name(measure: str) -> str:
    for name, preset in PRESETS.items():
        if preset["column"] == measure:
            return name
    return re.sub(r"[^a-z0-9_]+", "_", measure.lower()).strip("_")[:40] or "measure"


def where_from_texts(values: Iterable[str]) -> dict[str, str]:
    """Row filters typed as ``column="value"`` (quotes optional) -> {column: value}. ValueError says how to fix."""
    where = {}
    for item in values:
        column, equals, value = item.partition("=")
        if not equals or not column.strip():
            raise ValueError(f'{item!r} is not COLUMN="value", e.g. population_type="Children looked '
                             f'after on 31 March each year"')
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        where[column.strip()] = value
    return where


def import_measure(source: Path | BinaryIO, *, measure: str, name: str | None = None, label: str | None = None,
                   where: Mapping[str, str] | None = None, filename: str | None = None,
                   progress: Progress | None = None, is_sample: bool = False, commit: bool = True) -> ImportReport:
    """Import one measure column of a DfE Explore Education Statistics CSV as data set ``name``.

    Replaces any earlier import under that name; importing the same file again changes nothing.
    Raises ImportRejected (and changes nothing) when the file cannot be used. ``commit=False`` leaves the
    transaction open for a caller replacing several data sets at once (the data release).
    """
    name = name or default_name(measure)
    if not _NAME.fullmatch(name):
        raise ImportRejected(f"{name!r} is not a usable name: use lower-case letters, digits and _ "
                             f"(e.g. section47), starting with a letter.")
    if name in (POPULATION, LOOKUP):
        raise ImportRejected(f"{name!r} is kept for the child population and the council lookup: "
                             f"choose another --name.")
    preset = PRESETS.get(name, {})
    label = (label or preset.get("label") or measure).strip()
    if where is None and preset.get("column") == measure:
        where = preset.get("where")
    return _import(source, filename, name=name, kind="measure", label=label, measure=measure,
                   where=where or {}, year_shift=0, progress=progress, is_sample=is_sample, commit=commit)


def import_population(source: Path | BinaryIO, *, measure: str = "population_estimate",
                      where: Mapping[str, str] | None = None, filename: str | None = None,
                      progress: Progress | None = None, is_sample: bool = False, commit: bool = True) -> ImportReport:
    """Import ONS mid-year child population estimates (ages 0-17) for rates per 10,000 children.

    The estimate for mid-2024 is stored against 2024/25, the year DfE divides by it.
    """
    return _import(source, filename, name=POPULATION, kind="population", label="children aged 0 to 17",
                   measure=measure, where=where or {}, year_shift=1, progress=progress, is_sample=is_sample,
                   commit=commit)


def _import(source, filename, *, name, kind, label, measure, where, year_shift, progress,
            is_sample, commit) -> ImportReport:
    data, filename = _read(source, filename)
    where_json = json.dumps(dict(sorted(where.items()))) if where else ""
    digest = hashlib.sha256(b"\0".join([data, label.encode(), measure.encode(), where_json.encode(),
                                        kind.encode()])).hexdigest()
    existing = db.session.scalar(select(Dataset).where(Dataset.name == name))
    if existing is not None and existing.sha256 == digest and existing.is_sample == is_sample:
        return ImportReport(name=name, filename=filename, unchanged=True)

    parsed: Parsed = read_measure(decode(data, filename), measure=measure, filename=filename, where=where,
                                  year_shift=year_shift, progress=progress)
    try:
        if existing is None:
            existing = Dataset(name=name)
            db.session.add(existing)
        existing.kind, existing.label, existing.measure_column, existing.row_filter = kind, label, measure, where_json
        existing.source, existing.sha256, existing.is_sample = filename[:255], digest, is_sample
        existing.row_count = len(parsed.rows)
        existing.imported_at = utcnow()
        db.session.flush()
        db.session.execute(delete(Figure).where(Figure.dataset_id == existing.id))
        db.session.execute(insert(Figure), [
            {"dataset_id": existing.id, "year": r.year, "level": r.level, "area_code": r.area_code,
             "area_name": r.area_name[:120], "region_code": r.region_code, "region_name": r.region_name,
             "value": r.value, "status": r.status}
            for r in parsed.rows
        ])
        _finish(commit)
    except Exception:
        if commit:
            db.session.rollback()
        raise
    _forget_snapshot()
    years = [r.year for r in parsed.rows]
    return ImportReport(name=name, filename=filename, imported=len(parsed.rows), not_published=parsed.not_published,
                        skipped=dict(parsed.skipped), filtered_out=parsed.filtered_out,
                        years=(min(years), max(years)))


def _finish(commit: bool) -> None:
    if commit:
        db.session.commit()
    else:
        db.session.flush()


def import_lookup(source: Path | BinaryIO, *, filename: str | None = None, is_sample: bool = False,
                  commit: bool = True) -> ImportReport:
    """Import the ONS LTLA->UTLA lookup, replacing the previous one in one transaction."""
    data, filename = _read(source, filename)
    digest = hashlib.sha256(data).hexdigest()
    existing = db.session.scalar(select(Dataset).where(Dataset.name == LOOKUP))
    if existing is not None and existing.sha256 == digest and existing.is_sample == is_sample:
        return ImportReport(name=LOOKUP, filename=filename, unchanged=True)
    rows = read_lookup(decode(data, filename), filename=filename)
    try:
        if existing is None:
            existing = Dataset(name=LOOKUP)
            db.session.add(existing)
        existing.kind, existing.label, existing.measure_column = "lookup", "council lookup", ""
        existing.row_filter = ""
        existing.source, existing.sha256, existing.is_sample = filename[:255], digest, is_sample
        existing.row_count, existing.imported_at = len(rows), utcnow()
        db.session.execute(delete(CouncilLookup))
        db.session.execute(insert(CouncilLookup), [
            {"ltla_code": r.ltla_code, "ltla_name": r.ltla_name, "utla_code": r.utla_code,
             "utla_name": r.utla_name, "is_sample": is_sample} for r in rows])
        _finish(commit)
    except Exception:
        if commit:
            db.session.rollback()
        raise
    _forget_snapshot()
    return ImportReport(name=LOOKUP, filename=filename, imported=len(rows))
