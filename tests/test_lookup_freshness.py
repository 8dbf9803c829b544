"""Data freshness: every lookup result says where its data came from and how recent it is, and cached MP
details are never used past their cache time while the Members API answers."""

import copy
import datetime as dt
import time
from html import unescape
from pathlib import Path

import pytest

from advocacy.lookup import find_representatives
from advocacy.lookup.representatives import freshness_lines

CODES = Path(__file__).resolve().parent.parent / "advocacy" / "devtools" / "fixtures" / "constituency_codes.csv"
CAMPAIGN = "/c/bright-futures"


def page_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def your_page(client, postcode="LS1 1UR"):
    response = client.post(CAMPAIGN, data={"postcode": postcode})
    return page_of(client.get(response.headers["Location"]))


def forget_memos(app):
    clients = app.extensions["advocacy.lookup"]
    for upstream in (clients.postcodes, clients.members, clients.govuk):
        upstream.forget_memo()


def new_mp_for_leeds(fake_apis, monkeypatch):
    seats = copy.deepcopy(fake_apis.seats)
    member = seats[0]["value"]["currentRepresentation"]["member"]["value"]
    assert member["nameDisplayAs"] == "Alex Sobel"
    member["nameDisplayAs"] = "Jo Newmember"
    monkeypatch.setattr(fake_apis, "seats", seats)


def test_the_result_page_says_where_each_part_came_from_and_that_it_was_checked_today(lookup_app):
    page = your_page(lookup_app.test_client())
    assert "MP details from the UK Parliament, checked today." in page
    assert "Postcode details from postcodes.io, checked today." in page
    assert "did not answer" not in page


def test_old_mp_details_used_because_the_service_is_down_say_so(make_lookup_app, fake_apis):
    app = make_lookup_app(ADVOCACY_MP_CACHE_SECONDS="1")
    client = app.test_client()
    your_page(client)
    time.sleep(1.1)  # the cached MP answer is now past its cache time
    forget_memos(app)
    fake_apis.set_mode("members", "down")
    page = your_page(client)
    assert "Your MP is Alex Sobel" in page
    assert "MP details from the UK Parliament, last checked today (the service did not answer)." in page


def test_cached_mp_details_are_not_used_past_their_cache_time_when_the_api_answers(make_lookup_app, fake_apis,
                                                                                   monkeypatch):
    app = make_lookup_app(ADVOCACY_MP_CACHE_SECONDS="1")
    with app.app_context():
        assert find_representatives("LS1 1UR").mp.name == "Alex Sobel"
        new_mp_for_leeds(fake_apis, monkeypatch)
        forget_memos(app)
        assert find_representatives("LS1 1UR").mp.name == "Alex Sobel"  # within the cache time: the cache
        time.sleep(1.1)
        forget_memos(app)
        found = find_representatives("LS1 1UR")
    assert found.mp.name == "Jo Newmember" and not found.mp_stale


def test_days_old_details_say_how_many_days_and_why():
    from advocacy.lookup import Area, Representatives

    today = dt.date(2026, 11, 23)
    three_days_ago = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)
    reps = Representatives(postcode="LS1 1UR", country="England", region=None, constituency=None, mp=None,
                           vacant=False, council=Area("Leeds", "E08000035"), county=None,
                           children_services_authority=None, ward=None, mp_source="parliament",
                           postcode_checked_at=three_days_ago, mp_checked_at=three_days_ago, mp_stale=True,
                           postcode_stale=True)
    assert freshness_lines(reps, today) == [
        "MP details from the UK Parliament, last checked 3 days ago (the service did not answer).",
        "Postcode details from postcodes.io, last checked 3 days ago (the service did not answer).",
    ]


def test_mp_details_from_our_copy_say_when_it_was_last_synced(lookup_app, fake_apis):
    lookup_app.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])
    fake_apis.set_mode("members", "down")
    page = your_page(lookup_app.test_client())
    assert ("MP details from our copy of the UK Parliament's list of MPs, last checked today (the UK Parliament's "
            "service did not answer).") in page


@pytest.mark.parametrize("postcode", ["M1 1AD", "AB10 1AB", "BT1 1AA"])
def test_every_kind_of_result_page_has_the_freshness_line(lookup_app, postcode):
    page = your_page(lookup_app.test_client(), postcode)
    assert "Postcode details from postcodes.io, checked today." in page
    assert "MP details from the UK Parliament, checked today." in page  # a vacant seat was checked too
