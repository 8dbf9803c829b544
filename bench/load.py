"""Load on the real app under gunicorn, next to a "hello world" route served by the same gunicorn.

For each database back end (a temporary SQLite file; PostgreSQL with Redis when they answer on this
machine) it runs `flask setup`, starts gunicorn (`advocacy/gunicorn_conf.py`, 2 workers per core + 1) on a
free loopback port, and measures requests per second and p99 latency for:

- GET /_bench/hello: the baseline, a bare Flask route (bench/_load_app.py) in the same processes
- GET /c/bright-futures: the campaign page
- GET /api/lookup?postcode=...: the JSON lookup, cache warm (against the local fake APIs)
- letter preview and PDF download: see LETTER_SCENARIOS

The ratio app / hello (requests per second) is the figure that counts: it holds on a faster or slower
machine. Then, on PostgreSQL with 4 gunicorn workers, SUBMISSIONS concurrent letter submissions must
give zero errors and exactly that many new actions.

Loopback only; each scenario runs for SECONDS (after a warm-up), the whole run is bounded by
TIME_LIMIT. Run: `.venv/bin/python bench/load.py` (or `make bench`). Results go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from advocacy.devtools import postgres  # noqa: E402
from advocacy.devtools.fake_apis import FakeAPIs  # noqa: E402
from advocacy.gunicorn_conf import default_workers  # noqa: E402

SECONDS = 9.0  # per request type, in ROUNDS rounds
ROUNDS = 3
WARMUP_SECONDS = 1.0
CLIENT_PROCESSES = 2
CLIENT_THREADS = 8  # per client process: 16 requests in flight, against 2 * cores + 1 workers
TIME_LIMIT = 900  # seconds for the whole run
SUBMISSIONS = 200
SUBMISSION_WORKERS = 4
PG_SERVER = os.environ.get("ADVOCACY_TEST_DATABASE_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/14"
NO_LIMIT = "1000000 per minute"  # the bench is one address; the app's per-address limits would stop it
LOOKUP_POSTCODES = ("LS1 1UR", "SE1 0AA", "TS22 5BF", "BR6 7NZ")


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the server ---

def app_environment(instance: Path, database_url: str, redis_url: str | None, fake: FakeAPIs) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVOCACY_")}
    env.update({
        "ADVOCACY_INSTANCE_PATH": str(instance),
        "ADVOCACY_DATABASE_URL": database_url,
        "ADVOCACY_SECRET_KEY": "bench-only-secret",
        "ADVOCACY_POSTCODES_API_URL": fake.postcodes_url,
        "ADVOCACY_MEMBERS_API_URL": fake.members_url,
        "ADVOCACY_LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
    })
    # Residents come from many addresses: each request names its own in X-Forwarded-For (as a reverse proxy
    # would), so the app's per-address rate limits apply as they would in real traffic, not to one address.
    env["ADVOCACY_PROXY_HOPS"] = "1"
    if redis_url:
        env["ADVOCACY_REDIS_URL"] = redis_url
    for name in ("SIGNIN", "LOOKUP", "FORM", "DOWNLOAD", "API", "SEND", "CASE_STUDY"):
        env[f"ADVOCACY_{name}_LIMIT"] = NO_LIMIT
    env["ADVOCACY_SEND_LIMIT_PER_IP"] = env["ADVOCACY_SEND_LIMIT_PER_EMAIL"] = NO_LIMIT
    return env


@contextmanager
def gunicorn(env: dict[str, str], workers: int) -> Iterator[str]:
    port = free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "python:advocacy.gunicorn_conf",
               "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
               "--chdir", str(ROOT), "_load_app:app"]
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(url + "/healthz", timeout=10).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or the workers still starting
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit("gunicorn did not start:\n" + log.read().decode(errors="replace")[-3000:])
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def flask_setup(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "advocacy", "setup"], env=env, check=True,
                   stdout=subprocess.DEVNULL)


# --- the load ---

@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p99(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000


def _client_process(args: tuple) -> tuple[int, int, list[float]]:
    """One load-generating process: THREADS threads each sending requests back to back until the deadline."""
    method, urls, data, threads, start_at, stop_at = args
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def loop(thread: int) -> None:
        offset = os.getpid() * 64 + thread
        nonlocal errors
        session = requests.Session()
        mine: list[float] = []
        failed = 0
        n = offset
        while time.time() < start_at:
            time.sleep(0.001)
        while time.time() < stop_at:
            url = urls[n % len(urls)]
            n += 1
            began = time.perf_counter()
            try:
                response = session.request(method, url, data=data, timeout=30,
                                           headers={"X-Forwarded-For": resident_address(offset, n)})
                response.content  # noqa: B018 (read the whole body: a PDF is only served once read)
                ok = response.status_code == 200
            except requests.RequestException:
                ok = False
            mine.append(time.perf_counter() - began)
            failed += not ok
        with lock:
            latencies.extend(mine)
            errors += failed

    pool = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return len(latencies), errors, latencies


def load(pool, urls: list[str], seconds: float, *, method: str = "GET", data: dict | None = None
         ) -> tuple[int, int, list[float]]:
    """Send requests from CLIENT_PROCESSES x CLIENT_THREADS clients for ``seconds``."""
    start = time.time() + 0.3
    parts = pool.map(_client_process, [(method, urls, data, CLIENT_THREADS, start, start + seconds)]
                     * CLIENT_PROCESSES)
    return sum(n for n, _, _ in parts), sum(e for _, e, _ in parts), [t for _, _, part in parts for t in part]


# --- the scenarios ---



def scenarios(base: str) -> list[tuple[str, list[str]]]:
    found = [
        ("hello world (baseline)", [base + "/_bench/hello"]),
        ("campaign page", [base + "/c/bright-futures"]),
        ("/api/lookup, warm cache", [f"{base}/api/lookup?postcode={p.replace(' ', '+')}" for p in LOOKUP_POSTCODES]),
    ]
    found.extend(letter_scenarios(base))
    return found


def letter_scenarios(base: str) -> list[tuple[str, list[str]]]:
    """The letter preview and PDF download of residents' letters (each written once through the journey,
    then fetched again and again: the PDF is rendered once per worker, then served from its cache, and
    each download is an idempotent count)."""
    session = requests.Session()
    try:
        previews = [write_letter(base, session, n) for n in range(4)]
    except JourneyMissing as missing:
        print(f"  (letter preview and PDF not measured: {missing})")
        return []
    return [("letter preview", previews), ("letter PDF download", [url + "/letter.pdf" for url in previews])]


def resident_address(who: int, n: int = 0) -> str:
    """A made-up client address (10.0.0.0/8) for resident ``who``'s ``n``th request."""
    number = (who * 7919 + n) % (1 << 24)
    return f"10.{number >> 16}.{(number >> 8) & 255}.{number & 255}"


