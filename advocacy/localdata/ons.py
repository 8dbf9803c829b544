"""Reading the ONS lower tier -> upper tier local authority lookup (LTLA->UTLA): plain functions."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from .ees import ImportRejected


@dataclass(frozen=True)
class LookupRow:
    ltla_code: str
    ltla_name: str
    utla_code: str
    utla_name: str


def read_lookup(text: str, *, filename: str) -> list[LookupRow]:
    """Rows of an ONS LTLA->UTLA lookup. Column names carry the year (``LTLA23CD``), so any year works."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    reader.fieldnames = columns

    def column(prefix: str, suffix: str) -> str | None:
        return next((c for c in columns if re.fullmatch(rf"{prefix}\d\d{suffix}", c)), None)

    names = {key: column(*key.split(":")) for key in ("LTLA:CD", "LTLA:NM", "UTLA:CD", "UTLA:NM")}
    missing = [key.replace(":", "yy") for key, found in names.items() if not found]
    if missing:
        raise ImportRejected(
            f"{filename} is not an ONS lower tier to upper tier local authority lookup: it has no "
            f"{', '.join(missing)} column (yy is the year, e.g. LTLA23CD). Download the CSV of \"Lower Tier "
            f"Local Authority to Upper Tier Local Authority\" from the ONS Open Geography Portal.")
    rows: dict[str, LookupRow] = {}
    for number, record in enumerate(reader, start=2):
        ltla, utla = (record.get(names["LTLA:CD"]) or "").strip(), (record.get(names["UTLA:CD"]) or "").strip()
        if not ltla or not utla:
            raise ImportRejected(f"{filename}, line {number}: a council code is missing. The file is damaged.")
        rows[ltla] = LookupRow(ltla, (record.get(names["LTLA:NM"]) or ltla).strip(), utla,
                               (record.get(names["UTLA:NM"]) or utla).strip())
    if not rows:
        raise ImportRejected(f"{filename} has no rows.")
    return list(rows.values())
