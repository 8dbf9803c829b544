"""The sample data set shipped with the project: made-up figures in the real file formats.

Used when no official file has been imported for a measure (``flask setup``), and for the sample
context every campaign template is checked against.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .ees import read_measure
from .figures import Snapshot, series_from_rows
from .importer import PRESETS, ImportReport, import_lookup, import_measure, import_population
from .ons import read_lookup

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
MEASURE_FILES = {"section47": "sample_section47.csv", "cpp": "sample_cpp.csv", "cla": "sample_cla.csv",
                 "cin": "sample_cin.csv"}
POPULATION_FILE = "sample_population.csv"
LOOKUP_FILE = "sample_council_lookup.csv"
SAMPLE_COUNCIL = "E08000035"  # Leeds: the council the campaign template checks use


def load_sample(missing: set[str] | None = None) -> list[ImportReport]:
    """Import the sample files for the data sets named in ``missing`` (default: all of them), marked as
    sample figures. Names: the measure names, ``child_population`` and ``council_lookup``."""
    reports = []
    for name, filename in MEASURE_FILES.items():
        if missing is None or name in missing:
            reports.append(import_measure(SAMPLE_DIR / filename, measure=PRESETS[name]["column"], name=name,
                                          is_sample=True))
    if missing is None or "child_population" in missing:
        reports.append(import_population(SAMPLE_DIR / POPULATION_FILE, is_sample=True))
    if missing is None or "council_lookup" in missing:
        reports.append(import_lookup(SAMPLE_DIR / LOOKUP_FILE, is_sample=True))
    return reports


@lru_cache(maxsize=1)
def sample_snapshot() -> Snapshot:
    """The sample data set in memory, read straight from the files (no database needed)."""
    snapshot = Snapshot()
    for name, filename in MEASURE_FILES.items():
        preset = PRESETS[name]
        parsed = read_measure(_text(filename), measure=preset["column"], filename=filename,
                              where=preset.get("where"))
        snapshot.measures[name] = series_from_rows(name, preset["label"], parsed.rows, is_sample=True)
    parsed = read_measure(_text(POPULATION_FILE), measure="population_estimate", filename=POPULATION_FILE,
                          year_shift=1)
    snapshot.population = series_from_rows("child_population", "children aged 0 to 17", parsed.rows, True)
    for row in read_lookup(_text(LOOKUP_FILE), filename=LOOKUP_FILE):
        snapshot.lookup[row.ltla_code] = (row.utla_code, row.utla_name)
    return snapshot.finish()


def _text(filename: str) -> str:
    return (SAMPLE_DIR / filename).read_text(encoding="utf-8-sig")
