"""Importing the two public registers the councillor journey reads.

- Councils: GOV.UK's local links manager register (``gss``, ``tier_id`` 1 county / 2 district /
  3 unitary, ``parent_local_authority_id``, ``name``): every English council with its official name and,
  for a district, its county. Rows outside England are skipped (motions quote England's figures).
- Constituencies per council: DfE's ``mp_lookup.csv`` (``pcon_code``, ``pcon_name``, ``lad_codes`` and
  ``new_la_codes`` joined by " / "), so a motion can name the MPs whose seats cover the council.

Each import replaces the table whole, in one transaction; a file that cannot be used is rejected with
the reason and nothing changes. Until they are imported, ``flask setup`` loads small sample files.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select

from ..db import db
from ..localdata.authorities import ENGLISH_COUNCIL
from ..lookup.members import fold
from .models import Council, CouncilConstituency

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
SAMPLE_COUNCILS = SAMPLE_DIR / "sample_councils.csv"
SAMPLE_CONSTITUENCIES = SAMPLE_DIR / "sample_council_constituencies.csv"
TIER_IDS = {"1": "county", "2": "district", "3": "unitary"}


class RegisterRejected(Exception):
    """A register file that cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class RegisterReport:
    rows: int
    skipped: int  # rows for councils outside England, or without a code


def _rows(path: Path, needed: set[str]) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegisterRejected(f"{path.name}: cannot be read as UTF-8 text ({exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = needed - set(reader.fieldnames or ())
    if missing:
        raise RegisterRejected(f"{path.name}: missing column(s) {', '.join(sorted(missing))}. "
                               "Is this the right file? See docs/data.md, 'Councils and constituencies'.")
    return list(reader)


def import_councils(path: Path, *, is_sample: bool = False) -> RegisterReport:
    """Replace the council register with the English councils in a GOV.UK local links manager CSV."""
    rows = _rows(path, {"id", "gss", "tier_id", "parent_local_authority_id", "name"})
    code_of_id = {row["id"].strip(): row["gss"].strip().upper() for row in rows}
    councils: dict[str, Council] = {}
    for row in rows:
        code = row["gss"].strip().upper()
        tier = TIER_IDS.get(row["tier_id"].strip())
        if not ENGLISH_COUNCIL.fullmatch(code) or tier is None or not row["name"].strip():
            continue
        parent = code_of_id.get((row["parent_local_authority_id"] or "").strip()) if tier == "district" else None
        name = " ".join(row["name"].split())
        councils[code] = Council(code=code, name=name, folded_name=fold(name), tier=tier, parent_code=parent,
                                 is_sample=is_sample)
    if not councils:
        raise RegisterRejected(f"{path.name}: no English council (code E06, E07, E08, E09 or E10) in the file. "
                               "Nothing was imported.")
    db.session.execute(delete(Council))
    db.session.add_all(councils.values())
    db.session.commit()
    return RegisterReport(rows=len(councils), skipped=len(rows) - len(councils))


def _codes(value: str | None) -> list[str]:
    return [code.strip().upper() for code in (value or "").split("/") if code.strip()]


def import_constituencies(path: Path, *, is_sample: bool = False) -> RegisterReport:
    """Replace the council -> constituency lookup with the pairs in a DfE mp_lookup.csv."""
    rows = _rows(path, {"pcon_name", "pcon_code", "lad_codes", "new_la_codes"})
    pairs: dict[tuple[str, str], CouncilConstituency] = {}
    skipped = 0
    for row in rows:
        seat, name = row["pcon_code"].strip().upper(), " ".join(row["pcon_name"].split())
        councils = [c for c in _codes(row["lad_codes"]) + _codes(row["new_la_codes"]) if ENGLISH_COUNCIL.fullmatch(c)]
        if not seat or not name or not councils:
            skipped += 1
            continue
        for council in councils:
            pairs[(council, seat)] = CouncilConstituency(council_code=council, constituency_code=seat,
                                                         constituency_name=name, is_sample=is_sample)
    if not pairs:
        raise RegisterRejected(f"{path.name}: no English constituency with council codes in the file. "
                               "Nothing was imported.")
    db.session.execute(delete(CouncilConstituency))
    db.session.add_all(pairs.values())
    db.session.commit()
    return RegisterReport(rows=len(pairs), skipped=skipped)


def load_sample_registers() -> list[str]:
    """Load the sample files for whichever register is empty or still the sample; never over official
    data. Returns the names of the registers loaded."""
    loaded = []
    for model, path, importer, label in ((Council, SAMPLE_COUNCILS, import_councils, "councils"),
                                         (CouncilConstituency, SAMPLE_CONSTITUENCIES, import_constituencies,
                                          "constituencies")):
        official = db.session.scalar(select(func.count()).select_from(model).where(model.is_sample.is_(False)))
        if not official:
            importer(path, is_sample=True)
            loaded.append(label)
    return loaded


def registers_are_sample() -> bool:
    return bool(db.session.scalar(select(func.count()).select_from(Council).where(Council.is_sample.is_(True))))
