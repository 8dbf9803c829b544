"""Load on the real app under gunicorn, measured with wrk against a "hello world" route in the same gunicorn.

The app runs on PostgreSQL with Redis when they answer on this machine (a temporary database; else on a
temporary SQLite file, said in the output), with `flask setup`'s data, lookups against the local fake APIs,
and gunicorn started from `advocacy/gunicorn_conf.py` (5 sync workers, 2 per core + 1) on a free loopback
port, serving `bench/_load_app.py`: the app, and beside it at /_bench/hello a bare Flask route.

1. **Ratios.** wrk (1 thread, 16 connections, SECONDS per page) loads each page in turn, in ROUNDS rounds
   interleaved with the hello-world baseline, so the machine's other load falls on all of them alike. The
   figure that counts is each page's requests per second as a share of hello-world's in the same run; it
   holds on a faster or slower machine. Targets: campaign page, embed and progress at least 0.8, a warm
   /api/lookup at least 0.6, /healthz at least 0.5. A second warm /api/lookup row makes every URL new (an
   extra parameter), so no answer is replayed: what a warm look-up costs through Flask (no target).
2. **Recycling.** 60 s of full load on the campaign page with worker recycling on (max_requests from the
   config, lowered so that every worker is replaced several times in the run): the longest stretch of
   whole seconds that completed no request (target: none) and the slowest request (target under 2 s).
3. **Submissions.** SUBMISSIONS residents each look up their postcode and open the letter form, then all
   submit at the same moment (5 workers, PostgreSQL): p50/p95 from submit to the letter preview (target p95
   under 2 s), then each downloads the PDF twice at once (a double click): zero errors and exactly
   SUBMISSIONS new actions.

wrk is the Debian package (`make bench` installs it like Chromium for the browser tests): a C load
generator that out-runs the server, unlike Python threads on the same two cores. Each request names its own
client address in X-Forwarded-For (ADVOCACY_PROXY_HOPS=1) and the app's rate limits are set very high, so
limits are checked as for real residents without refusing the bench. Run: `.venv/bin/python bench/load.py`
(or `make bench`); about 5 minutes. Results go in docs/benchmarks.md. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from advocacy.devtools import postgres  # noqa: E402
from advocacy.devtools.fake_apis import FakeAPIs  # noqa: E402
from advocacy.gunicorn_conf import default_workers  # noqa: E402

SECONDS = 6.0  # per page per round
ROUNDS = 3
CONNECTIONS = 16
RECYCLE_SECONDS = 60
RECYCLE_MAX_REQUESTS = 1000  # with the config's jitter, each worker is replaced every 1000-3000 requests
TIME_LIMIT = 1800  # seconds for the whole run (the shared machine can be very slow)
SUBMISSIONS = 200
SUBMISSION_WORKERS = 5
PG_SERVER = os.environ.get("ADVOCACY_TEST_DATABASE_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/14"
NO_LIMIT = "1000000 per minute"  # the bench is one machine; the app's per-address limits would stop it
LOOKUP_POSTCODES = ("LS1 1UR", "SE1 0AA", "TS22 5BF", "BR6 7NZ")
SLUG = "bright-futures"
TARGETS = {"/healthz": 0.5, "campaign page": 0.8, "/api/lookup, warm": 0.6, "progress page": 0.8,
           "embed widget": 0.8}


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
        "ADVOCACY_GOVUK_API_URL": fake.govuk_url,
        "ADVOCACY_LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
        "ADVOCACY_PROXY_HOPS": "1",  # each request names its own client address, as behind a proxy
    })
    if redis_url:
        env["ADVOCACY_REDIS_URL"] = redis_url
    for name in ("SIGNIN", "LOOKUP", "FORM", "DOWNLOAD", "API", "SEND", "CASE_STUDY"):
        env[f"ADVOCACY_{name}_LIMIT"] = NO_LIMIT
    env["ADVOCACY_SEND_LIMIT_PER_IP"] = env["ADVOCACY_SEND_LIMIT_PER_EMAIL"] = NO_LIMIT
    return env


@dataclass
class Server:
    url: str
    log: Path

    def restarts(self) -> int:
        """Workers gunicorn replaced after their max_requests so far."""
        return self.log.read_text(errors="replace").count("Autorestarting worker")


@contextmanager
def gunicorn(env: dict[str, str], workers: int, *extra: str) -> Iterator[Server]:
    port = free_port()
    log_path = Path(tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")[1])
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "python:advocacy.gunicorn_conf",
               "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
               "--log-level", "info", "--chdir", str(ROOT), *extra, "_load_app:app"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(url + "/healthz", timeout=10).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start:\n" + log_path.read_text(errors="replace")[-3000:])
            time.sleep(0.2)
        yield Server(url, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log_path.unlink(missing_ok=True)


def flask_setup(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "advocacy", "setup"], env=env, check=True,
                   stdout=subprocess.DEVNULL)


# --- wrk ---

WRK_SCRIPT = """
local paths = {%(paths)s}
local n = 0
counts = {}
request = function()
  n = n + 1
  local who = (n * 7919) %% 16777216
  local address = string.format("10.%%d.%%d.%%d", math.floor(who / 65536), math.floor(who / 256) %% 256, who %% 256)
  local path = string.gsub(paths[(n %% #paths) + 1], "{n}", tostring(n))  -- {n}: a URL never asked before
  return wrk.format("GET", path, {["X-Forwarded-For"] = address})
end
%(timeline)s
"""

# Completed requests per wall-clock second, read from the thread at the end (wrk gives no time series).
TIMELINE = """
response = function(status, headers, body)
  local second = os.time()
  counts[second] = (counts[second] or 0) + 1
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for second, count in pairs(thread:get("counts")) do
      io.write(string.format("SECOND %d %d\\n", second, count))
    end
  end
end
"""


@dataclass
class Run:
    name: str
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0
    p50_ms: list[float] = field(default_factory=list)
    p99_ms: list[float] = field(default_factory=list)
    max_ms: float = 0.0
    per_second_counts: dict[int, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _ms(text: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if found is None:
        raise ValueError(f"not a wrk duration: {text!r}")
    number, unit = found.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(base: str, paths: list[str], seconds: float, run: Run, *, timeline: bool = False) -> Run:
    """Load ``paths`` (in turn) for ``seconds`` with wrk; adds what it measured to ``run``."""
    script = WRK_SCRIPT % {"paths": ", ".join(f'"{p}"' for p in paths), "timeline": TIMELINE if timeline else ""}
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as file:
        file.write(script)
        file.flush()
        out = subprocess.run(["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds:.0f}s", "--timeout", "30s", "--latency",
                              "-s", file.name, base], capture_output=True, text=True, check=True).stdout
    try:
        return _parse(out, run)
    except (AttributeError, ValueError) as problem:
        raise SystemExit(f"could not read wrk's output ({problem}):\n{out}") from None


def _parse(out: str, run: Run) -> Run:
    requests_done = int(re.search(r"(\d+) requests in", out).group(1))
    duration = re.search(r"requests in ([\d.]+)(ms|s|m)", out)
    run.requests += requests_done
    run.seconds += _ms(duration.group(1) + duration.group(2)) / 1000
    latency = re.search(r"^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)", out, re.M)
    run.max_ms = max(run.max_ms, _ms(latency.group(3)))
    run.p50_ms.append(_ms(re.search(r"^\s+50%\s+(\S+)\s*$", out, re.M).group(1)))
    run.p99_ms.append(_ms(re.search(r"^\s+99%\s+(\S+)\s*$", out, re.M).group(1)))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    # gunicorn's sync workers close every connection after answering; wrk counts some of those closes as
    # read errors though the response was complete, so only connect/write/timeout errors count here.
    run.errors += (int(bad.group(1)) if bad else 0) + (
        sum(int(socket_errors.group(i)) for i in (1, 3, 4)) if socket_errors else 0)
    for second, count in re.findall(r"SECOND (\d+) (\d+)", out):
        run.per_second_counts[int(second)] = run.per_second_counts.get(int(second), 0) + int(count)
    return run


def check(url: str) -> None:
    response = requests.get(url, timeout=30, headers={"X-Forwarded-For": "10.255.0.1"})
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.text[:300]}")


# --- 1. ratios ---

def pages(base: str) -> list[tuple[str, list[str]]]:
    found = [
        ("hello world (baseline)", ["/_bench/hello"]),
        ("/healthz", ["/healthz"]),
        ("campaign page", [f"/c/{SLUG}"]),
        ("/api/lookup, warm", [f"/api/lookup?postcode={p.replace(' ', '+')}" for p in LOOKUP_POSTCODES]),
        # The same look-ups, each URL new (an extra parameter the API ignores), so none is replayed: what
        # a warm look-up costs through Flask, as for a town's worth of different postcodes.
        ("/api/lookup, warm, every URL new", [f"/api/lookup?postcode={p.replace(' ', '+')}&n={{n}}"
                                              for p in LOOKUP_POSTCODES]),
        ("/api/councils/<code>/figures", ["/api/councils/E08000035/figures"]),
        ("progress page", [f"/c/{SLUG}/progress"]),
        ("embed widget", [f"/embed/{SLUG}"]),
        ("motions list", [f"/c/{SLUG}/motions"]),
    ]
    for _, paths in found:
        for path in paths:
            check(base + path)  # and warms the HTTP cache of the lookups
    return found


def ratios(server: Server, seconds: float) -> list[Run]:
    found = pages(server.url)
    for _, paths in found:
        wrk(server.url, paths, 2, Run("warm-up"))  # every worker's own caches
    runs = [Run(name) for name, _ in found]
    for round_ in range(ROUNDS):
        for run, (_, paths) in zip(runs, found):
            wrk(server.url, paths, seconds, run)
        print(f"  round {round_ + 1}/{ROUNDS} done, load average {os.getloadavg()[0]:.1f}", flush=True)
    return runs


# --- 2. recycling ---

@dataclass
class Recycling:
    run: Run
    restarts: int
    longest_gap: int  # whole seconds in a row with no completed request
    slowest_second: int  # fewest requests completed in one whole second

    @staticmethod
    def of(run: Run, restarts: int) -> "Recycling":
        seconds = sorted(run.per_second_counts)
        # The first and last second are partial (wrk starts and stops inside them): left out.
        inside = range(seconds[0] + 1, seconds[-1]) if len(seconds) > 2 else range(0)
        longest = current = 0
        for second in inside:
            current = current + 1 if run.per_second_counts.get(second, 0) == 0 else 0
            longest = max(longest, current)
        fewest = min((run.per_second_counts.get(s, 0) for s in inside), default=0)
        return Recycling(run, restarts, longest, fewest)


def recycling(env: dict[str, str], workers: int, seconds: float, *extra: str) -> Recycling:
    with gunicorn(env, workers, "--max-requests", str(RECYCLE_MAX_REQUESTS), *extra) as server:
        check(f"{server.url}/c/{SLUG}")
        run = wrk(server.url, [f"/c/{SLUG}"], seconds, Run("campaign page, recycling on"), timeline=True)
        return Recycling.of(run, server.restarts())


# --- 3. submissions: one resident's letter, through the pages as a browser would (CSRF on) ---

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
    """Postcode in (the campaign page's GET form), then the letter form: its URL and the answers to post."""
    found = session.get(f"{base}/c/{SLUG}", params={"postcode": "LS1 1UR"}, timeout=120)
    if found.status_code != 200 or not found.url.endswith("/you"):
        raise RuntimeError(f"postcode step: {found.status_code} at {found.url}")
    form = session.get(f"{base}/c/{SLUG}/letter/mp", timeout=120)
    if form.status_code == 404:
        raise JourneyMissing("no letter form at /c/<slug>/letter/mp")
    asks = [a or b for a, b in ASK.findall(form.text)]
    return form.url, {"csrf_token": _token(form.text), "asks": asks, "postcode": "LS1 1UR"}


def _send(url: str, method: str, headers: dict[str, str], body: bytes | None = None
          ) -> tuple[int, http.client.HTTPMessage, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=body,
                           headers=headers)
        response = connection.getresponse()
        return response.status, response.msg, response.read()
    finally:
        connection.close()


def finish_letter(session: requests.Session, form_url: str, answers: dict, n: int) -> str:
    """Submit the letter form and follow its redirect to the preview, as a browser does; returns the preview's
    URL. This is the timed step, so it is sent with http.client, not requests: 200 threads of one Python
    process share the server's two cores, and requests' own work per call (hooks, cookie jar, redirect
    handling) held the GIL long enough to add its own queue to the latencies being measured."""
    data = {**answers, "name": resident_name(n), "address": f"{n + 1} Example Street\nLeeds",
            "email": f"resident{n}@example.org", "personal": ""}
    cookies = {cookie.name: cookie.value for cookie in session.cookies}
    headers = {"X-Forwarded-For": session.headers["X-Forwarded-For"]}
    status, reply, _ = _send(form_url, "POST", {**headers, "Cookie": _cookie_header(cookies),
                                                "Content-Type": "application/x-www-form-urlencoded"},
                             urlencode(data, doseq=True).encode())
    if status not in (302, 303):
        raise RuntimeError(f"letter form: {status} at {form_url}")
    for set_cookie in reply.get_all("Set-Cookie") or []:
        name, _, rest = set_cookie.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    preview = urljoin(form_url, reply["Location"])
    status, _, _ = _send(preview, "GET", {**headers, "Cookie": _cookie_header(cookies)})
    if status != 200 or "/letter/d/" not in preview:
        raise RuntimeError(f"letter form: {status} at {preview}")
    session.cookies.clear()  # the PDF downloads that follow carry the cookies as the server left them
    for name, value in cookies.items():
        if value:
            session.cookies.set(name, value)
    return preview


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items() if value)


@dataclass
class Submissions:
    count: int
    latencies: list[float]  # seconds from the common submit to each resident's preview
    pdf_seconds: float  # from the first download to the last
    problems: list[str]
    actions_added: int

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def submit_letters(base: str, count: int) -> tuple[list[float], float, list[str]]:
    """``count`` residents fill in their letter, all submit at the same moment, then each downloads the PDF
    twice at once. Returns (submit-to-preview seconds of each resident, PDF phase seconds, problems)."""
    submitted = threading.Barrier(count, timeout=600)
    ready = threading.Barrier(count, timeout=600)
    pdf_times: list[float] = []

    def resident(n: int) -> tuple[float | None, str | None]:
        session = requests.Session()
        session.headers["X-Forwarded-For"] = f"172.16.{n >> 8}.{n & 255}"  # each resident their own address
        try:
            form_url, answers = start_letter(base, session)
        except Exception as problem:  # noqa: BLE001 (reported, not raised: every resident is counted)
            ready.abort()
            submitted.abort()
            return None, f"resident {n} before submitting: {problem}"
        ready.wait()
        began = time.perf_counter()
        try:
            preview = finish_letter(session, form_url, answers, n)
        except Exception as problem:  # noqa: BLE001
            submitted.abort()
            return None, f"resident {n}: {problem}"
        took = time.perf_counter() - began
        submitted.wait()
        pdf_times.append(time.perf_counter())
        try:
            with ThreadPoolExecutor(2) as clicks:
                downloads = list(clicks.map(lambda _: session.get(preview + "/letter.pdf", timeout=300), range(2)))
        except Exception as problem:  # noqa: BLE001
            return took, f"resident {n}: PDF {problem}"
        pdf_times.append(time.perf_counter())
        bad = [d.status_code for d in downloads if d.status_code != 200 or d.content[:5] != b"%PDF-"]
        return took, (f"resident {n}: PDF answered {bad}" if bad else None)

    with ThreadPoolExecutor(count) as pool:
        outcomes = list(pool.map(resident, range(count)))
    problems = [problem for _, problem in outcomes if problem]
    if problems and all("no letter form" in p or "CSRF" in p for p in problems):
        raise JourneyMissing(problems[0])
    latencies = [took for took, _ in outcomes if took is not None]
    return latencies, (max(pdf_times) - min(pdf_times)) if pdf_times else float("nan"), problems


def count_actions(database_url: str) -> int:
    if database_url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(database_url.split("///", 1)[1]) as connection:
            return connection.execute("SELECT count(*) FROM actions").fetchone()[0]
    import psycopg

    with psycopg.connect(postgres._libpq_url(database_url)) as connection:
        return connection.execute("SELECT count(*) FROM actions").fetchone()[0]


def submissions(env: dict[str, str], database_url: str, count: int) -> Submissions | None:
    before = count_actions(database_url)
    with gunicorn(env, SUBMISSION_WORKERS) as server:
        try:
            latencies, pdf_seconds, problems = submit_letters(server.url, count)
        except JourneyMissing as missing:
            print(f"Concurrent letter submissions: not measured ({missing})")
            return None
    return Submissions(count, latencies, pdf_seconds, problems, count_actions(database_url) - before)


# --- report ---

def report(label: str, runs: list[Run], recycled: Recycling | None, submitted: Submissions | None
           ) -> tuple[str, bool]:
    hello = runs[0].per_second
    met = True
    lines = [f"Back end: {label}. Load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
             f"({cores()} cores).", "",
             "| Page | req/s | p50 ms (median of rounds) | p99 ms (worst round) | max ms | errors "
             "| req/s vs hello | target |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for run in runs:
        ratio = run.per_second / hello
        target = TARGETS.get(run.name)
        ok = target is None or ratio >= target
        met &= ok and run.errors == 0
        verdict = "" if target is None else f"≥ {target}: {'met' if ok else 'NOT met'}"
        lines.append(f"| {run.name} | {run.per_second:.0f} | {statistics.median(run.p50_ms):.1f} | "
                     f"{max(run.p99_ms):.1f} | {run.max_ms:.0f} | {run.errors} | {ratio:.2f} | {verdict} |")
    if recycled is None:
        return "\n".join(lines), met
    gap_ok = recycled.longest_gap == 0 and recycled.run.max_ms < 2000
    met &= gap_ok
    lines += ["", f"Recycling on ({RECYCLE_MAX_REQUESTS} requests + jitter per worker), {recycled.run.seconds:.0f} s on the "
                  f"campaign page: {recycled.run.requests} requests ({recycled.run.per_second:.0f}/s), "
                  f"{recycled.restarts} workers replaced, longest run of seconds with no completed request: "
                  f"{recycled.longest_gap} s, fewest in one second: {recycled.slowest_second}, "
                  f"max latency {recycled.run.max_ms:.0f} ms, errors {recycled.run.errors}: "
                  f"{'met' if gap_ok else 'NOT met'}."]
    if submitted is not None:
        p95 = submitted.percentile(0.95)
        sub_ok = not submitted.problems and submitted.actions_added == submitted.count and p95 < 2.0
        met &= sub_ok
        lines += ["", f"{submitted.count} simultaneous letter submissions, {SUBMISSION_WORKERS} workers: submit to "
                      f"preview p50 {submitted.percentile(0.5):.2f} s, p95 {p95:.2f} s, max "
                      f"{max(submitted.latencies, default=float('nan')):.2f} s; then 2 PDF downloads each at once, "
                      f"{submitted.pdf_seconds:.1f} s for all; {len(submitted.problems)} errors, "
                      f"{submitted.actions_added} new actions: {'met' if sub_ok else 'NOT met'}."]
        lines += [f"  {problem}" for problem in submitted.problems[:5]]
    return "\n".join(lines), met


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:  # noqa: BLE001
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=SECONDS, help="per page per round")
    parser.add_argument("--recycle-seconds", type=float, default=RECYCLE_SECONDS)
    parser.add_argument("--submissions", type=int, default=SUBMISSIONS)
    parser.add_argument("--sqlite", action="store_true", help="SQLite even when PostgreSQL answers")
    parser.add_argument("--without-preload", action="store_true",
                        help="also run the recycling test with the app built in each worker (for comparison)")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `make bench` installs it, or run `apt-get install wrk` as root")
    timer = threading.Timer(TIME_LIMIT, lambda: os._exit(2))  # bounded, whatever happens
    timer.daemon = True
    timer.start()

    workers = default_workers(cores())
    print(f"cores: {cores()} (os.cpu_count() {os.cpu_count()}), gunicorn sync workers: {workers}, "
          f"wrk 1 thread x {CONNECTIONS} connections, {args.seconds:.0f} s per page x {ROUNDS} rounds", flush=True)
    with ExitStack() as stack:
        fake = FakeAPIs().start()
        stack.callback(fake.stop)
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        if not args.sqlite and postgres.reachable(PG_SERVER):
            database = stack.enter_context(postgres.temporary_database(PG_SERVER, prefix="advocacy_bench"))
            redis_url = REDIS_URL if _redis_answers(REDIS_URL) else None
            label = "PostgreSQL + Redis" if redis_url else "PostgreSQL"
        else:
            database, redis_url, label = f"sqlite:///{folder / 'bench.sqlite3'}", None, "SQLite"
        env = app_environment(folder / "instance", database, redis_url, fake)
        if redis_url:
            import redis

            redis.Redis.from_url(redis_url).flushdb()  # nothing cached from an earlier run
        flask_setup(env)
        with gunicorn(env, workers) as server:
            runs = ratios(server, args.seconds)
        print(report(label, runs, None, None)[0], flush=True)  # each part as soon as it is measured
        recycled = recycling(env, workers, args.recycle_seconds)
        print(report(label, runs, recycled, None)[0].split("\n\n")[-1], flush=True)
        if args.without_preload:
            config = folder / "no_preload.py"
            config.write_text("from advocacy.gunicorn_conf import *  # noqa: F401,F403\npreload_app = False\n")
            before = recycling(env, workers, args.recycle_seconds, "-c", str(config))
            print(f"  without preload: {before.run.requests} requests, {before.restarts} workers replaced, "
                  f"longest run of seconds with none completed {before.longest_gap} s, fewest in one second "
                  f"{before.slowest_second}, max latency {before.run.max_ms:.0f} ms", flush=True)
        submitted = submissions(env, database, args.submissions) if args.submissions else None
    text, met = report(label, runs, recycled, submitted)
    print()
    print(text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
