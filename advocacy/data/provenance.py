"""Where every figure came from, in words people can check: the one module pages, documents and the
API ask.

    source_line("section47")  -> "Department for Education, Characteristics of children in need 2024/25,
                                  published 30 October 2025, OGL v3"
    source_lines(["section47", "cpp"])  -> the distinct lines for a set of data sets
    all_sources()             -> every source of the loaded release (publisher, title, date, licence, ...)
    publications()            -> the same, one per publication (for pages listing them)
    data_dates()              -> what staff see: the release, when it was loaded, each source's date

Data sets a member of staff imported by hand are described by their file and import date instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from sqlalchemy import select

from ..db import db
from ..memo import forget_held, held_by_app
from .sources import BY_KEY, human_date

EXTENSION = "advocacy.data.provenance"
RECHECK_SECONDS = 5.0
# Data sets -> the source they were built from, where the names differ.
SOURCE_OF = {"councils": "councils", "council_constituencies": "constituencies", "mps": "constituencies"}


@dataclass(frozen=True)
class SourceInfo:
    key: str
    publisher: str
    title: str
    date: str  # "2025-10-30", or "2026-06" for an "as of" snapshot
    published: bool
    page_url: str
    download_url: str
    licence: str
    licence_short: str
    licence_url: str
    attribution: str
    sha256: str = ""

    @property
    def date_phrase(self) -> str:
        """ "published 30 October 2025" or "as of June 2026"."""
        return f"{'published' if self.published else 'as of'} {human_date(self.date)}"

    @property
    def line(self) -> str:
        return f"{self.publisher}, {self.title}, {self.date_phrase}, {self.licence_short}"


@dataclass(frozen=True)
class DataDates:
    release: str | None  # the loaded release's build date, None when no release is loaded
    loaded_at: datetime | None
    sources: list[SourceInfo]  # one per publication
    hand_imported: list[tuple[str, str, datetime]]  # (data set, file, imported at) kept over the release


class _Cached:
    def __init__(self, sources: dict[str, SourceInfo], hand: dict[str, tuple[str, datetime]], release, loaded_at):
        self.sources, self.hand, self.release, self.loaded_at = sources, hand, release, loaded_at


def _read() -> _Cached:
    from ..localdata.models import Dataset
    from .load import SOURCE_PREFIX, loaded_release

    row = loaded_release()
    sources: dict[str, SourceInfo] = {}
    if row is not None:
        for item in json.loads(row.manifest).get("sources", []):
            known = BY_KEY.get(item["key"])
            sources[item["key"]] = SourceInfo(
                key=item["key"], publisher=item["publisher"], title=item["title"], date=item["date"],
                published=item["published"], page_url=item["page_url"], download_url=item["download_url"],
                licence=item["licence"], licence_short=item.get("licence_short") or (known.licence_short if known else item["licence"]),
                licence_url=item["licence_url"], attribution=item["attribution"], sha256=item.get("sha256", ""))
    hand = {d.name: (d.source, d.imported_at) for d in db.session.scalars(select(Dataset))
            if not d.source.startswith(SOURCE_PREFIX)}
    return _Cached(sources, hand, row.release if row else None, row.loaded_at if row else None)


def _cached() -> _Cached:
    return held_by_app(EXTENSION, _read, RECHECK_SECONDS)


def forget_sources() -> None:
    """Drop this app's cached sources (after loading a release or importing a file)."""
    forget_held(EXTENSION)


def all_sources() -> list[SourceInfo]:
    """Every source of the loaded release, in the manifest's order (empty when none is loaded)."""
    return list(_cached().sources.values())


def publications() -> list[SourceInfo]:
    """The distinct publications of the loaded release (several data sets can come from one), in order:
    what a page listing sources shows."""
    seen: dict[tuple[str, str, str], SourceInfo] = {}
    for source in all_sources():
        seen.setdefault((source.publisher, source.title, source.date), source)
    return list(seen.values())


def source_line(dataset_name: str) -> str:
    """One line saying where a data set's figures come from, or "" when nothing is known about it.

    ``dataset_name``: a measure (``section47``, ``cpp``, ``cin``, ``cla``), ``child_population``,
    ``council_lookup``, ``councils``, ``council_constituencies`` or ``mps``.
    """
    cached = _cached()
    if dataset_name in cached.hand:
        filename, imported_at = cached.hand[dataset_name]
        return f"{filename}, imported {imported_at.day} {human_date(imported_at.strftime('%Y-%m'))}"
    source = cached.sources.get(SOURCE_OF.get(dataset_name, dataset_name))
    return source.line if source else ""


def source_lines(dataset_names: Iterable[str]) -> list[str]:
    """The distinct source lines for several data sets, in order: what a page quoting them shows."""
    lines: list[str] = []
    for name in dataset_names:
        line = source_line(name)
        if line and line not in lines:
            lines.append(line)
    return lines


def data_dates() -> DataDates:
    """The loaded release, when it was loaded, each source's date and any data set imported by hand."""
    cached = _cached()
    return DataDates(release=cached.release, loaded_at=cached.loaded_at, sources=publications(),
                     hand_imported=[(name, filename, at) for name, (filename, at) in sorted(cached.hand.items())])
