"""find_representatives over real HTTP against the fake postcodes.io and Members API."""

import time

import pytest

from advocacy.lookup import (CrownDependency, PostcodeNotFound, PostcodeTerminated, UpstreamUnavailable,
                             find_representatives, lookup_clients)
from advocacy.lookup.postcodes import bulk_lookup


def lookup(app, postcode):
    with app.app_context():
        return find_representatives(postcode)


def test_a_metropolitan_borough_postcode_finds_mp_council_and_ward(lookup_app):
    found = lookup(lookup_app, "ls11ur")
    assert found.to_api_dict() | {"mp": None, "checked_at": None} == {
        "postcode": "LS1 1UR", "country": "England", "region": "Yorkshire and The Humber",
        "constituency": {"name": "Leeds Central and Headingley", "code": "E14001319"},
        "mp": None,
        "council": {"name": "Leeds", "code": "E08000035"}, "county": None,
        "children_services_authority": {"name": "Leeds", "code": "E08000035"},
        "ward": {"name": "Little London & Woodhouse", "code": "E05011403"},
        "vacant": False, "mp_source": "parliament", "checked_at": None,
        "stale": {"postcode": False, "mp": False}, "dissolved": False, "council_source": "postcodes.io",
        "council_split": [],
    }
    assert found.mp.name == "Alex Sobel" and found.mp.party == "Labour (Co-op)"
    assert found.mp.member_id == 4658
    # the constituency office address is listed first; the parliamentary one is preferred
    assert found.mp.email == "alex.sobel.mp@parliament.uk"
    assert found.mp.address_lines == ("House of Commons", "London", "SW1A 0AA")
    assert found.mp.thumbnail_url.endswith("/Members/4658/Thumbnail")


def test_a_two_tier_district_has_the_county_as_childrens_services_authority(lookup_app):
    found = lookup(lookup_app, "BR6 7NZ")
    assert (found.council.name, found.council.code) == ("Sevenoaks", "E07000111")
    assert (found.county.name, found.county.code) == ("Kent", "E10000016")
    assert found.children_services_authority == found.county
    assert found.mp.name == "Laura Trott"


@pytest.mark.parametrize("postcode, council, mp", [
    ("TS22 5BF", "Hartlepool", "Mr Jonathan Brash"),  # unitary; an abolished seat of the same name is ignored
    ("SE1 0AA", "Southwark", "Neil Coyle"),  # London borough
])
def test_unitary_and_london_boroughs_run_their_own_childrens_services(lookup_app, postcode, council, mp):
    found = lookup(lookup_app, postcode)
    assert found.council.name == council and found.county is None
    assert found.children_services_authority == found.council
    assert found.mp.name == mp


@pytest.mark.parametrize("postcode, country, council, csa", [
    ("AB10 1AB", "Scotland", "Aberdeen City", "Aberdeen City"),
    ("CF10 1AA", "Wales", "Cardiff", "Cardiff"),
    ("BT1 1AA", "Northern Ireland", "Belfast", None),
])
def test_devolved_nations_get_their_council_and_mp(lookup_app, postcode, country, council, csa):
    found = lookup(lookup_app, postcode)
    assert found.country == country and found.devolved
    assert found.council.name == council
    assert (found.children_services_authority.name if found.children_services_authority else None) == csa
    assert found.mp is not None and found.mp.email.endswith("mp@parliament.uk")


def test_a_constituency_name_with_an_accent_still_finds_its_mp(lookup_app):
    # postcodes.io says "Ynys Môn"; the Members API fixture spells it "Ynys Mon"
    found = lookup(lookup_app, "LL58 8AA")
    assert found.constituency.name == "Ynys Môn"
    assert found.mp.name == "Llinos Medi"


def test_a_vacant_seat_has_no_mp_and_does_not_fail(lookup_app):
    found = lookup(lookup_app, "M1 1AD")
    assert found.vacant and found.mp is None
    assert found.council.name == "Manchester"
    assert found.to_api_dict()["mp"] is None


def test_jersey_has_no_mp(lookup_app):
    with pytest.raises(CrownDependency) as problem:
        lookup(lookup_app, "JE2 4WD")
    assert problem.value.status == 404
    assert "Jersey, a Crown Dependency" in problem.value.message
    assert "no MP in the House of Commons" in problem.value.message


def test_a_terminated_postcode_says_it_is_no_longer_in_use(lookup_app):
    with pytest.raises(PostcodeTerminated) as problem:
        lookup(lookup_app, "AB1 0AA")
    assert problem.value.slug == "terminated" and problem.value.status == 404
    assert "AB1 0AA is no longer in use (it was retired in June 1996)" in problem.value.message


def test_an_unknown_postcode_is_not_found(lookup_app):
    with pytest.raises(PostcodeNotFound) as problem:
        lookup(lookup_app, "ZZ1 1ZZ")
    assert problem.value.slug == "not_found" and "We could not find ZZ1 1ZZ" in problem.value.message


