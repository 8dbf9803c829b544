"""Real-browser fixtures: the app on a live server, Debian's Chromium driven by Playwright, axe-core.

A journey test asks for ``page`` (JavaScript on), ``no_js_page`` or ``phone_page`` (375 px wide), all
opened on a fresh live server, and uses the user-level steps in ``tests/browser/steps.py``::

    def test_a_resident_can_start_with_their_postcode(page, axe, screenshot):
        visit(page, "/c/bright-futures")
        fill_in(page, "Postcode", "LS1 1UR")
        press_button(page, "Find my MP and council")
        axe(page)
        screenshot(page, "after-postcode")

Every page opened here is watched: a JavaScript error, a console error (a script blocked by the CSP,
say), a stylesheet or image that fails to load, or an exception logged by the server fails the test,
and a failing test leaves a screenshot of each of its pages in tests/artifacts/.

Chromium and axe-core are installed by ``make test`` (``make browser-deps``). When they are missing the
tests fail with the command that installs them: a missing browser must never look like a passing suite.
A developer without root can set SKIP_BROWSER_TESTS=1 to skip them; CI (CI=true) ignores that.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from flask import Flask
from werkzeug.serving import make_server

from advocacy import create_app
from advocacy.db import db
from tests.conftest import base_config

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
# The flags that keep Chromium quiet on a machine with no internet: no update, sync or other
# background connections, which would otherwise be refused over and over.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
INSTALL_HINT = ("Run `make browser-deps` (as root, or with sudo) to install Debian's chromium and axe-core, "
                "or set SKIP_BROWSER_TESTS=1 to skip the browser tests on a machine where you cannot.")


# --- opting out, and marking ---------------------------------------------------------------------

def _opted_out() -> bool:
    wanted = os.environ.get("SKIP_BROWSER_TESTS") == "1"
    in_ci = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
    return wanted and not in_ci


@pytest.hookimpl(tryfirst=True)  # before -m selects, so `-m browser` / `-m 'not browser'` see the mark
def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if _opted_out():
                item.add_marker(pytest.mark.skip(reason="SKIP_BROWSER_TESTS=1: browser tests not run"))


def pytest_report_header(config):
    if os.environ.get("SKIP_BROWSER_TESTS") == "1" and not _opted_out():
        return "browser tests: SKIP_BROWSER_TESTS=1 is ignored in CI"
    return None


# Each test's report, so page fixtures can take a screenshot when the test itself failed.
REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


def _test_failed(request) -> bool:
    report = request.node.stash.get(REPORTS, {}).get("call")
    return report is None or report.failed


# --- the live server -----------------------------------------------------------------------------

@dataclass
class LiveServer:
    app: Flask
    url: str  # http://127.0.0.1:PORT, no trailing slash
    # Exceptions the app logged while serving: a friendly 500 page must not hide a bug from the tests.
    server_errors: list[str] = field(default_factory=list)


class _ErrorCollector(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(level=logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(self.format(record))


@pytest.fixture
def make_live_server(tmp_path, migrated_database) -> Iterator[Callable[..., LiveServer]]:
    """Start the app on 127.0.0.1, a random port, in a thread: ``make_live_server(ADVOCACY_X="...")``.

    Each server has its own copy of the migrated SQLite database and CSRF checks on, as in production.
    Public API URLs point at a closed port unless a test passes its fake's URL.
    """
    started: list[tuple[Any, threading.Thread, LiveServer, logging.Handler]] = []

    def start(**overrides: Any) -> LiveServer:
        folder = tmp_path / f"live{len(started)}"
        folder.mkdir()
        database = folder / "advocacy.sqlite3"
        shutil.copy(migrated_database, database)
        app = create_app({**base_config(folder, database), "TESTING": False, "WTF_CSRF_ENABLED": True,
                          **overrides})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        live = LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
        if "ADVOCACY_PUBLIC_URL" not in overrides:
            app.config["ADVOCACY_PUBLIC_URL"] = live.url  # emailed links come back to this server
        collector = _ErrorCollector(live.server_errors)
        logging.getLogger("advocacy").addHandler(collector)
        thread = threading.Thread(target=server.serve_forever, name=f"live-server-{server.server_port}",
                                  daemon=True)
        thread.start()
        started.append((server, thread, live, collector))
        return live

    yield start
    for server, thread, live, collector in started:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        logging.getLogger("advocacy").removeHandler(collector)
        with live.app.app_context():
            db.engine.dispose()


@pytest.fixture
def live_server(make_live_server) -> LiveServer:
    """The app as configured for tests. Override this fixture in a module to serve other settings."""
    return make_live_server()


# --- the browser ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session; each test gets its own context (cookies, storage)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing, so the browser tests cannot run. {INSTALL_HINT}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                              headless=True, timeout=30_000)
        yield chromium
        chromium.close()


# What each open page showed that a person would see as broken, whatever the test looked at.
_PROBLEMS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def problems_seen(page) -> list[str]:
    """Script errors, console errors (a script or style blocked by the CSP, say), and stylesheets,
    images or scripts that did not load, on ``page`` so far. Every page from ``open_page`` fails its
    test at the end if this is not empty; a test that causes one on purpose clears the list."""
    return _PROBLEMS.setdefault(page, [])


def _watch(page) -> None:
    problems = problems_seen(page)

    def on_console(message) -> None:
        # A resource that failed is reported below with its URL; the main document's 4xx is expected.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console error on {page.url}: {message.text}")

    def on_response(response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.request.resource_type} {response.url} answered {response.status}")

    def on_request_failed(request) -> None:
        # A download, or a navigation replaced by the next one, ends its document request "aborted".
        if not (request.resource_type == "document" and request.failure == "net::ERR_ABORTED"):
            problems.append(f"{request.resource_type} {request.url} failed: {request.failure}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"JavaScript error on {page.url}: {error}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)


@pytest.fixture
def open_page(browser, live_server, request, screenshot_dir):
    """Open a new page in its own browser context: ``open_page(javascript=False, viewport=PHONE)``.

    Pages open on ``live_server`` unless ``server=`` names another one from ``make_live_server``;
    other keyword arguments go to ``browser.new_context``."""
    contexts = []
    pages = []
    servers = [live_server]

    def open_(*, javascript: bool = True, viewport: dict | None = None, server: LiveServer | None = None,
              **options: Any):
        if server is not None and server not in servers:
            servers.append(server)
        options.setdefault("is_mobile", bool(viewport and viewport["width"] < 600))
        options.setdefault("has_touch", options["is_mobile"])
        context = browser.new_context(base_url=(server or live_server).url, java_script_enabled=javascript,
                                      viewport=viewport or DESKTOP, locale="en-GB",
                                      timezone_id="Europe/London", accept_downloads=True, **options)
        context.set_default_timeout(5_000)
        contexts.append(context)
        page = context.new_page()
        if not javascript:
            _SCRIPTS_OFF.add(page)
        _watch(page)
        pages.append(page)
        return page

    yield open_
    failed = _test_failed(request)
    if failed:
        for number, page in enumerate(pages, start=1):
            if not page.is_closed():
                screenshot_dir.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=screenshot_dir / f"failure-page{number}.png", full_page=True)
    for context in contexts:
        context.close()
    if not failed:
        problems = [problem for page in pages for problem in problems_seen(page)]
        problems += [f"server logged an error:\n{error}" for server in servers for error in server.server_errors]
        if problems:
            pytest.fail("The pages had problems a person would notice:\n- " + "\n- ".join(problems),
                        pytrace=False)


@pytest.fixture
def page(open_page):
    """A desktop-sized page with JavaScript on."""
    return open_page()


@pytest.fixture
def no_js_page(open_page):
    """A desktop-sized page with JavaScript off: every journey must work without it."""
    return open_page(javascript=False)


@pytest.fixture
def phone_page(open_page):
    """A 375 px wide phone with JavaScript on."""
    return open_page(viewport=PHONE)


@pytest.fixture
def show_template(live_server):
    """Render a page template with the live app and show it in a browser page, at an address on the
    live server, so its CSS loads and its headers (the CSP included) are the app's own. For states
    that are slow to reach through a journey, such as each error message of a form::

        def with_errors():
            form = PostcodeForm(meta={"csrf": False})
            form.validate()
            return {"campaign": get_campaign("bright-futures"), "form": form}

        show_template(page, "campaign.html", with_errors, data={"postcode": ""})

    ``context`` is a dict or a function returning one, called inside the request (forms need one);
    with ``data`` that request is a POST of that form data. Returns the HTML shown.
    """

    def show(page, template: str, context: dict | Callable[[], dict] | None = None, *,
             path: str = "/_rendered", data: dict | None = None) -> str:
        from flask import render_template

        app = live_server.app
        method = "GET" if data is None else "POST"
        with app.test_request_context(path, method=method, data=data):
            values = context() if callable(context) else (context or {})
            response = app.process_response(app.make_response(render_template(template, **values)))
        html = response.get_data(as_text=True)
        headers = {name: value for name, value in response.headers.items() if name.lower() != "content-length"}
        page.route(f"{live_server.url}{path}", lambda route: route.fulfill(status=200, headers=headers, body=html))
        page.goto(path)
        return html

    return show


# --- accessibility -------------------------------------------------------------------------------

# Pages whose context has JavaScript off. There the page's timers never fire, and axe waits on
# setTimeout, so axe_violations() first swaps the timers for promise callbacks, which still run.
_SCRIPTS_OFF: weakref.WeakSet = weakref.WeakSet()
_TIMERS_WITHOUT_SCRIPTS = """() => {
    const soon = (callback, delay, ...args) => { Promise.resolve().then(() => callback(...args)); return 0; };
    window.setTimeout = soon;
    window.clearTimeout = () => {};
    window.requestAnimationFrame = (callback) => soon(callback, 0, performance.now());
    window.requestIdleCallback = (callback) => soon(callback, 0, {didTimeout: false, timeRemaining: () => 50});
}"""


def axe_violations(page, tags: list[str] = AXE_TAGS) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations for the given rule tags.

    axe is evaluated through the DevTools protocol rather than added as a <script>, because the
    app's Content-Security-Policy (rightly) blocks inline scripts; that also works with JavaScript off.
    """
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing. {INSTALL_HINT}", pytrace=False)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        if page in _SCRIPTS_OFF:
            page.evaluate(_TIMERS_WITHOUT_SCRIPTS)
        page.evaluate(AXE_JS.read_text())
    return page.evaluate(
        """async (tags) => (await axe.run(document, {
               runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations""",
        tags,
    )


