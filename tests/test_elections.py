"""Election periods: a dissolved Parliament (configured dates, or detected by `mps sync` when no seat has a
current MP) means no MPs until the election, no letter addressed to a former MP, the council route and a
reminder email offered. A single vacant seat is a by-election, handled per seat."""

import copy
import datetime as dt
from html import unescape
from pathlib import Path

import pytest

from advocacy.config import ConfigError, parse_settings
from advocacy.db import db

CODES = Path(__file__).resolve().parent.parent / "advocacy" / "devtools" / "fixtures" / "constituency_codes.csv"
CAMPAIGN = "/c/bright-futures"
TODAY = dt.datetime.now(dt.timezone.utc).date()


def page_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def your_page(client, postcode="LS1 1UR"):
    response = client.post(CAMPAIGN, data={"postcode": postcode})
    assert response.status_code == 302, page_of(response)
    return page_of(client.get(response.headers["Location"]))


@pytest.fixture
def dissolved_app(make_lookup_app):
    return make_lookup_app(ADVOCACY_DISSOLUTION_FROM=(TODAY - dt.timedelta(days=3)).isoformat(),
                           ADVOCACY_DISSOLUTION_UNTIL=(TODAY + dt.timedelta(days=30)).isoformat())


def no_mps_anywhere(fake_apis, monkeypatch):
    """The Members API as it answers after dissolution: every seat without a current MP."""
    seats = copy.deepcopy(fake_apis.seats)
    for seat in seats:
        seat["value"]["currentRepresentation"] = None
    monkeypatch.setattr(fake_apis, "seats", seats)


def test_while_parliament_is_dissolved_residents_are_told_there_are_no_mps_and_offered_the_council(dissolved_app):
    page = your_page(dissolved_app.test_client())
    polling_day = TODAY + dt.timedelta(days=30)
    assert "There are no MPs until the election" in page
    assert (f"Parliament has been dissolved for the general election on {polling_day.day} {polling_day:%B %Y}, so "
            "there are no MPs until then") in page
    assert "Alex Sobel" not in page  # the former MP is never named as the resident's MP
    assert "Your MP is" not in page
    assert "Your council is Leeds City Council." in page
    assert '<a href="/c/bright-futures/letter/council">write to your council</a>' in page
    assert "Email me when my new MP is known" in page


def test_the_api_says_parliament_is_dissolved_and_gives_no_mp(dissolved_app):
    body = dissolved_app.test_client().get("/api/lookup?postcode=LS1+1UR").get_json()
    assert body["dissolved"] is True and body["mp"] is None and body["mp_source"] == "dissolved"
    assert body["council"] == {"name": "Leeds", "code": "E08000035"}


def test_no_letter_to_an_mp_is_offered_in_any_nation_while_dissolved(dissolved_app):
    from advocacy.campaigns import get_campaign
    from advocacy.lookup import find_representatives
    from advocacy.web.resident import situation

    with dissolved_app.test_request_context():
        campaign = get_campaign("bright-futures")
        for postcode in ("LS1 1UR", "BR6 7NZ", "AB10 1AB", "CF10 1AA", "BT1 1AA", "M1 1AD"):
            reps = find_representatives(postcode)
            found = situation(campaign, reps, {"name": "Former MP", "email": "former.mp@parliament.uk"})
            assert reps.mp is None and not found.can_write_to_mp, postcode
            assert found.dissolution is not None


def test_the_letter_journey_is_refused_an_mp_while_dissolved_and_allowed_after_polling_day(make_lookup_app):
    from advocacy.elections import mp_letter_refusal

    during = make_lookup_app(ADVOCACY_DISSOLUTION_FROM=(TODAY - dt.timedelta(days=1)).isoformat())
    with during.app_context():
        refusal = mp_letter_refusal()
    assert refusal and "has not been addressed to your former MP" in refusal and "council" in refusal
    after = make_lookup_app(ADVOCACY_DISSOLUTION_FROM=(TODAY - dt.timedelta(days=40)).isoformat(),
                            ADVOCACY_DISSOLUTION_UNTIL=(TODAY - dt.timedelta(days=1)).isoformat())
    with after.app_context():
        assert mp_letter_refusal() is None
    assert "Your MP is Alex Sobel" in your_page(after.test_client())


def test_an_mp_typed_or_picked_by_hand_is_not_used_while_dissolved(dissolved_app, fake_apis):
    client = dissolved_app.test_client()
    with client.session_transaction() as session:
        session["postcode"] = "LS1 1UR"
        session["manual_mp"] = {"name": "Alex Sobel", "email": "alex.sobel.mp@parliament.uk", "source": "typed",
                                "vacant": False, "constituency": None}
    fake_apis.set_mode("postcodes", "down")
    page = page_of(client.get(f"{CAMPAIGN}/you"))
    assert "Alex Sobel" not in page and "There are no MPs until the election" in page
    # and the manual path is closed: it would only lead to a former MP
    response = client.get(f"{CAMPAIGN}/you/choose")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{CAMPAIGN}/you")


