"""Evidence packs with 1,000,000 actions: the staff list of constituencies and one pack (PDF and CSV).

Run: .venv/bin/python bench/evidence.py [--actions N] [--no-write]
Uses bench/dashboard.py's data (650 constituencies, some far busier than others). Targets: the list page
in under 1 s and a pack in under 1 s on SQLite. Baselines from the same run: a trivial page and
SELECT count(*) over the actions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import text  # noqa: E402

from advocacy.db import db  # noqa: E402
from dashboard import CAMPAIGN, fill, staff_bench_app, timed, write_section  # noqa: E402

TARGET_MS = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=1_000_000)
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-evidence-"))
    app = staff_bench_app(folder)
    fill_seconds = fill(app, args.actions)
    print(f"inserted {args.actions:,} actions in {fill_seconds:.1f} s")
    with app.app_context():
        busiest = db.session.execute(text(
            "SELECT constituency_code, count(*) FROM actions WHERE kind = 'letter_mp' "
            "GROUP BY constituency_code ORDER BY 2 DESC LIMIT 1")).one()

    client = app.test_client()
    client.post("/staff/sign-in", data={"email": "bench@example.org", "password": "bench password 123"})
    base = f"/staff/c/{CAMPAIGN}/evidence"
    assert client.get(f"{base}/").status_code == 200
    csv_page = client.get(f"{base}/constituency/{busiest[0]}.csv").get_data(as_text=True)
    assert f"wrote {busiest[1]:,} letters" in csv_page, "the pack's count is the true count"

    def render(code: str) -> None:
        from advocacy.campaigns import get_campaign
        from advocacy.documents import current_renderer
        from advocacy.evidence import build_pack, pack_html

        with app.app_context():
            html = pack_html(build_pack(get_campaign(CAMPAIGN), "constituency", code))
            current_renderer()._render(html)  # the renderer's own cache would answer the repeats

    def count_rows():
        with app.app_context():
            db.session.execute(text("SELECT count(*) FROM actions")).scalar()

    results = {
        "baseline: GET /healthz (SELECT 1)": timed(lambda: client.get("/healthz"), repeat=5),
        "baseline: SELECT count(*) FROM actions": timed(count_rows, repeat=5),
        "evidence list page (top 20, with none)": timed(lambda: client.get(f"{base}/"), repeat=5),
        f"pack CSV, busiest constituency ({busiest[1]:,} letters)":
            timed(lambda: client.get(f"{base}/constituency/{busiest[0]}.csv"), repeat=5),
        "pack PDF, same constituency (counts + WeasyPrint render, no cache)": timed(lambda: render(busiest[0]), repeat=5),
    }
    lines = [f"| {name} | {ms:.1f} ms |" for name, ms in results.items()]
    slowest = max(ms for name, ms in results.items() if not name.startswith("baseline"))
    summary = [
        f"{args.actions:,} actions in SQLite, {dt.date.today()}, `python bench/evidence.py` "
        "(median of 5 requests through the test client, after one warm-up).",
        "",
        "| Measure | Time |",
        "| --- | --- |",
        *lines,
        "",
        f"Slowest: {slowest:.0f} ms, which {'meets' if slowest < TARGET_MS else 'MISSES'} the {TARGET_MS} ms target. "
        "Packs count straight from the actions table (they need letters of one kind per place and month, which "
        "the dashboard's running counts do not keep), through the campaign+constituency and campaign+council "
        "indexes.",
    ]
    print("\n".join(summary))
    if not args.no_write:
        write_section("Evidence packs", "\n".join(summary))
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
