"""A postcode many people share on launch day: the API answers it again cheaply, without giving up the rate
limit on look-ups that cost something, and never for longer than the lookup's own memory of it."""

import pytest

LOOKUP = "/api/lookup?postcode=LS1+1UR"


@pytest.fixture
def api(make_lookup_app):
    """The API with a tight limit (3 a minute per address), as a scraper would meet it."""
    return make_lookup_app(ADVOCACY_API_LIMIT="3 per minute")


def test_a_postcode_answered_a_moment_ago_is_not_counted_towards_the_api_limit(api, fake_apis):
    client = api.test_client()
    answers = [client.get(LOOKUP) for _ in range(10)]
    assert [a.status_code for a in answers] == [200] * 10
    assert {a.get_json()["mp"]["name"] for a in answers} == {answers[0].get_json()["mp"]["name"]}
    assert fake_apis.hits("postcodes") == 1  # asked once; the other nine cost no outside service


def test_look_ups_that_ask_the_outside_services_are_still_limited(api):
    client = api.test_client()
    for postcode in ("LS1 1UR", "SE1 0AA", "TS22 5BF"):  # three different postcodes: three real look-ups
        assert client.get("/api/lookup", query_string={"postcode": postcode}).status_code == 200
    refused = client.get("/api/lookup", query_string={"postcode": "BR6 7NZ"})
    assert refused.status_code == 429 and "made a lot of requests to the API" in refused.get_json()["message"]
    assert client.get(LOOKUP).status_code == 200  # one this process already knows still answers


def forget_everything(app) -> None:
    """This process's memo of the look-ups and the shared HTTP cache behind it: the next look-up asks again."""
    clients = app.extensions["advocacy.lookup"]
    for upstream in (clients.postcodes, clients.members, clients.govuk):
        upstream.forget_memo()
    clients.postcodes.session.cache.clear()


def test_a_repeated_answer_is_sent_again_only_while_the_lookup_remembers_the_postcode(api, fake_apis):
    client = api.test_client()
    first = client.get(LOOKUP)
    assert client.get(LOOKUP).data == first.data  # the same answer, replayed
    assert fake_apis.hits("postcodes") == 1
    forget_everything(api)
    assert client.get(LOOKUP).status_code == 200
    assert fake_apis.hits("postcodes") == 2  # the memo let it go, so the look-up really ran again


def test_an_answer_given_while_a_service_is_down_is_never_replayed(api, fake_apis):
    client = api.test_client()
    client.get(LOOKUP)
    forget_everything(api)
    fake_apis.set_mode("members", "down")
    assert client.get(LOOKUP).get_json()["stale"]["mp"] is True
    fake_apis.set_mode("members", "up")
    fresh = client.get(LOOKUP)
    assert fresh.get_json()["stale"]["mp"] is False  # the stale answer was not kept for replay
