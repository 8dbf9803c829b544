"""Staff dashboard with 1,000,000 actions: fill a SQLite database, then time the real dashboard page.

Run: .venv/bin/python bench/dashboard.py [--actions N] [--no-write]
Target: the dashboard renders in under 300 ms on SQLite. Results go into docs/benchmarks.md, with a
baseline from the same run (a trivial page, and SELECT count(*)) so the numbers can be compared across
machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import text  # noqa: E402

from advocacy import create_app  # noqa: E402
from advocacy.db import db  # noqa: E402
from advocacy.staff import sources  # noqa: E402
from advocacy.staff.accounts import create_staff  # noqa: E402

CAMPAIGN = "bright-futures"
START = dt.datetime(2026, 1, 1)
DAYS = 327  # 1 January to 23 November 2026
TARGET_MS = 300
KINDS = ([("letter_mp", c) for c in ("pdf", "pdf", "pdf", "email_draft", "eml", "text", "self_reported", "sent",
                                     "confirmed")]
         + [("letter_council", c) for c in ("pdf", "email_draft", "sent")] + [("motion", "pdf"), ("motion", "docx")])
REGIONS = [("North East", "England"), ("North West", "England"), ("Yorkshire and The Humber", "England"),
           ("East Midlands", "England"), ("West Midlands", "England"), ("East of England", "England"),
           ("London", "England"), ("South East", "England"), ("South West", "England"), ("Wales", "Wales"),
           ("Scotland", "Scotland"), ("Northern Ireland", "Northern Ireland")]


def places(rng: random.Random) -> list[tuple]:
    """650 constituencies, each in one of 300 councils, in one of 150 authorities and 12 regions."""
    found = []
    for n in range(650):
        council = rng.randrange(300)
        region, country = REGIONS[council % len(REGIONS)]
        found.append((f"E14{n:06d}", f"Constituency {n}", f"E06{council:06d}", f"Council {council}",
                      f"E10{council % 150:06d}", f"Authority {council % 150}", region, country))
    return found


def fill(app, count: int) -> float:
    rng = random.Random(1)
    all_places = places(rng)
    reached = all_places[:630]  # 20 constituencies with no letters, so that list is not empty
    weights = [1 / (i + 1) ** 0.5 for i in range(len(reached))]  # some places far busier than others

    def rows():
        chosen = rng.choices(reached, weights=weights, k=count)
        for place in chosen:
            kind, channel = rng.choice(KINDS)
            at = START + dt.timedelta(seconds=rng.randrange(DAYS * 86400))
            if kind == "motion":
                yield (CAMPAIGN, kind, channel, None, None, *place[2:], "abc123def456", at.isoformat(" "))
            else:
                yield (CAMPAIGN, kind, channel, *place, "abc123def456", at.isoformat(" "))

    started = time.perf_counter()
    with app.app_context():
        raw = db.engine.raw_connection()
        cursor = raw.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        # One transaction, executemany: the triggers keeping the running counts fire for every row,
        # exactly as when actions are recorded one by one.
        cursor.executemany(
            "INSERT INTO actions (campaign, kind, channel, constituency_code, constituency_name, council_code, "
            "council_name, authority_code, authority_name, region, country, template_version, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
        raw.commit()
        cursor.execute("ANALYZE")
        raw.close()
    sources.all_constituencies = lambda: [(p[0], p[1]) for p in all_places]
    sources.childrens_services_authorities = lambda: sorted({(p[4], p[5]) for p in all_places})
    return time.perf_counter() - started


def current_rss_mb() -> float:
    """Memory the process holds right now (not its peak, which the fill has already set)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1024 / 1024


