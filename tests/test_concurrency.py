"""Concurrency: 50 residents send their letters at the same moment through a real multi-threaded server
(Werkzeug, threaded, as `flask run` serves), on SQLite in WAL mode with a busy timeout. Every letter is
kept and counted exactly once, and no request fails."""

from __future__ import annotations

import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin

import pytest
import requests
from werkzeug.serving import make_server

from advocacy.db import db

WRITERS = 50
CAMPAIGN = "/c/bright-futures"
NO_LIMITS = {name: "100000 per minute" for name in ("ADVOCACY_LOOKUP_LIMIT", "ADVOCACY_FORM_LIMIT",
                                                     "ADVOCACY_DOWNLOAD_LIMIT", "ADVOCACY_API_LIMIT")}


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@pytest.fixture
def server(make_lookup_app):
    """The app with CSRF on, as in production, served by a real threaded server on a random port."""
    from tests.fixture_figures import load_fixture_figures

    app = make_lookup_app(TESTING=False, WTF_CSRF_ENABLED=True, **NO_LIMITS)
    with app.app_context():
        load_fixture_figures()  # the figures letters quote
    errors = _Errors()
    logging.getLogger("advocacy").addHandler(errors)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{httpd.server_port}", errors
    httpd.shutdown()
    thread.join(timeout=10)
    logging.getLogger("advocacy").removeHandler(errors)


def csrf_token(response: requests.Response) -> str:
    found = re.search(r'<input[^>]*name="csrf_token"[^>]*>', response.text)
    assert found, f"no form on {response.url} ({response.status_code}): {response.text[:2000]}"
    return re.search(r'value="([^"]+)"', found.group(0)).group(1)


def test_fifty_letters_sent_at_once_are_all_kept_and_counted_once(server):
    from advocacy.actions.models import Action
    from advocacy.letters.models import LetterDraft

    app, url, errors = server
    with app.app_context():
        if db.engine.dialect.name == "sqlite":  # the set-up the test is about; PostgreSQL needs none
            assert db.session.execute(db.text("PRAGMA journal_mode")).scalar() == "wal"
            assert db.session.execute(db.text("PRAGMA busy_timeout")).scalar() >= 5000
    start_together = threading.Barrier(WRITERS)

    def one_resident(number: int) -> list[int]:
        try:
            return write_and_send(number)
        except Exception:
            start_together.abort()  # the others stop waiting for this one
            raise

    def write_and_send(number: int) -> list[int]:
        statuses = []
        with requests.Session() as browser:
            browser.get(url + CAMPAIGN, timeout=60)
            # The postcode form is a GET (a look-up changes nothing), so it carries no token.
            found = browser.get(url + CAMPAIGN, params={"postcode": "LS1 1UR"}, allow_redirects=False, timeout=60)
            statuses.append(found.status_code)
            form = browser.get(f"{url}{CAMPAIGN}/letter/mp", timeout=60)
            statuses.append(form.status_code)
            start_together.wait(timeout=120)  # every resident presses "Continue" at the same moment
            submitted = browser.post(f"{url}{CAMPAIGN}/letter/mp", allow_redirects=False, timeout=120, data={
                "csrf_token": csrf_token(form), "name": f"Writer {number}",
                "address": f"{number} Example Street\nLeeds", "postcode": "LS1 1UR",
                "email": f"writer{number}@example.org", "asks": ["fund"], "personal": f"Letter {number}."})
            statuses.append(submitted.status_code)
            letter_url = urljoin(url, submitted.headers["Location"])  # /c/<slug>/letter/d/<draft id>
            outputs = browser.get(letter_url + "/send", timeout=60)
            statuses.append(outputs.status_code)
            start_together.wait(timeout=120)  # ...and "I've sent it" at the same moment
            sent = browser.post(letter_url + "/sent", allow_redirects=False, timeout=120,
                                data={"csrf_token": csrf_token(outputs)})
            statuses.append(sent.status_code)
        return statuses

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        futures = [pool.submit(one_resident, number) for number in range(WRITERS)]
    failures = [f.exception() for f in futures
                if f.exception() is not None and not isinstance(f.exception(), threading.BrokenBarrierError)]
    assert failures == []
    results = [f.result() for f in futures]

    assert all(statuses == [302, 200, 302, 200, 302] for statuses in results), results
    assert errors.records == []
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(LetterDraft.id))) == WRITERS
        actions = db.session.scalars(db.select(Action).where(Action.campaign == "bright-futures")).all()
        assert len(actions) == WRITERS
        assert {action.channel for action in actions} == {"self_reported"}
        assert {action.constituency_name for action in actions} == {"Leeds Central and Headingley"}
