"""Reading Explore Education Statistics (EES) CSV files: plain functions, no database.

EES files share a layout: ``time_period``, ``time_identifier``, ``geographic_level`` and the codes and
names of the country, region and local authority, then filter columns (``population_type``,
``age_group``...) and measure columns. Published values may be replaced by suppression codes, which mean
"not published", never zero.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Mapping

# What each code means, from the EES guidance. All of them read as "not published" to a resident.
SUPPRESSION_CODES = {
    "c": "confidential",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "rounds to zero",
    ":": "not available",
}

REQUIRED_COLUMNS = ("time_period", "geographic_level")
GEOGRAPHY_COLUMNS = ("time_period", "time_identifier", "geographic_level", "country_code", "country_name",
                     "region_code", "region_name", "old_la_code", "new_la_code", "la_name")
LEVELS = {"National": "national", "Regional": "regional", "Local authority": "local"}
NATIONAL_CODE = "E92000001"
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_CODE = re.compile(r"[EWSN]\d{8}")


class ImportRejected(ValueError):
    """The file cannot be imported. The message says what is wrong and how to fix it."""


@dataclass(frozen=True)
class Row:
    year: int
    level: str
    area_code: str
    area_name: str
    region_code: str | None
    region_name: str | None
    value: float | None
    status: str | None  # a suppression code, or None when the value is published


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason -> number of rows
    not_published: int = 0
    filtered_out: int = 0


def decode(data: bytes, filename: str) -> str:
    """The file's text. Rejects files that are not UTF-8 text (a spreadsheet, a PDF, a zip)."""
    if data[:4] in (b"PK\x03\x04", b"%PDF") or b"\x00" in data[:4096]:
        raise ImportRejected(f"{filename} is not a CSV file. Download the CSV version of the data (not the "
                             f"spreadsheet or PDF) from Explore Education Statistics and import that.")
    try:
        return data.decode("utf-8-sig")  # EES files sometimes start with a byte order mark
    except UnicodeDecodeError as exc:
        raise ImportRejected(f"{filename} is not a UTF-8 CSV file (unreadable byte at position {exc.start}). "
                             f"Download the CSV again from Explore Education Statistics without opening and "
                             f"re-saving it in a spreadsheet.") from None


def year_of(time_period: str) -> int | None:
    """The year a period ends: ``2025`` for "2025" (year ending 31 March 2025) and for "202425"."""
    period = time_period.strip()
    if re.fullmatch(r"\d{4}", period):
        return int(period)
    if re.fullmatch(r"\d{6}", period) and (int(period[:4]) + 1) % 100 == int(period[4:]):
        return int(period[:4]) + 1
    return None


def year_label(year: int) -> str:
    """``2025`` -> ``"2024/25"``: the reporting year as the statistics name it."""
    return f"{year - 1}/{year % 100:02d}"


def parse_value(raw: str) -> tuple[float | None, str | None]:
    """``("3,097")`` -> ``(3097.0, None)``; ``("c")`` -> ``(None, "c")``. Raises ValueError otherwise."""
    text = raw.strip().replace(",", "")
    if text.lower() in SUPPRESSION_CODES:
        return None, text.lower()
    if _NUMBER.match(text):
        return float(text), None
    raise ValueError(raw)


def read_measure(text: str, *, measure: str, filename: str, where: Mapping[str, str] | None = None,
                 year_shift: int = 0, progress: Callable[[int, int], None] | None = None) -> Parsed:
    """Read one measure column of an EES CSV into rows. Raises ImportRejected for a file that cannot be
    used; rows that cannot be used are counted in ``skipped`` by reason.

    ``year_shift`` moves every year on: ONS mid-year estimates for mid-2024 are the population DfE uses
    for 2024/25.
    """
    where = dict(where or {})
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    reader.fieldnames = columns
    _check_columns(columns, measure, where, filename)
    total = max(text.count("\n") - 1, 1)
    parsed = Parsed()
    seen: dict[tuple[str, int], dict] = {}
    where_seen: Counter = Counter()
    matched = 0
    for number, record in enumerate(reader, start=2):  # line 1 is the header
        if progress and number % 500 == 0:
            progress(number, total)
        if None in record:
            raise ImportRejected(f"{filename}, line {number}: the row has more cells than the header has "
                                 f"columns. The file is damaged or is not an EES CSV.")
        if where:
            where_seen.update((k, (record.get(k) or "").strip()) for k in where)
            if any((record.get(k) or "").strip() != v for k, v in where.items()):
                parsed.filtered_out += 1
                continue
            matched += 1
        row = _row(record, measure, year_shift, parsed)
        if row is None:
            continue
        key = (row.area_code, row.year)
        if key in seen:
            raise ImportRejected(_duplicate_message(filename, columns, measure, where, seen[key], record, row))
        seen[key] = record
        parsed.rows.append(row)
        for extra in _combined_codes(record):
            parsed.rows.append(Row(row.year, row.level, extra, row.area_name, row.region_code, row.region_name,
                                   row.value, row.status))
    if progress:
        progress(total, total)
    if where and not matched:
        raise ImportRejected(_where_message(filename, where, where_seen))
    if not parsed.rows:
        reasons = "; ".join(f"{n:,} rows {reason}" for reason, n in parsed.skipped.most_common()) or "the file is empty"
        raise ImportRejected(f"{filename} has no rows that could be imported ({reasons}).")
    return parsed


