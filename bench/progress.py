"""Public progress page with many actions: counting once (uncached) and serving from the cache.

Run: .venv/bin/python bench/progress.py [--actions N] [--no-write]
Targets, against baselines from the same run so they hold on any machine: counting the whole campaign's
progress (no cache) at most 60x a bare SELECT count(*) over the actions table (it groups every letter by
region, once a minute at most), and the page from the cache at most 2x the campaign page (a page of
the same kind: a template and one small query).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import text  # noqa: E402

from advocacy import create_app  # noqa: E402
from advocacy.db import db  # noqa: E402
from advocacy.spread.progress import count_progress  # noqa: E402
from dashboard import CAMPAIGN, fill, timed, write_section  # noqa: E402  (same data as the dashboard bench)

COUNT_TARGET_RATIO = 60  # x SELECT count(*) FROM actions
PAGE_TARGET_RATIO = 2  # x GET /c/<slug>, the campaign page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=1_000_000)
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-progress-"))
    app = create_app({"INSTANCE_PATH": folder, "ADVOCACY_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
                      "ADVOCACY_SECRET_KEY": "bench", "ADVOCACY_LOG_LEVEL": "WARNING"})
    with app.app_context():
        upgrade()
    fill_seconds = fill(app, args.actions)
    print(f"inserted {args.actions:,} actions in {fill_seconds:.1f} s")

    client = app.test_client()
    html = client.get(f"/c/{CAMPAIGN}/progress").get_data(as_text=True)
    shown = int(re.search(r"Letters written</dt><dd>([\d,]+)", html).group(1).replace(",", ""))
    with app.app_context():
        letters = db.session.scalar(text("SELECT count(*) FROM actions WHERE kind != 'motion'"))
    assert shown == letters, (shown, letters)  # the page's figure is the true count

    def count_rows():
        with app.app_context():
            db.session.execute(text("SELECT count(*) FROM actions")).scalar()

    def count_uncached():
        with app.app_context():
            count_progress(CAMPAIGN)

    results = {
        "baseline: GET /healthz (SELECT 1)": timed(lambda: client.get("/healthz")),
        "baseline: SELECT count(*) FROM actions": timed(count_rows),
        "baseline: GET /c/<slug> (campaign page)": timed(lambda: client.get(f"/c/{CAMPAIGN}")),
        "progress counted (no cache)": timed(count_uncached),
        "progress page from the cache": timed(lambda: client.get(f"/c/{CAMPAIGN}/progress")),
    }
    counted, page = results["progress counted (no cache)"], results["progress page from the cache"]
    count_ratio = counted / results["baseline: SELECT count(*) FROM actions"]
    page_ratio = page / results["baseline: GET /c/<slug> (campaign page)"]
    ok = count_ratio <= COUNT_TARGET_RATIO and page_ratio <= PAGE_TARGET_RATIO
    summary = [
        f"{args.actions:,} actions in SQLite (the dashboard benchmark's data), {dt.date.today()}, "
        "`python bench/progress.py` (median of 7, after one warm-up).",
        "",
        "| Measure | Time |",
        "| --- | --- |",
        *[f"| {name} | {ms:.1f} ms |" for name, ms in results.items()],
        "",
        f"Counting once: {counted:.0f} ms, {count_ratio:.0f}x a bare count of the table (target at most "
        f"{COUNT_TARGET_RATIO}x). It runs at most once a minute per cache (ADVOCACY_PROGRESS_CACHE_SECONDS); "
        f"every other request is served from the cache in {page:.1f} ms, {page_ratio:.1f}x the campaign page "
        f"(target at most {PAGE_TARGET_RATIO}x): {'targets met' if ok else 'TARGET MISSED'}.",
    ]
    print("\n".join(summary))
    if not args.no_write:
        write_section("Public progress page", "\n".join(summary))
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
