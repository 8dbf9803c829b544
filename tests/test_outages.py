"""Outages: postcodes.io or the Members API down, slow or answering garbage. Every page still answers within
the timeout plus one second, says what is wrong, offers the manual route, and keeps the typed postcode.

The fake APIs run on a real local server; timeouts are set small here so a slow service (the fake's slow
answers take a second) times out quickly, and the bound each page must meet is derived from them.
"""

from __future__ import annotations

import re
import time
from html import unescape

import pytest

CAMPAIGN = "/c/bright-futures"
CONNECT_TIMEOUT, READ_TIMEOUT = 0.3, 0.4
# "Within the timeout plus one second": connecting and reading may each take their full timeout.
BOUND = CONNECT_TIMEOUT + READ_TIMEOUT + 1.0


@pytest.fixture
def outage_client(make_lookup_app):
    app = make_lookup_app(ADVOCACY_HTTP_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
                          ADVOCACY_HTTP_READ_TIMEOUT=str(READ_TIMEOUT))
    return app.test_client()


def timed(call, *args, **kwargs):
    started = time.perf_counter()
    response = call(*args, **kwargs)
    response.get_data()
    return response, time.perf_counter() - started


def page_of(response) -> str:
    """The page's text as a reader sees it (tags dropped, spaces collapsed); attributes kept for value=."""
    html = response.get_data(as_text=True)
    text = re.sub(r"<(?!input)[^>]+>", "", html)
    return " ".join(unescape(text).split())


@pytest.mark.parametrize("mode", ["down", "slow", "garbage"])
def test_postcodes_io_failing_still_answers_in_time_and_offers_the_manual_route(outage_client, fake_apis, mode):
    fake_apis.set_mode("postcodes", mode)
    client = outage_client
    submitted, seconds = timed(client.post, CAMPAIGN, data={"postcode": "ls1 1ur"})
    assert seconds < BOUND, f"the postcode form took {seconds:.2f}s with postcodes.io {mode}"
    assert submitted.status_code == 302
    you, seconds = timed(client.get, submitted.headers["Location"])
    assert seconds < BOUND, f"the next page took {seconds:.2f}s with postcodes.io {mode}"
    page = page_of(you)
    assert you.status_code == 200
    assert "We cannot look up postcodes right now" in page  # explains
    assert "choose your constituency from a list, or type your MP's name and email address" in page  # manual
    assert "For the postcode LS1 1UR" in page  # what was typed is kept...
    assert 'value="LS1 1UR"' in page_of(client.get(CAMPAIGN))  # ...and back in the box on "Change postcode"
    manual, seconds = timed(client.get, f"{CAMPAIGN}/you/choose")
    assert seconds < BOUND and manual.status_code == 200
    assert "Type your MP's details" in page_of(manual)
    assert fake_apis.hits("postcodes") >= 1  # the service really was asked


@pytest.mark.parametrize("mode", ["down", "slow", "garbage"])
def test_the_members_api_failing_still_names_the_constituency_and_offers_to_type_the_mp(
        outage_client, fake_apis, mode):
    fake_apis.set_mode("members", mode)
    client = outage_client
    submitted, seconds = timed(client.post, CAMPAIGN, data={"postcode": "LS1 1UR"})
    assert seconds < BOUND and submitted.status_code == 302
    you, seconds = timed(client.get, submitted.headers["Location"])
    assert seconds < BOUND, f"the page took {seconds:.2f}s with the Members API {mode}"
    page = page_of(you)
    assert "You live in Leeds Central and Headingley. We cannot get your MP's details" in page
    assert "Type your MP's name and email address" in page
    assert "Your council is Leeds City Council." in page and "For the postcode LS1 1UR" in page
    assert fake_apis.hits("members") >= 1


@pytest.mark.parametrize("service, mode", [(s, m) for s in ("postcodes", "members") for m in ("down", "slow", "garbage")])
def test_the_json_api_answers_in_time_during_an_outage(outage_client, fake_apis, service, mode):
    fake_apis.set_mode(service, mode)
    response, seconds = timed(outage_client.get, "/api/lookup?postcode=LS1+1UR")
    assert seconds < BOUND, f"/api/lookup took {seconds:.2f}s with {service} {mode}"
    body = response.get_json()
    if service == "postcodes":
        assert response.status_code == 503 and body["error"] == "upstream_unavailable"
        assert "Try again in a few minutes" in body["message"]
        assert response.headers["Retry-After"] == "60"
    else:  # the constituency and council are still known; the MP is not
        assert response.status_code == 200
        assert body["constituency"]["name"] == "Leeds Central and Headingley"


def test_once_a_service_keeps_failing_pages_stop_waiting_for_it(make_lookup_app, fake_apis):
    # The circuit breaker: after ADVOCACY_BREAKER_FAIL_MAX failures the service is not called for a while.
    app = make_lookup_app(ADVOCACY_BREAKER_FAIL_MAX="2", ADVOCACY_HTTP_READ_TIMEOUT=str(READ_TIMEOUT))
    client = app.test_client()
    fake_apis.set_mode("postcodes", "slow")
    for postcode in ("LS1 1UR", "SE1 0AA"):
        client.get(f"/api/lookup?postcode={postcode}")
    asked = fake_apis.hits("postcodes")
    response, seconds = timed(client.get, "/api/lookup?postcode=TS22 5BF")
    assert response.status_code == 503
    assert fake_apis.hits("postcodes") == asked  # not asked again while the breaker is open
    assert seconds < READ_TIMEOUT  # answered without waiting out a timeout