def _check_columns(columns: list[str], measure: str, where: Mapping[str, str], filename: str) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing or not ({"country_code", "region_code", "new_la_code"} & set(columns)):
        shown = ", ".join(columns[:8]) + (", ..." if len(columns) > 8 else "") if columns else "none"
        raise ImportRejected(
            f"{filename} is not an Explore Education Statistics CSV: it has no "
            f"{' or '.join(missing) or 'area code'} column (columns found: {shown}). "
            f"Download the data set's CSV from explore-education-statistics.service.gov.uk.")
    if measure not in columns:
        candidates = [c for c in columns if c not in GEOGRAPHY_COLUMNS]
        close = difflib.get_close_matches(measure, candidates, n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        raise ImportRejected(f"{filename} has no column {measure!r}.{hint} Columns after the area columns: "
                             f"{', '.join(candidates) or 'none'}. Give one of them with --measure.")
    for column in where:
        if column not in columns:
            raise ImportRejected(f"{filename} has no column {column!r} to filter on with --where. "
                                 f"Its columns are: {', '.join(columns)}.")


def _row(record: dict, measure: str, year_shift: int, parsed: Parsed) -> Row | None:
    def get(column: str) -> str:
        return (record.get(column) or "").strip()

    raw_level = get("geographic_level")
    level = LEVELS.get(raw_level)
    if level is None:
        parsed.skipped[f"at geographic level {raw_level!r} (only National, Regional and Local "
                       f"authority rows are used)"] += 1
        return None
    year = year_of(get("time_period"))
    if year is None:
        parsed.skipped[f"with a time_period that is not a year, such as {get('time_period')!r}"] += 1
        return None
    if level == "national":
        code, name = get("country_code") or NATIONAL_CODE, get("country_name") or "England"
    elif level == "regional":
        code, name = get("region_code"), get("region_name")
    else:
        codes = _CODE.findall(get("new_la_code"))
        code, name = (codes[0] if codes else ""), get("la_name")
    if not code:
        parsed.skipped[f"without an area code ({raw_level} level)"] += 1
        return None
    try:
        value, status = parse_value(get(measure))
    except ValueError:
        parsed.skipped[f"whose {measure} is neither a number nor a suppression code "
                       f"(such as {get(measure)!r})"] += 1
        return None
    if status:
        parsed.not_published += 1
    region_code = get("region_code") or None if level == "local" else None
    region_name = get("region_name") or None if level == "local" else None
    return Row(year + year_shift, level, code, name or code, region_code, region_name, value, status)


def _combined_codes(record: dict) -> list[str]:
    # A row for combined authorities may list several codes ("E06000052 / E06000053"): the figure then
    # belongs to each of them, so each council's residents find it.
    if (record.get("geographic_level") or "").strip() != "Local authority":
        return []
    return _CODE.findall(record.get("new_la_code") or "")[1:]


def _duplicate_message(filename: str, columns: list[str], measure: str, where: Mapping[str, str],
                       first: dict, second: dict, row: Row) -> str:
    varying = [c for c in columns if c not in GEOGRAPHY_COLUMNS and c != measure and c not in where
               and first.get(c) != second.get(c) and not _NUMBER.match((first.get(c) or "").replace(",", ""))]
    if varying:
        column = varying[0]
        return (f"{filename} has more than one row for {row.area_name} in {year_label(row.year)}: they differ in "
                f"{column!r}. Choose which rows to import with --where, e.g. "
                f"--where {column}=\"{(first.get(column) or '').strip()}\".")
    return (f"{filename} has more than one row for {row.area_name} ({row.area_code}) in {year_label(row.year)}. "
            f"Each area may appear once per year; check the file is the one you meant.")


def _where_message(filename: str, where: Mapping[str, str], seen: Counter) -> str:
    parts = []
    for column, wanted in where.items():
        values = sorted({value for (c, value) in seen if c == column})
        shown = "; ".join(f'"{v}"' for v in values[:10])
        parts.append(f'no rows have {column} = "{wanted}" (values in the file: {shown})')
    return f"{filename}: " + ", and ".join(parts) + ". Copy the value exactly as it appears."