def test_a_second_lookup_is_answered_from_the_cache(lookup_app, fake_apis):
    first = lookup(lookup_app, "LS1 1UR")
    calls = (fake_apis.hits("postcodes"), fake_apis.hits("members"))
    second = lookup(lookup_app, "ls1 1ur")
    assert (fake_apis.hits("postcodes"), fake_apis.hits("members")) == calls
    assert second.mp == first.mp and second.council == first.council


def test_when_the_cached_answer_is_old_and_the_service_fails_the_old_answer_is_used(make_lookup_app, fake_apis):
    app = make_lookup_app(ADVOCACY_POSTCODE_CACHE_SECONDS="0.5", ADVOCACY_MP_CACHE_SECONDS="0.5")
    fresh = lookup(app, "BR6 7NZ")
    time.sleep(0.6)
    fake_apis.set_mode("postcodes", "down")
    fake_apis.set_mode("members", "down")
    before = fake_apis.hits("postcodes")
    stale = lookup(app, "BR6 7NZ")
    assert fake_apis.hits("postcodes") > before  # it did try the service first
    assert stale.stale and stale.council == fresh.council and stale.mp == fresh.mp


def test_with_postcodes_io_down_and_nothing_cached_the_lookup_is_unavailable(lookup_app, fake_apis):
    fake_apis.set_mode("postcodes", "down")
    with pytest.raises(UpstreamUnavailable) as problem:
        lookup(lookup_app, "LS1 1UR")
    assert problem.value.status == 503 and "choose your constituency" in problem.value.message


def test_a_crown_dependency_is_recognised_even_when_postcodes_io_is_down(lookup_app, fake_apis):
    fake_apis.set_mode("postcodes", "down")
    with pytest.raises(CrownDependency):
        lookup(lookup_app, "GY1 1AA")


def test_server_errors_are_retried_but_not_found_answers_are_not(lookup_app, fake_apis):
    fake_apis.set_mode("postcodes", "down")
    with pytest.raises(UpstreamUnavailable):
        lookup(lookup_app, "LS1 1UR")
    assert fake_apis.hits("postcodes") == 3  # the request and two retries (ADVOCACY_HTTP_RETRIES=2)
    fake_apis.reset()
    with pytest.raises(PostcodeNotFound):
        lookup(lookup_app, "ZZ1 1ZZ")
    assert fake_apis.hits("postcodes") == 1


def test_a_slow_service_times_out_instead_of_keeping_the_resident_waiting(lookup_app, fake_apis):
    fake_apis.set_mode("postcodes", "slow")  # answers after 1 s; the read timeout is 0.4 s
    started = time.perf_counter()
    with pytest.raises(UpstreamUnavailable):
        lookup(lookup_app, "LS1 1UR")
    assert time.perf_counter() - started < 0.9  # one timeout, not retried
    assert fake_apis.hits("postcodes") == 1


def test_a_garbage_answer_is_not_trusted_or_cached(lookup_app, fake_apis):
    fake_apis.set_mode("postcodes", "garbage")
    with pytest.raises(UpstreamUnavailable):
        lookup(lookup_app, "LS1 1UR")
    fake_apis.set_mode("postcodes", "up")
    assert lookup(lookup_app, "LS1 1UR").council.name == "Leeds"


def test_the_circuit_breaker_stops_calls_during_an_outage_and_closes_after_it(make_lookup_app, fake_apis):
    app = make_lookup_app(ADVOCACY_BREAKER_FAIL_MAX="2", ADVOCACY_BREAKER_RESET_SECONDS="0.5",
                          ADVOCACY_HTTP_RETRIES="1")
    fake_apis.set_mode("postcodes", "down")
    for _ in range(2):
        with pytest.raises(UpstreamUnavailable):
            lookup(app, "LS1 1UR")
    with app.app_context():
        assert lookup_clients().postcodes.breaker.current_state == "open"
    calls = fake_apis.hits("postcodes")
    started = time.perf_counter()
    with pytest.raises(UpstreamUnavailable):
        lookup(app, "LS1 1UR")
    assert fake_apis.hits("postcodes") == calls  # open: the service is not called at all
    assert time.perf_counter() - started < 0.1
    fake_apis.set_mode("postcodes", "up")
    time.sleep(0.6)  # the reset timeout passes: one trial request, which succeeds
    assert lookup(app, "LS1 1UR").council.name == "Leeds"
    with app.app_context():
        assert lookup_clients().postcodes.breaker.current_state == "closed"


def test_an_open_breaker_still_serves_cached_answers(make_lookup_app, fake_apis):
    app = make_lookup_app(ADVOCACY_BREAKER_FAIL_MAX="1", ADVOCACY_BREAKER_RESET_SECONDS="60")
    lookup(app, "SE1 0AA")
    fake_apis.set_mode("postcodes", "down")
    with pytest.raises(UpstreamUnavailable):
        lookup(app, "LS1 1UR")  # trips the breaker
    assert lookup(app, "SE1 0AA").council.name == "Southwark"