# --- one resident's letter, through the pages as a browser would (CSRF on) ---

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|value="([^"]+)" name="csrf_token"')
ASK = re.compile(r'name="asks"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="asks"')
SURNAMES = ("Okafor", "Nowak", "Patel", "Murphy", "Jones", "Hughes", "Begum", "O'Brien", "Kowalski", "Smith")


class JourneyMissing(Exception):
    """This version of the app has no letter journey to drive."""


def _token(page: str) -> str:
    found = CSRF.search(page)
    if not found:
        raise JourneyMissing("no CSRF token on the page")
    return found.group(1) or found.group(2)


def resident_name(n: int) -> str:
    letters = ""
    while True:
        n, rest = divmod(n, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[rest]
        if n == 0:
            break
    return f"Sam{letters} {SURNAMES[len(letters) % len(SURNAMES)]}"


def start_letter(base: str, session: requests.Session) -> tuple[str, dict]:
    """Postcode in, then the letter form: returns its URL and the answers to post (with its CSRF token)."""
    page = session.get(f"{base}/c/bright-futures", timeout=120)
    found = session.post(f"{base}/c/bright-futures", data={"csrf_token": _token(page.text), "postcode": "LS1 1UR"},
                         timeout=120)
    if found.status_code != 200 or not found.url.endswith("/you"):
        raise RuntimeError(f"postcode step: {found.status_code} at {found.url}")
    form = session.get(f"{base}/c/bright-futures/letter/mp", timeout=120)
    if form.status_code == 404:
        raise JourneyMissing("no letter form at /c/<slug>/letter/mp")
    asks = [a or b for a, b in ASK.findall(form.text)]
    return form.url, {"csrf_token": _token(form.text), "asks": asks, "postcode": "LS1 1UR"}


def finish_letter(session: requests.Session, form_url: str, answers: dict, n: int) -> str:
    """Submit the letter form; returns the preview's URL."""
    data = {**answers, "name": resident_name(n), "address": f"{n + 1} Example Street\nLeeds",
            "email": f"resident{n}@example.org", "personal": ""}
    preview = session.post(form_url, data=data, timeout=120)
    if preview.status_code != 200 or "/letter/d/" not in preview.url:
        raise RuntimeError(f"letter form: {preview.status_code} at {preview.url}")
    return preview.url


def write_letter(base: str, session: requests.Session, n: int) -> str:
    session.headers["X-Forwarded-For"] = f"192.168.{n >> 8}.{n & 255}"
    form_url, answers = start_letter(base, session)
    return finish_letter(session, form_url, answers, n)


def check(url: str) -> None:
    response = requests.get(url, timeout=30)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.text[:300]}")


