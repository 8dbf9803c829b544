"""Lookup latency: cold (nothing cached: postcodes.io and Members API over loopback HTTP) against warm
(answered from the in-process memo, as for a repeat lookup in the same worker) and warm from the HTTP
cache only (SQLite; as for a lookup another worker made first), in-process, against the local fake APIs.

Targets: warm (memo) p95 under 5 ms in-process; and, as ratios that hold on slower or faster machines,
against a cold lookup measured in the same run (the baseline): warm from the HTTP cache alone at least
2x faster, warm from the memo at least 20x faster. Against the real services a cold lookup takes far
longer (three requests over the internet), so the fake understates the gain. One uncached loopback HTTP
GET is also measured, for scale. Exits 1 when a target is missed.
Run: `make bench` or `.venv/bin/python bench/lookup.py`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from advocacy import create_app  # noqa: E402
from advocacy.devtools.demo import DEMO_POSTCODES  # noqa: E402
from advocacy.devtools.fake_apis import FakeAPIs  # noqa: E402
from advocacy.lookup import LookupProblem, find_representatives, lookup_clients  # noqa: E402

ROUNDS = 20
WARM_P95_TARGET_MS = 5.0
MIN_SPEEDUP_HTTP_CACHE = 2.0  # cold p50 / warm (HTTP cache only) p50
MIN_SPEEDUP_MEMO = 20.0  # cold p50 / warm (memo) p50


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def lookup_quietly(postcode: str) -> None:
    try:
        find_representatives(postcode)
    except LookupProblem:
        pass  # the terminated and Crown Dependency postcodes are answers too


def main() -> int:
    fake = FakeAPIs().start()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"INSTANCE_PATH": folder, "ADVOCACY_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                          "ADVOCACY_SECRET_KEY": "bench", "ADVOCACY_POSTCODES_API_URL": fake.postcodes_url,
                          "ADVOCACY_MEMBERS_API_URL": fake.members_url, "ADVOCACY_GOVUK_API_URL": fake.govuk_url})
        # Not-found and terminated answers are not cached (by design: new postcodes appear every quarter),
        # so the terminated demo postcode is left out: its every lookup is a request.
        postcodes = [postcode for postcode, what in DEMO_POSTCODES if "terminated" not in what]
        with app.app_context():
            upgrade()
            clients = lookup_clients()
            session = clients.postcodes.session

            def forget_memos() -> None:
                clients.postcodes.forget_memo()
                clients.members.forget_memo()
                clients.govuk.forget_memo()

            plain = requests.Session()
            plain.get(f"{fake.postcodes_url}/ping")  # open the connection, as the cached session's is
            baseline = [timed(lambda: plain.get(f"{fake.postcodes_url}/ping").raise_for_status())
                        for _ in range(ROUNDS * len(postcodes))]
            cold, warm, warm_http_cache = [], [], []
            for _ in range(ROUNDS):
                for postcode in postcodes:
                    session.cache.clear()
                    forget_memos()
                    cold.append(timed(lambda: lookup_quietly(postcode)))
            for _ in range(ROUNDS):
                for postcode in postcodes:
                    forget_memos()
                    warm_http_cache.append(timed(lambda: lookup_quietly(postcode)))
            for _ in range(ROUNDS):
                for postcode in postcodes:
                    warm.append(timed(lambda: lookup_quietly(postcode)))
            plain.close()
            session.close()
    fake.stop()

    rows = [("one uncached loopback HTTP GET (scale)", baseline), ("cold lookup (baseline: nothing cached)", cold),
            ("warm lookup (HTTP cache only)", warm_http_cache), ("warm lookup (memo)", warm)]
    print(f"{'':42} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}")
    for label, values in rows:
        print(f"{label:42} {len(values):>5} {statistics.median(values):8.2f} {percentile(values, 0.95):8.2f}")
    warm_p95, base_p50 = percentile(warm, 0.95), statistics.median(baseline)
    cold_p50 = statistics.median(cold)
    http_speedup = cold_p50 / statistics.median(warm_http_cache)
    memo_speedup = cold_p50 / statistics.median(warm)
    print(f"speed-up over cold (p50): HTTP cache only {http_speedup:.1f}x (target >= {MIN_SPEEDUP_HTTP_CACHE:.0f}x), "
          f"memo {memo_speedup:.0f}x (target >= {MIN_SPEEDUP_MEMO:.0f}x)")
    print(f"warm (HTTP cache only) p50 / one loopback GET p50 = {statistics.median(warm_http_cache) / base_p50:.2f}")
    failed = []
    if warm_p95 >= WARM_P95_TARGET_MS:
        failed.append(f"warm (memo) p95 {warm_p95:.2f} ms >= {WARM_P95_TARGET_MS} ms")
    if http_speedup < MIN_SPEEDUP_HTTP_CACHE:
        failed.append(f"the HTTP cache speeds a lookup up only {http_speedup:.1f}x")
    if memo_speedup < MIN_SPEEDUP_MEMO:
        failed.append(f"the memo speeds a lookup up only {memo_speedup:.1f}x")
    for problem in failed:
        print(f"FAIL: {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