def timed(call, repeat: int = 7) -> float:
    """Median milliseconds of ``repeat`` calls after one warm-up call."""
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def staff_bench_app(folder: Path):
    """An app on a new SQLite database in ``folder`` with one viewer (bench@example.org) to sign in as."""
    app = create_app({"INSTANCE_PATH": folder, "ADVOCACY_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
                      "ADVOCACY_SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "ADVOCACY_LOG_LEVEL": "WARNING"})
    with app.app_context():
        upgrade()
        create_staff("bench@example.org", "bench password 123", "viewer")
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=1_000_000)
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    app = staff_bench_app(folder)
    fill_seconds = fill(app, args.actions)
    print(f"inserted {args.actions:,} actions (running counts kept by the triggers) in {fill_seconds:.1f} s")

    client = app.test_client()
    client.post("/staff/sign-in", data={"email": "bench@example.org", "password": "bench password 123"})
    page = client.get(f"/staff/c/{CAMPAIGN}/")
    assert page.status_code == 200, page.status_code
    html = page.get_data(as_text=True)
    total = int(re.search(r"<td class=\"num\"><strong>([\d,]+)</strong>", html).group(1).replace(",", ""))
    with app.app_context():
        letters = db.session.scalar(text("SELECT count(*) FROM actions WHERE kind != 'motion'"))
    assert total == letters, (total, letters)  # the page's figure is the true count

    def count_rows():
        with app.app_context():
            db.session.execute(text("SELECT count(*) FROM actions")).scalar()

    results = {
        "baseline: GET /healthz (SELECT 1)": timed(lambda: client.get("/healthz")),
        "baseline: SELECT count(*) FROM actions": timed(count_rows),
        f"dashboard, whole campaign ({DAYS} days)": timed(lambda: client.get(f"/staff/c/{CAMPAIGN}/")),
        "dashboard, one month (March 2026)": timed(
            lambda: client.get(f"/staff/c/{CAMPAIGN}/?from=2026-03-01&to=2026-03-31")),
    }
    rss_before = current_rss_mb()
    rss_most = rss_before
    started = time.perf_counter()
    response = client.get(f"/staff/c/{CAMPAIGN}/actions.csv", buffered=False)
    exported = -1  # the header line
    for number, chunk in enumerate(response.response):
        exported += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
        if number % 50 == 0:
            rss_most = max(rss_most, current_rss_mb())
    export_seconds = time.perf_counter() - started
    rss_growth = rss_most - rss_before
    assert exported == args.actions, exported

    dashboard_ms = results[f"dashboard, whole campaign ({DAYS} days)"]
    lines = [f"| {name} | {ms:.1f} ms |" for name, ms in results.items()]
    verdict = "meets" if dashboard_ms < TARGET_MS else "MISSES"
    summary = [
        f"{args.actions:,} actions in SQLite, {dt.date.today()}, `python bench/dashboard.py` "
        f"(median of 7 requests through the test client, after one warm-up).",
        "",
        "| Measure | Time |",
        "| --- | --- |",
        *lines,
        "",
        f"Whole-campaign dashboard: {dashboard_ms:.0f} ms, which {verdict} the {TARGET_MS} ms target "
        f"({dashboard_ms / results['baseline: GET /healthz (SELECT 1)']:.0f}x the trivial page).",
        f"Filling the database: {fill_seconds:.0f} s for {args.actions:,} inserts with the counting triggers "
        f"({fill_seconds / args.actions * 1e6:.0f} µs per action).",
        f"CSV export of all {exported:,} actions, streamed: {export_seconds:.1f} s; memory in use grew by at "
        f"most {rss_growth:.0f} MB while it ran (resident set size, sampled every 50 chunks).",
    ]
    print("\n".join(summary))
    if not args.no_write:
        write_section("Staff dashboard", "\n".join(summary))
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


def write_section(title: str, body: str) -> None:
    """Replace (or add) this benchmark's section of docs/benchmarks.md, leaving the others alone."""
    path = ROOT / "docs" / "benchmarks.md"
    existing = path.read_text() if path.exists() else "# Benchmarks\n\nMeasured numbers from `make bench`.\n"
    section = f"## {title}\n\n{body}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(existing):
        updated = pattern.sub(lambda _: section + "\n", existing).rstrip() + "\n"
    else:
        updated = existing.rstrip() + "\n\n" + section
    path.write_text(updated)


if __name__ == "__main__":
    main()