def test_bulk_lookups_go_in_chunks_of_at_most_100(lookup_app, fake_apis):
    postcodes = ["LS1 1UR", "BR6 7NZ", "AB1 0AA"] + [f"ZZ{n} 1ZZ" for n in range(1, 100)] + ["ZZ1 2ZZ"] * 20
    with lookup_app.app_context():
        found = bulk_lookup(lookup_clients().postcodes, postcodes)
    posts = [entry for entry in fake_apis.log if entry[1] == "POST"]
    assert len(posts) == 2  # 103 different postcodes: 100 + 3
    assert found["LS1 1UR"].district_name == "Leeds" and found["BR6 7NZ"].county_name == "Kent"
    assert found["AB1 0AA"] is None and found["ZZ1 1ZZ"] is None


def test_with_the_members_api_down_and_no_directory_the_mp_is_unavailable_but_councils_are_known(
        lookup_app, fake_apis):
    fake_apis.set_mode("members", "down")
    found = lookup(lookup_app, "LS1 1UR")
    assert found.mp is None and not found.vacant and found.mp_unavailable
    assert found.council.name == "Leeds" and found.constituency.code == "E14001319"


def test_every_demo_postcode_gives_what_the_readme_promises(lookup_app):
    from advocacy.devtools.demo import DEMO_POSTCODES
    from advocacy.lookup import LookupProblem

    outcomes = {}
    for postcode, _ in DEMO_POSTCODES:
        try:
            found = lookup(lookup_app, postcode)
            outcomes[postcode] = "vacant" if found.vacant else found.mp.name
        except LookupProblem as problem:
            outcomes[postcode] = problem.slug
    assert outcomes == {
        "LS1 1UR": "Alex Sobel", "TS22 5BF": "Mr Jonathan Brash", "SE1 0AA": "Neil Coyle",
        "BR6 7NZ": "Laura Trott", "AB10 1AB": "Douglas Lumsden", "CF10 1AA": "Stephen Doughty",
        "BT1 1AA": "John Finucane", "LL58 8AA": "Llinos Medi", "JE2 4WD": "crown_dependency",
        "AB1 0AA": "terminated", "M1 1AD": "vacant", "BR6 7ZZ": "Laura Trott",
    }


def test_the_freshness_line_says_today_yesterday_or_the_date():
    import datetime as dt

    from advocacy.lookup import checked_phrase

    today = dt.date(2026, 11, 23)
    at = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.timezone.utc)
    assert checked_phrase(at, today) == "checked today"
    assert checked_phrase(at - dt.timedelta(days=1), today) == "checked yesterday"
    assert checked_phrase(at - dt.timedelta(days=3), today) == "checked 3 days ago"
    assert checked_phrase(at - dt.timedelta(days=20), today) == "checked on 3 November 2026"


@pytest.mark.filterwarnings("ignore:Call to deprecated setex:DeprecationWarning")  # inside requests-cache
def test_with_redis_a_second_worker_reuses_the_first_workers_answers(make_lookup_app, fake_apis):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    first, second = make_lookup_app(ADVOCACY_REDIS_URL=url), make_lookup_app(ADVOCACY_REDIS_URL=url)
    with first.app_context():
        lookup_clients().postcodes.session.cache.clear()
    lookup(first, "SE1 0AA")
    calls = fake_apis.hits("postcodes") + fake_apis.hits("members")
    assert lookup(second, "SE1 0AA").mp.name == "Neil Coyle"
    assert fake_apis.hits("postcodes") + fake_apis.hits("members") == calls
    with first.app_context():
        lookup_clients().postcodes.session.cache.clear()


def test_during_a_slow_outage_the_breaker_spares_later_residents_the_timeout(make_lookup_app, fake_apis):
    app = make_lookup_app(ADVOCACY_BREAKER_FAIL_MAX="1", ADVOCACY_BREAKER_RESET_SECONDS="60")
    fake_apis.set_mode("members", "slow")
    first = lookup(app, "LS1 1UR")  # waits out one read timeout (0.4 s), then gives the councils anyway
    assert first.mp_unavailable and first.council.name == "Leeds"
    calls = fake_apis.hits("members")
    started = time.perf_counter()
    second = lookup(app, "SE1 0AA")
    assert time.perf_counter() - started < 0.3 and fake_apis.hits("members") == calls
    assert second.mp_unavailable and second.council.name == "Southwark"


def test_the_fake_apis_can_be_switched_over_http_for_the_demo(fake_apis):
    import requests

    assert requests.get(f"{fake_apis.url}/_fake/members/down", timeout=2).json() == {
        "service": "members", "mode": "down"}
    assert requests.get(f"{fake_apis.members_url}/Members/4658/Contact", timeout=2).status_code == 500
    assert requests.get(f"{fake_apis.url}/_fake/members/sideways", timeout=2).status_code == 400