def run_backend(label: str, env: dict[str, str], workers: int, seconds: float) -> list[Result]:
    """Every scenario in ROUNDS short rounds, interleaved with the baseline, so a change in the machine's
    other load during the run falls on the app and the baseline alike."""
    flask_setup(env)
    with gunicorn(env, workers) as base, get_context("spawn").Pool(CLIENT_PROCESSES) as pool:
        found = scenarios(base)
        for _, urls in found:
            for url in urls:
                check(url)  # also warms the HTTP cache for the lookups
            load(pool, urls, WARMUP_SECONDS)  # every worker's own caches too
        results = [Result(name, 0, 0, 0.0, []) for name, _ in found]
        for _ in range(ROUNDS):
            for result, (_, urls) in zip(results, found):
                n, errors, latencies = load(pool, urls, seconds / ROUNDS)
                result.requests += n
                result.errors += errors
                result.seconds += seconds / ROUNDS
                result.latencies.extend(latencies)
    for result in results:
        print(f"  {label:<20} {result.name:<30} {result.per_second:7.0f} req/s  p50 {result.p50:7.1f} ms"
              f"  p99 {result.p99:7.1f} ms  errors {result.errors}  ({result.per_second / results[0].per_second:.2f}"
              " x hello)", flush=True)
    return results


# --- concurrent submissions ---

SUBMIT_SECONDS: list[float] = []  # from the moment all residents submit to the last PDF


def submit_letters(base: str, count: int) -> tuple[int, list[str]]:
    """``count`` residents fill in their letter, then all submit it at the same moment and download the
    PDF, twice each (a double click). Returns (residents who got their PDF, problems)."""
    released: list[float] = []
    barrier = threading.Barrier(count, action=lambda: released.append(time.perf_counter()), timeout=300)

    def resident(n: int) -> str | None:
        session = requests.Session()
        session.headers["X-Forwarded-For"] = f"172.16.{n >> 8}.{n & 255}"  # each resident their own address
        try:
            form_url, answers = start_letter(base, session)
        except Exception as problem:  # noqa: BLE001 (reported, not raised: every resident is counted)
            barrier.abort()
            return f"resident {n} before submitting: {problem}"
        barrier.wait()
        try:
            preview = finish_letter(session, form_url, answers, n)
            with ThreadPoolExecutor(2) as clicks:
                downloads = list(clicks.map(lambda _: session.get(preview + "/letter.pdf", timeout=120), range(2)))
            bad = [d.status_code for d in downloads if d.status_code != 200 or d.content[:5] != b"%PDF-"]
            return f"resident {n}: PDF answered {bad}" if bad else None
        except Exception as problem:  # noqa: BLE001
            return f"resident {n}: {problem}"

    with ThreadPoolExecutor(count) as pool:
        outcomes = list(pool.map(resident, range(count)))
    problems = [o for o in outcomes if o]
    SUBMIT_SECONDS[:] = [time.perf_counter() - released[0]] if released else []
    if problems and all("no letter form" in p or "CSRF" in p for p in problems):
        raise JourneyMissing(problems[0])
    return count - len(problems), problems