def describe_violations(url: str, violations: list[dict]) -> str:
    """One readable block per rule broken: id, impact, what it means, and each element with the fix."""
    lines = [f"axe found {len(violations)} accessibility problem(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " >> ".join(" ".join(part) if isinstance(part, list) else part for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:160]}")
            for fix in (node.get("failureSummary") or "").splitlines()[1:]:
                lines.append(f"      {fix.strip()}")
        lines.append(f"    see {violation['helpUrl']}")
    return "\n".join(lines)


@pytest.fixture
def axe() -> Callable[..., None]:
    """``axe(page)`` fails the test if the page breaks any WCAG 2.2 A or AA rule that axe checks."""

    def check(page, tags: list[str] = AXE_TAGS) -> None:
        violations = axe_violations(page, tags)
        if violations:
            raise AssertionError(describe_violations(page.url, violations))

    return check


# --- screenshots ---------------------------------------------------------------------------------

@pytest.fixture
def screenshot_dir(request) -> Path:
    """tests/artifacts/<module>/<test>/, emptied at the start of the test."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name).strip("_")
    folder = ARTIFACTS / request.node.path.stem / name
    shutil.rmtree(folder, ignore_errors=True)
    return folder


@pytest.fixture
def screenshot(screenshot_dir) -> Callable[..., Path]:
    """``screenshot(page, "campaign")`` saves the whole page as tests/artifacts/<module>/<test>/campaign.png."""

    def take(page, name: str) -> Path:
        screenshot_dir.mkdir(parents=True, exist_ok=True)
        path = screenshot_dir / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
