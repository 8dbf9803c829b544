"""Benchmarks for the data release (results go in docs/benchmarks.md, section "Data release").

1. Loading the shipped release into an empty, migrated SQLite database, as `flask setup` does (target:
   under 3 s), against a baseline of reading every release file with plain csv.reader in the same run.
   Also reported: the whole `flask setup` on a fresh database (migrations included).
2. The release's size on disk (target: under 2 MB).

Run: `.venv/bin/python bench/data_release.py`.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from advocacy import create_app  # noqa: E402
from advocacy.data.load import SHIPPED, load_release  # noqa: E402
from advocacy.db import db  # noqa: E402

LOAD_TARGET_S = 3.0
SIZE_TARGET_BYTES = 2_000_000


def read_files() -> float:
    start = time.perf_counter()
    for path in sorted(SHIPPED.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            sum(1 for _ in csv.reader(handle))
    return time.perf_counter() - start


def load_once() -> float:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"INSTANCE_PATH": folder, "ADVOCACY_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                          "ADVOCACY_SECRET_KEY": "bench", "ADVOCACY_LOG_LEVEL": "WARNING"})
        with app.app_context():
            upgrade()
            start = time.perf_counter()
            load_release()
            elapsed = time.perf_counter() - start
            db.engine.dispose()
    return elapsed


def whole_setup() -> float:
    with tempfile.TemporaryDirectory() as folder:
        env = {"ADVOCACY_INSTANCE_PATH": folder, "ADVOCACY_SECRET_KEY": "bench", "PATH": "/usr/bin:/bin"}
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "flask", "--app", "advocacy", "setup"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        return time.perf_counter() - start


def main() -> int:
    baseline = min(read_files() for _ in range(5))
    load = min(load_once() for _ in range(3))
    verdict = "OK" if load < LOAD_TARGET_S else "TOO SLOW"
    print(f"load the release into an empty SQLite database: {load:.2f} s (target < {LOAD_TARGET_S:.0f} s: {verdict}); "
          f"baseline csv.reader over the same files {baseline * 1000:.0f} ms; ratio {load / baseline:.0f}x")
    print(f"whole `flask setup` on a fresh database (migrations included): {min(whole_setup() for _ in range(2)):.2f} s")
    size = sum(p.stat().st_size for p in SHIPPED.iterdir() if p.is_file())
    verdict = "OK" if size < SIZE_TARGET_BYTES else "TOO BIG"
    print(f"release on disk: {size / 1e6:.2f} MB in {len(list(SHIPPED.iterdir()))} files "
          f"(target < {SIZE_TARGET_BYTES / 1e6:.0f} MB: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
