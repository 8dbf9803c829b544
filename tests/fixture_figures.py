"""Figures and registers written for the tests (made-up values in the real file formats), loaded through
the same importers as official files. They cover England, its regions and Hartlepool, Manchester, Leeds,
Kent (with Maidstone, Sevenoaks and Tonbridge and Malling), Southwark and the Isles of Scilly (whose
figures are suppressed, to show the fallback to England)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from advocacy.localdata.ees import read_measure
from advocacy.localdata.figures import Snapshot, series_from_rows
from advocacy.localdata.importer import PRESETS, ImportReport, import_lookup, import_measure, import_population
from advocacy.localdata.ons import read_lookup

FIGURES = Path(__file__).resolve().parent / "fixtures" / "figures"
REGISTERS = Path(__file__).resolve().parent / "fixtures" / "registers"
MEASURE_FILES = {"section47": "sample_section47.csv", "cpp": "sample_cpp.csv", "cla": "sample_cla.csv",
                 "cin": "sample_cin.csv"}
POPULATION_FILE = "sample_population.csv"
LOOKUP_FILE = "sample_council_lookup.csv"


def load_fixture_figures(names: set[str] | None = None) -> list[ImportReport]:
    """Import the fixture files for the data sets in ``names`` (default: all): the measure names,
    ``child_population`` and ``council_lookup``. Needs an app context."""
    reports = []
    for name, filename in MEASURE_FILES.items():
        if names is None or name in names:
            reports.append(import_measure(FIGURES / filename, measure=PRESETS[name]["column"], name=name))
    if names is None or "child_population" in names:
        reports.append(import_population(FIGURES / POPULATION_FILE))
    if names is None or "council_lookup" in names:
        reports.append(import_lookup(FIGURES / LOOKUP_FILE))
    return reports


def load_fixture_registers() -> None:
    """A few councils (Hartlepool, Cornwall, Scilly, Kent and districts, Leeds...) and their constituencies."""
    from advocacy.motions.registers import import_constituencies, import_councils

    import_councils(REGISTERS / "sample_councils.csv")
    import_constituencies(REGISTERS / "sample_council_constituencies.csv")


@lru_cache(maxsize=1)
def fixture_snapshot() -> Snapshot:
    """The fixture figures in memory, without a database."""
    snapshot = Snapshot()
    for name, filename in MEASURE_FILES.items():
        preset = PRESETS[name]
        parsed = read_measure(_text(filename), measure=preset["column"], filename=filename, where=preset.get("where"))
        snapshot.measures[name] = series_from_rows(name, preset["label"], parsed.rows)
    parsed = read_measure(_text(POPULATION_FILE), measure="population_estimate", filename=POPULATION_FILE,
                          year_shift=1)
    snapshot.population = series_from_rows("child_population", "children aged 0 to 17", parsed.rows)
    for row in read_lookup(_text(LOOKUP_FILE), filename=LOOKUP_FILE):
        snapshot.lookup[row.ltla_code] = (row.utla_code, row.utla_name)
    return snapshot.finish()


def _text(filename: str) -> str:
    return (FIGURES / filename).read_text(encoding="utf-8-sig")


def fixture_local(council_code: str) -> dict:
    """``local`` as letters and motions get it for ``council_code`` when the fixture figures are loaded."""
    from advocacy.campaigns.sample import SAMPLE_MEASURES
    from advocacy.localdata.figures import build_figures

    figures = build_figures(fixture_snapshot(), council_code, SAMPLE_MEASURES)
    assert figures is not None, f"the fixture figures have no council {council_code}"
    return figures.as_template_dict()
