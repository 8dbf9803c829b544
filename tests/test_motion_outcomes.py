"""Trusted motion outcomes: a councillor's report is public only once verified, automatically when its
minutes are on the council's own website, otherwise by an editor or admin from the staff queue; staff can
withdraw a false report; every change is kept; a motion tabled for a coming meeting is reported "not
debated yet" and completed after the meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from advocacy.db import db
from advocacy.motions.models import MotionReport, MotionReportChange
from advocacy.motions.verification import council_domain, minutes_on_council_site

from .test_motions import CAMPAIGN, KENT, LEEDS, create, page_text

LEEDS_HOME = "https://www.leeds.gov.uk"
LEEDS_MINUTES = "https://democracy.leeds.gov.uk/ieListDocuments.aspx?CId=147&MId=1234"
ELSEWHERE = "https://example.org/leeds-passed-it"
QUEUE = "/staff/c/bright-futures/motion-reports"


@pytest.fixture
def councillor(registered_councils_app):
    return registered_councils_app.test_client()


def report(client, link: str, outcome: str = "passed", minutes: str = "", tabled_on: str = "2026-11-19"):
    return client.post(link, data={"tabled_on": tabled_on, "outcome": outcome, "minutes_url": minutes})


def public_pages(client) -> str:
    """Every public page that counts or lists motion outcomes, as one text."""
    pages = [f"{CAMPAIGN}/motions", f"{CAMPAIGN}/progress", "/embed/bright-futures"]
    responses = [client.get(page) for page in pages]
    assert [r.status_code for r in responses] == [200] * len(pages)
    return " ".join(page_text(response) for response in responses)


def only_report(app) -> MotionReport:
    with app.app_context():
        return db.session.scalar(db.select(MotionReport))


# --- which links are the council's own ---

@pytest.mark.parametrize("url", [
    LEEDS_MINUTES,
    "https://leeds.gov.uk/council-meetings/full-council-minutes",
    "https://DEMOCRACY.Leeds.gov.uk./mgAi.aspx?ID=1",
    "https://democracy.leeds.gov.uk:443/x",
])
def test_minutes_on_the_councils_domain_or_a_subdomain_are_its_own(url):
    assert minutes_on_council_site(url, LEEDS_HOME)


@pytest.mark.parametrize("url", [
    "https://leeds.gov.uk.evil.example/minutes",  # the council's name as a subdomain of another site
    "https://evil-leeds.gov.uk/minutes",  # a neighbouring name
    "https://notleeds.gov.uk/minutes",
    "https://leeds.gov.uk@evil.example/minutes",  # user info: the host is evil.example
    "https://evil.example@democracy.leeds.gov.uk/minutes",  # user info at all is a trick
    "https://democracy.leeds.gov.uk:8443/minutes",  # another port may be anyone's server
    "http://democracy.leeds.gov.uk/minutes",  # not encrypted: anyone on the way could change it
    "https://l\u0435eds.gov.uk/minutes",  # a Cyrillic 'е': becomes xn--, not leeds
    "https://www.gov.uk/leeds",  # GOV.UK is not the council
    "ftp://democracy.leeds.gov.uk/minutes",
    "https://[::1]/minutes",
    "",
])
def test_look_alike_links_are_not_the_councils_own(url):
    assert not minutes_on_council_site(url, LEEDS_HOME)


def test_a_council_without_a_homepage_or_on_a_shared_domain_verifies_nothing_automatically():
    assert not minutes_on_council_site(LEEDS_MINUTES, None)
    assert council_domain("https://www.gov.uk/government/organisations/leeds") is None
    assert council_domain("https://www.leeds.gov.uk/") == "leeds.gov.uk"
    assert council_domain("https://new.sevenoaks.gov.uk/home") == "sevenoaks.gov.uk"


# --- public only once verified ---

def test_an_unverified_passed_report_appears_nowhere_public(registered_councils_app, councillor, staff):
    for _ in range(4):  # four anonymous "passed" reports for one council, minutes on another website
        link = create(registered_councils_app.test_client(), LEEDS)
        assert report(councillor, link, minutes=ELSEWHERE).status_code == 302
    public = public_pages(councillor)
    assert "Leeds City Council" not in public
    assert "0 councils have tabled the motion and 0 passed it" in public
    from advocacy.evidence.sources import passed_motions

    with registered_councils_app.app_context():
        assert passed_motions("bright-futures") == []  # evidence packs list verified motions only
    staff.sign_in("viewer")
    queue = page_text(staff.client.get(QUEUE))
    assert queue.count("Leeds City Council: Passed") == 4
    assert "example.org/leeds-passed-it" in queue and "Cllr Sam Patel (Little London and Woodhouse)" in queue
    assert "several motions report on one council" in queue
    assert "Reported tabled 4" in page_text(staff.client.get("/staff/c/bright-futures/"))  # staff see both


def test_a_report_with_minutes_on_the_councils_own_website_is_verified_and_public(registered_councils_app,
                                                                                 councillor):
    link = create(councillor, LEEDS)
    response = report(councillor, link, minutes=LEEDS_MINUTES)
    assert "on the public list: the minutes link is on the council's own website" in page_text(
        councillor.get(link))
    assert response.status_code == 302
    public = page_text(councillor.get(f"{CAMPAIGN}/motions"))
    assert "1 council has tabled the motion and 1 passed it" in public
    assert "Leeds City Council 19 November 2026 Passed Minutes" in public
    assert "Leeds City Council" in page_text(councillor.get(f"{CAMPAIGN}/progress"))
    assert only_report(registered_councils_app).verification == "automatic"


def test_a_look_alike_minutes_link_waits_for_staff(registered_councils_app, councillor):
    link = create(councillor, LEEDS)
    report(councillor, link, minutes="https://leeds.gov.uk.evil.example/minutes")
    assert "once checked" in page_text(councillor.get(link))
    assert "Leeds City Council" not in public_pages(councillor)


def test_staff_verify_a_report_from_the_queue_and_it_becomes_public(registered_councils_app, councillor, staff):
    link = create(councillor, LEEDS)
    report(councillor, link, minutes=ELSEWHERE)
    staff.sign_in("admin")
    report_id = only_report(registered_councils_app).id
    response = staff.client.post(f"{QUEUE}/{report_id}", data={"decision": "verify", "note": "Minutes PDF says passed"},
                                 follow_redirects=True)
    assert "Verified: Leeds City Council's report now counts on the public pages" in page_text(response)
    assert "No reports are waiting for a check" in page_text(response)
    assert "1 council has tabled the motion and 1 passed it" in page_text(councillor.get(f"{CAMPAIGN}/motions"))
    with registered_councils_app.app_context():
        changes = db.session.scalars(db.select(MotionReportChange).order_by(MotionReportChange.id)).all()
        assert [(c.actor, c.action, c.verification) for c in changes] == [
            ("councillor", "reported", "unverified"), ("staff: admin@example.org", "verified", "staff")]
        assert changes[1].note == "Minutes PDF says passed" and changes[1].outcome == "passed"


def test_staff_withdraw_a_false_report_and_it_leaves_every_public_count(registered_councils_app, councillor, staff):
    link = create(councillor, LEEDS)
    report(councillor, link, minutes=LEEDS_MINUTES)  # verified automatically, but false
    assert "1 passed it" in page_text(councillor.get(f"{CAMPAIGN}/motions"))
    staff.sign_in("admin")
    report_id = only_report(registered_councils_app).id
    history = page_text(staff.client.get(f"{QUEUE}?all=1"))
    assert "Verified: minutes on the council's website" in history
    response = staff.client.post(f"{QUEUE}/{report_id}", data={"decision": "withdraw", "note": "Motion was not debated"},
                                 follow_redirects=True)
    assert "Withdrawn: Leeds City Council's report is no longer shown" in page_text(response)
    assert "Leeds City Council" not in public_pages(councillor)
    assert "not on the public list" in page_text(councillor.get(link))
    history = page_text(staff.client.get(f"{QUEUE}?all=1"))
    assert "staff: admin@example.org withdrawn: Motion was not debated" in history
    assert "councillor reported passed, 2026-11-19" in history


def test_a_viewer_sees_the_queue_but_cannot_verify(registered_councils_app, councillor, staff):
    link = create(councillor, LEEDS)
    report(councillor, link, minutes=ELSEWHERE)
    staff.sign_in("viewer")
    assert "An editor or admin can verify" in page_text(staff.client.get(QUEUE))
    report_id = only_report(registered_councils_app).id
    assert staff.client.post(f"{QUEUE}/{report_id}", data={"decision": "verify"}).status_code == 403
    assert only_report(registered_councils_app).verification == "unverified"


def test_verifying_needs_the_csrf_token(registered_councils_app, councillor, staff):
    link = create(councillor, LEEDS)
    report(councillor, link, minutes=ELSEWHERE)
    staff.sign_in("admin")
    registered_councils_app.config["WTF_CSRF_ENABLED"] = True
    report_id = only_report(registered_councils_app).id
    response = staff.client.post(f"{QUEUE}/{report_id}", data={"decision": "verify"})
    assert response.status_code == 400 and "Your session expired" in page_text(response)
    assert only_report(registered_councils_app).verification == "unverified"


def test_a_changed_report_is_checked_again(registered_councils_app, councillor, staff):
    link = create(councillor, LEEDS)
    report(councillor, link, outcome="fell", minutes=ELSEWHERE)
    staff.sign_in("admin")
    report_id = only_report(registered_councils_app).id
    staff.client.post(f"{QUEUE}/{report_id}", data={"decision": "verify"})
    report(councillor, link, outcome="passed", minutes=ELSEWHERE)  # the verified "fell" becomes "passed"
    assert only_report(registered_councils_app).verification == "unverified"
    assert "Leeds City Council" not in public_pages(councillor)


def test_a_report_link_reports_for_its_own_motion_only(registered_councils_app, councillor):
    leeds_link = create(registered_councils_app.test_client(), LEEDS)
    kent_link = create(registered_councils_app.test_client(), KENT)
    report(councillor, kent_link, minutes=LEEDS_MINUTES)  # Leeds's minutes do not verify Kent's motion
    with registered_councils_app.app_context():
        kent = db.session.scalar(db.select(MotionReport).where(MotionReport.council_code == KENT))
        leeds = db.session.scalar(db.select(MotionReport).where(MotionReport.council_code == LEEDS))
        assert (kent.outcome, kent.verification) == ("passed", "unverified")
        assert leeds.outcome is None
    assert leeds_link != kent_link


# --- tabled for a coming meeting, then the outcome ---

def test_a_motion_tabled_for_a_coming_meeting_is_reported_and_later_completed(registered_councils_app, councillor):
    link = create(councillor, LEEDS)
    meeting = dt.date.today() + dt.timedelta(days=20)
    agenda = "https://democracy.leeds.gov.uk/ieListDocuments.aspx?MId=999"
    response = report(councillor, link, outcome="pending", minutes=agenda, tabled_on=meeting.isoformat())
    assert response.status_code == 302
    public = page_text(councillor.get(f"{CAMPAIGN}/motions"))
    assert "Leeds City Council" in public and "Tabled, not debated yet 1" in public
    # after the meeting: the outcome, with the same link kept working
    report(councillor, link, outcome="passed", minutes=LEEDS_MINUTES, tabled_on=dt.date.today().isoformat())
    public = page_text(councillor.get(f"{CAMPAIGN}/motions"))
    assert "Tabled, not debated yet 0" in public and "1 passed it" in public
    with registered_councils_app.app_context():
        outcomes = db.session.scalars(db.select(MotionReportChange.outcome).order_by(MotionReportChange.id)).all()
    assert outcomes == ["pending", "passed"]


def test_a_future_meeting_cannot_have_an_outcome_yet(registered_councils_app, councillor):
    link = create(councillor, LEEDS)
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    response = report(councillor, link, outcome="passed", tabled_on=future)
    assert response.status_code == 200
    assert "choose 'Tabled, not debated yet', or check the date" in page_text(response)
    assert only_report(registered_councils_app).outcome is None


# --- links on the address the site is served on ---

def test_without_a_public_url_private_links_use_the_address_the_site_is_served_on(make_app):
    from tests.fixture_figures import load_fixture_figures, load_fixture_registers

    app = make_app(ADVOCACY_PUBLIC_URL=None)
    with app.app_context():
        load_fixture_figures()
        load_fixture_registers()
    client = app.test_client()
    base = "http://127.0.0.1:5137"
    assert client.post(f"{CAMPAIGN}/councillors/{LEEDS}/motion", base_url=base,
                       data={"proposer_name": "Cllr Sam Patel", "proposer_ward": "Hyde Park", "meeting": "cabinet",
                             "meeting_date": (dt.date.today() + dt.timedelta(days=9)).isoformat(),
                             "asks": ["fund"]}).status_code == 302
    client.post(f"{CAMPAIGN}/councillors/motion/check", base_url=base)
    client.post(f"{CAMPAIGN}/councillors/motion/seconder", base_url=base)
    page = client.get(f"{CAMPAIGN}/councillors/motion/ready", base_url=base).get_data(as_text=True)
    assert f'id="private-link">{base}/motions/report/' in page
    assert f'id="seconder-link">{base}/motions/second/' in page
    assert ":5000" not in page
    share = client.get(f"{CAMPAIGN}/share", base_url=base).get_data(as_text=True)
    assert f"{base}/embed/bright-futures" in share
