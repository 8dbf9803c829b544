"""With ADVOCACY_REDIS_URL: what several processes must share lives in Redis, and a Redis outage degrades
the cache and the limits without taking a resident's page down."""

import logging
import uuid

import pytest

from advocacy.lookup import lookup_clients

from .conftest import StaffAccounts

REDIS_URL = "redis://127.0.0.1:6379/15"
NOBODY_LISTENS = "redis://127.0.0.1:9/0"  # a closed loopback port: Redis "down"
WRONG = {"email": "admin@example.org", "password": "guess number x"}


@pytest.fixture
def redis_url():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    return REDIS_URL



def _forget_in_process_answers(app):
    clients = lookup_clients()
    for upstream in (clients.postcodes, clients.members):
        upstream.forget_memo()


def test_failed_sign_ins_counted_by_one_process_are_seen_by_a_process_started_later(make_app, redis_url):
    prefix = f"test-{uuid.uuid4().hex}"  # this test's own counters, whoever else uses this Redis
    settings = dict(ADVOCACY_REDIS_URL=redis_url, ADVOCACY_SIGNIN_LIMIT="2 per hour", RATELIMIT_KEY_PREFIX=prefix)
    first = make_app(**settings)
    StaffAccounts(first, first.test_client()).create("admin")
    for _ in range(2):
        assert first.test_client().post("/staff/sign-in", data=WRONG).status_code == 200
    # A new app builds its limiter afresh: only a count kept outside the process can stop this attempt.
    later = make_app(**settings)
    assert later.test_client().post("/staff/sign-in", data=WRONG).status_code == 429


def test_without_redis_a_new_process_starts_counting_afresh(make_app):
    # The same steps without Redis: shows the test above measures Redis, not something in this process.
    first = make_app(ADVOCACY_SIGNIN_LIMIT="2 per hour")
    StaffAccounts(first, first.test_client()).create("admin")
    for _ in range(2):
        assert first.test_client().post("/staff/sign-in", data=WRONG).status_code == 200
    later = make_app(ADVOCACY_SIGNIN_LIMIT="2 per hour")
    assert later.test_client().post("/staff/sign-in", data=WRONG).status_code == 200


def test_with_redis_down_the_campaign_page_and_lookups_still_work_and_say_so_in_the_log(
        make_lookup_app, fake_apis, caplog):
    app = make_lookup_app(ADVOCACY_REDIS_URL=NOBODY_LISTENS)
    client = app.test_client()
    caplog.set_level(logging.WARNING)
    page = client.get("/c/bright-futures")
    assert page.status_code == 200 and "postcode" in page.get_data(as_text=True).lower()
    found = client.get("/api/lookup", query_string={"postcode": "SE1 0AA"})
    assert found.status_code == 200
    assert found.get_json()["mp"]["name"] == "Neil Coyle"
    # The answer was still cached, on this host, while Redis was away.
    calls = fake_apis.hits("postcodes") + fake_apis.hits("members")
    with app.app_context():
        _forget_in_process_answers(app)
    assert client.get("/api/lookup", query_string={"postcode": "se1 0aa"}).get_json()["mp"]["name"] == "Neil Coyle"
    assert fake_apis.hits("postcodes") + fake_apis.hits("members") == calls
    outage_lines = [r for r in caplog.records if r.name == "advocacy.redis" and "Redis unavailable" in r.message
                    and "HTTP cache" in r.getMessage()]
    assert len(outage_lines) == 1  # once per outage for each use of Redis, not once per request


def test_with_redis_down_sign_in_limits_still_apply_in_each_process(make_app, caplog):
    app = make_app(ADVOCACY_REDIS_URL=NOBODY_LISTENS, ADVOCACY_SIGNIN_LIMIT="2 per hour")
    client = app.test_client()
    StaffAccounts(app, client).create("admin")
    caplog.set_level(logging.WARNING)
    assert [client.post("/staff/sign-in", data=WRONG).status_code for _ in range(3)] == [200, 200, 429]
    assert any("Rate limit storage unreachable" in r.getMessage() for r in caplog.records)


def test_with_redis_down_a_resident_still_writes_their_letter_and_gets_the_pdf(make_lookup_app, fake_apis):
    from tests.fixture_figures import load_fixture_figures

    from .test_letters import actions, draft_url

    app = make_lookup_app(ADVOCACY_REDIS_URL=NOBODY_LISTENS)
    with app.app_context():
        load_fixture_figures()
    client = app.test_client()
    preview = draft_url(client)
    assert client.get(preview).status_code == 200
    pdf = client.get(preview + "/letter.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    assert actions(app) == [("letter_mp", "pdf")]


def test_with_redis_down_the_progress_page_is_counted_afresh_instead_of_failing(make_app):
    app = make_app(ADVOCACY_REDIS_URL=NOBODY_LISTENS)
    client = app.test_client()
    for _ in range(2):  # the first try finds Redis down; the second is within the retry pause
        page = client.get("/c/bright-futures/progress")
        assert page.status_code == 200
        assert "Letters written" in page.get_data(as_text=True)


def test_with_redis_down_every_cache_call_answers_miss_or_not_stored(make_app):
    from advocacy.cache import cache

    app = make_app(ADVOCACY_REDIS_URL=NOBODY_LISTENS)
    with app.app_context():
        assert cache.get("k") is None
        assert cache.set("k", 1) is False
        assert cache.has("k") is False
        assert cache.get_many("a", "b") == [None, None]
        cache.delete("k")
        cache.clear()

        @cache.cached(timeout=60, key_prefix="computed")
        def computed():
            return "worked out"
        assert computed() == "worked out"


def test_with_redis_up_the_progress_page_is_cached_in_redis(make_app, redis_url):
    from advocacy.cache import cache

    app = make_app(ADVOCACY_REDIS_URL=redis_url, CACHE_KEY_PREFIX=f"test-{uuid.uuid4().hex}:")
    assert app.test_client().get("/c/bright-futures/progress").status_code == 200
    with app.app_context():
        assert cache.get("progress:bright-futures") is not None
