"""Similarity meter cost: comparing one letter with the 2,000 most recent letters already sent to the same
MP (COMPARE_LIMIT, the most a check reads), against a baseline in the same run: reading the same 2,000
fingerprints from SQLite without comparing them. Target: the whole check (fingerprint the letter, read,
compare) p50 under 100 ms in-process, and at most 10x the bare read (the ratio is the target that holds on
a loaded or slower machine), so the preview page stays quick for the busiest MP. Exits 1 when a target is missed.
Run: `make bench` or `.venv/bin/python bench/similarity.py`.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from advocacy import create_app  # noqa: E402
from advocacy.db import db  # noqa: E402
from advocacy.similarity import compare_with_sent, remember_sent  # noqa: E402
from advocacy.similarity.models import LetterFingerprint  # noqa: E402
from advocacy.similarity.service import COMPARE_LIMIT  # noqa: E402

ROUNDS = 30
P50_TARGET_MS = 100.0
MAX_RATIO = 10.0


def letter(rng: random.Random) -> str:
    words = [f"w{rng.randrange(800)}" for _ in range(220)]
    return " ".join(words)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"INSTANCE_PATH": folder, "ADVOCACY_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                          "ADVOCACY_SECRET_KEY": "bench"})
        with app.app_context():
            upgrade()
            for number in range(COMPARE_LIMIT):
                remember_sent("bench", "mp:1", letter(rng), letter_key=f"k{number}")
            mine = letter(rng)
            baseline, check = [], []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                rows = db.session.scalars(db.select(LetterFingerprint.sketch).where(
                    LetterFingerprint.campaign == "bench", LetterFingerprint.recipient == "mp:1")
                    .order_by(LetterFingerprint.created_at.desc()).limit(COMPARE_LIMIT)).all()
                baseline.append((time.perf_counter() - started) * 1000)
                assert len(rows) == COMPARE_LIMIT
                started = time.perf_counter()
                report = compare_with_sent("bench", "mp:1", mine)
                check.append((time.perf_counter() - started) * 1000)
                assert report.compared == COMPARE_LIMIT
            db.engine.dispose()
    print(f"{'':46} {'n':>4} {'p50 ms':>8} {'p95 ms':>8}")
    for label, values in ((f"read {COMPARE_LIMIT} fingerprints (baseline)", baseline),
                          (f"meter check against {COMPARE_LIMIT} letters", check)):
        print(f"{label:46} {len(values):>4} {statistics.median(values):>8.2f} {percentile(values, .95):>8.2f}")
    ratio = statistics.median(check) / statistics.median(baseline)
    print(f"check / baseline (p50): {ratio:.1f}x (target <= {MAX_RATIO:.0f}x)")
    failed = False
    if statistics.median(check) >= P50_TARGET_MS:
        print(f"FAIL: meter check p50 {statistics.median(check):.1f} ms >= {P50_TARGET_MS} ms")
        failed = True
    if ratio > MAX_RATIO:
        print(f"FAIL: the check costs {ratio:.1f}x the bare read")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