def count_actions(database_url: str) -> int:
    import psycopg

    with psycopg.connect(postgres._libpq_url(database_url)) as connection:
        return connection.execute("SELECT count(*) FROM actions").fetchone()[0]


# --- report ---

def report(all_results: dict[str, list[Result]], workers: int) -> str:
    lines = ["| Back end | Request | req/s | p50 ms | p99 ms | errors | req/s vs hello |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for label, results in all_results.items():
        hello = results[0].per_second
        for r in results:
            lines.append(f"| {label} | {r.name} | {r.per_second:.0f} | {r.p50:.1f} | {r.p99:.1f} | {r.errors} | "
                         f"{r.per_second / hello:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    timer = threading.Timer(TIME_LIMIT, lambda: os._exit(2))  # bounded, whatever happens
    timer.daemon = True
    timer.start()

    workers = default_workers(cores())
    print(f"cores: {cores()} (os.cpu_count() {os.cpu_count()}), gunicorn sync workers: {workers}, "
          f"clients: {CLIENT_PROCESSES} processes x {CLIENT_THREADS} threads, {args.seconds:.0f} s per request type")
    all_results: dict[str, list[Result]] = {}
    with ExitStack() as stack:
        fake = FakeAPIs().start()
        stack.callback(fake.stop)
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        sqlite_env = app_environment(folder / "sqlite", f"sqlite:///{folder / 'bench.sqlite3'}", None, fake)
        all_results["SQLite"] = run_backend("SQLite", sqlite_env, workers, args.seconds)

        if args.no_postgres or not postgres.reachable(PG_SERVER):
            print(f"PostgreSQL part skipped: {'--no-postgres' if args.no_postgres else 'no server at ' + PG_SERVER}")
        else:
            database = stack.enter_context(postgres.temporary_database(PG_SERVER, prefix="advocacy_bench"))
            redis_url = REDIS_URL if _redis_answers(REDIS_URL) else None
            label = "PostgreSQL + Redis" if redis_url else "PostgreSQL"
            pg_env = app_environment(folder / "pg", database, redis_url, fake)
            all_results[label] = run_backend(label, pg_env, workers, args.seconds)
            submissions(pg_env, database)
    print()
    print(report(all_results, workers))
    return 0


def submissions(env: dict[str, str], database_url: str) -> None:
    before = count_actions(database_url)
    with gunicorn(env, SUBMISSION_WORKERS) as base:
        try:
            ok, problems = submit_letters(base, SUBMISSIONS)
            took = SUBMIT_SECONDS[0] if SUBMIT_SECONDS else float("nan")
        except JourneyMissing as missing:
            print(f"Concurrent letter submissions: not measured ({missing})")
            return
    added = count_actions(database_url) - before
    print(f"\n{SUBMISSIONS} concurrent letter submissions, PostgreSQL, {SUBMISSION_WORKERS} gunicorn workers: "
          f"{ok} got their PDF (each downloaded twice at once), {len(problems)} errors, {added} new actions; "
          f"{took:.1f} s from the simultaneous submit to the last PDF")
    for problem in problems[:5]:
        print("  ", problem)
    if problems or added != SUBMISSIONS:
        raise SystemExit(1)


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:
        return False


if __name__ == "__main__":
    sys.exit(main())
