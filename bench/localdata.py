"""Benchmarks for local figures (results go in docs/benchmarks.md, section "Local figures").

1. Importing the real DfE section 47 file (target: under 5 s), against a baseline of reading the same
   file with plain csv.reader in the same run.
2. A warm figures lookup per council (target: under 1 ms), against a plain dict lookup of the same codes.
   Also reported: building a council's figures from the in-memory snapshot with nothing cached.

Run: `make bench` or `.venv/bin/python bench/localdata.py`. Skips the import benchmark, with a message,
when the real file (../shared/reference/data beside the repo) is absent.
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from advocacy import create_app  # noqa: E402
from advocacy.localdata import figures_for, import_lookup, import_measure  # noqa: E402
from advocacy.localdata.figures import build_figures  # noqa: E402
from advocacy.data.load import load_release  # noqa: E402
from advocacy.localdata.store import current_snapshot, forget_snapshot  # noqa: E402

SECTION47 = "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv"
LOOKUP = "LTLA-UTLA_Apr23_Lookup_England-Wales.csv"
IMPORT_TARGET_S = 5.0
LOOKUP_TARGET_MS = 1.0


def reference_file(name: str = SECTION47) -> Path | None:
    for parent in ROOT.parents:
        candidate = parent / "shared" / "reference" / "data" / name
        if candidate.is_file():
            return candidate
    return None


def best_of(runs: int, action) -> float:
    timings = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        timings.append(time.perf_counter() - start)
    return min(timings)


def bench_import(path: Path) -> tuple[float, float]:
    def baseline(_: int) -> None:
        rows = csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
        sum(1 for _ in rows)

    def importing(i: int) -> None:
        # A new name each run: re-importing under the same name is (rightly) a no-op.
        import_measure(path, measure="Section47", name=f"section47_run{i}")

    return best_of(5, baseline), best_of(3, importing)


def bench_lookup() -> tuple[float, float, float, int]:
    snapshot = current_snapshot()
    codes = sorted(code for code in snapshot.measures["section47"].values if code[:3] in ("E06", "E08", "E09", "E10"))
    codes += sorted(snapshot.lookup)  # districts too
    table = {code: code for code in codes}
    rounds = 200

    def baseline(_: int) -> None:
        for _ in range(rounds):
            for code in codes:
                table.get(code)

    def warm(_: int) -> None:
        for _ in range(rounds):
            for code in codes:
                figures_for(code)

    def cold(_: int) -> None:
        snapshot.cache.clear()
        for code in codes:
            build_figures(snapshot, code)

    for code in codes:
        figures_for(code)  # warm up
    calls = rounds * len(codes)
    return (best_of(5, baseline) / calls, best_of(5, warm) / calls, best_of(5, cold) / len(codes), len(codes))


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"INSTANCE_PATH": folder, "ADVOCACY_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                          "ADVOCACY_SECRET_KEY": "bench"})
        with app.app_context():
            upgrade()
            path = reference_file()
            if path is None:
                print(f"import: SKIPPED: {SECTION47} not found in ../shared/reference/data beside the repo")
            else:
                csv_s, import_s = bench_import(path)
                verdict = "OK" if import_s < IMPORT_TARGET_S else "TOO SLOW"
                print(f"import real section 47 file ({path.stat().st_size / 1e6:.2f} MB): {import_s:.3f} s "
                      f"(target < {IMPORT_TARGET_S:.0f} s: {verdict}); baseline csv.reader {csv_s * 1000:.1f} ms; "
                      f"ratio {import_s / csv_s:.1f}x")
                import_measure(path, measure="Section47", name="section47")
            lookup = reference_file(LOOKUP)
            if lookup is not None:  # every district in England, for a realistic set of codes
                import_lookup(lookup)
            load_release()  # the rest (or everything) from the shipped data release
            forget_snapshot()
            dict_s, warm_s, cold_s, n = bench_lookup()
            verdict = "OK" if warm_s * 1000 < LOOKUP_TARGET_MS else "TOO SLOW"
            print(f"figures lookup, warm, {n} councils: {warm_s * 1e6:.2f} µs per council (target < "
                  f"{LOOKUP_TARGET_MS:.0f} ms: {verdict}); baseline dict lookup {dict_s * 1e6:.3f} µs; "
                  f"ratio {warm_s / dict_s:.0f}x")
            print(f"figures built with nothing cached: {cold_s * 1e6:.1f} µs per council")
            from advocacy.db import db
            db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