def test_mps_sync_detects_a_dissolution_when_no_seat_has_a_current_mp(lookup_app, fake_apis, monkeypatch):
    runner = lookup_app.test_cli_runner()
    runner.invoke(args=["mps", "sync", "--codes", str(CODES)])
    no_mps_anywhere(fake_apis, monkeypatch)
    result = runner.invoke(args=["mps", "sync"])
    assert result.exit_code == 0, result.output
    assert "Parliament looks dissolved: the Members API lists no current MP" in result.output
    assert "gone     Leeds Central and Headingley: Alex Sobel (no MP now)" in result.output
    page = your_page(lookup_app.test_client())
    assert "There are no MPs until the election" in page
    assert "Parliament has been dissolved for the general election, so there are no MPs" in page
    assert "Alex Sobel" not in page


def test_a_by_election_vacancy_is_one_seat_not_a_dissolution(lookup_app):
    lookup_app.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])  # Manchester Central vacant
    client = lookup_app.test_client()
    vacant = your_page(client, "M1 1AD")
    assert "Manchester Central has no MP at the moment: this seat is currently vacant." in vacant
    assert "There are no MPs until the election" not in vacant
    assert "Your MP is Alex Sobel" in your_page(client, "LS1 1UR")


def test_a_resident_can_ask_for_an_email_when_their_new_mp_is_known(dissolved_app, fake_apis, monkeypatch):
    from advocacy.elections import reminder_sent, reminders_ready
    from advocacy.privacy import export_person

    client = dissolved_app.test_client()
    your_page(client)
    response = client.post(f"{CAMPAIGN}/you/remind", data={"remind-email": "sian@example.org"})
    assert response.status_code == 302
    page = page_of(client.get(response.headers["Location"]))
    assert "We will email you once when the new MP for Leeds Central and Headingley is known" in page
    with dissolved_app.app_context():
        assert reminders_ready() == []  # still dissolved: no new MP yet
        assert export_person("sian@example.org")["mp_reminders"][0]["constituency_name"] == \
            "Leeds Central and Headingley"
    # after the election: the dissolution is over and the sync finds the (new) MP
    dissolved_app.config["ADVOCACY_DISSOLUTION_UNTIL"] = TODAY - dt.timedelta(days=1)
    dissolved_app.config["ADVOCACY_DISSOLUTION_FROM"] = TODAY - dt.timedelta(days=40)
    result = dissolved_app.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])
    assert "reminders: 1 residents asked to hear when their new MP is known and can be told now" in result.output
    with dissolved_app.app_context():
        ready = reminders_ready()
        assert [(r.email, r.constituency, r.mp_name, r.campaign) for r in ready] == [
            ("sian@example.org", "Leeds Central and Headingley", "Alex Sobel", "bright-futures")]
        reminder_sent(ready[0].id)
        assert reminders_ready() == [] and export_person("sian@example.org")["mp_reminders"] == []


def test_a_bad_reminder_email_says_how_to_fix_it_and_keeps_what_was_typed(dissolved_app):
    client = dissolved_app.test_client()
    your_page(client)
    page = page_of(client.post(f"{CAMPAIGN}/you/remind", data={"remind-email": "sian at example"}))
    assert "There is a problem" in page
    assert page.count("Enter an email address in the correct format, like name@example.com") == 2
    assert 'value="sian at example"' in page
    with dissolved_app.app_context():
        from advocacy.elections.models import MPReminder

        assert db.session.scalar(db.select(db.func.count(MPReminder.id))) == 0


def test_reminders_are_personal_data_purged_with_retention(dissolved_app):
    from advocacy.elections import ask_for_reminder
    from advocacy.elections.models import MPReminder
    from advocacy.privacy import purge_expired

    with dissolved_app.app_context():
        assert ask_for_reminder("old@example.org", "bright-futures", "Sevenoaks", "E14001465")
        assert not ask_for_reminder("OLD@example.org", "bright-futures", "Sevenoaks", "E14001465")  # once only
        db.session.execute(db.update(MPReminder).values(created_at=dt.datetime(2020, 1, 1)))
        db.session.commit()
        assert purge_expired(90)["mp_reminders"] == 1


@pytest.mark.parametrize("settings, message", [
    ({"ADVOCACY_DISSOLUTION_UNTIL": "2029-05-03"}, "ADVOCACY_DISSOLUTION_UNTIL is set but ADVOCACY_DISSOLUTION_FROM"),
    ({"ADVOCACY_DISSOLUTION_FROM": "2029-05-03", "ADVOCACY_DISSOLUTION_UNTIL": "2029-04-01"}, "is before"),
    ({"ADVOCACY_DISSOLUTION_FROM": "3 May"}, "is not a date in the form YYYY-MM-DD"),
])
def test_dissolution_dates_that_make_no_sense_stop_start_up_with_a_clear_line(settings, message):
    with pytest.raises(ConfigError) as raised:
        parse_settings(settings)
    assert message in raised.value.message


def test_a_council_motion_names_no_former_mps_while_dissolved(make_lookup_app):
    from advocacy.motions.finder import mps_for_council

    sitting = make_lookup_app()
    sitting.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])
    with sitting.app_context():
        named = mps_for_council("E08000035", [("E14001319", "Leeds Central and Headingley")])
        assert [mp.name for mp in named] == ["Alex Sobel"]
        sitting.config["ADVOCACY_DISSOLUTION_FROM"] = TODAY
        dissolved = mps_for_council("E08000035", [("E14001319", "Leeds Central and Headingley")])
    assert [(mp.name, mp.constituency) for mp in dissolved] == [(None, "Leeds Central and Headingley")]
