"""The motion journey with council rules: meetings offered with their notice deadlines, a Full Council past
its deadline refused, the seconder's private link, and the councillor's evidence pack."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
from pypdf import PdfReader

from advocacy.councilrules import RulesInput, save_rules
from advocacy.councilrules.deadlines import long_date, london_today, notice_deadline
from advocacy.db import db
from advocacy.motions.models import MotionProposer
from advocacy.seconders.models import SeconderInvite
from tests.test_motions import (CHECK, FIND, LEEDS, READY, answers, councillor, create, draft,  # noqa: F401
                                motions_app, page_text)

CAMPAIGN = "/c/bright-futures"


def leeds_rules(app, *meetings: dt.date, days: int = 10, kind: str = "working", seconder: bool = True):
    with app.app_context():
        save_rules(RulesInput(council_code=LEEDS, council_name="Leeds City Council", notice_days=days,
                              notice_kind=kind, seconder_required=seconder,
                              democratic_services_email="democratic.services@leeds.gov.uk",
                              meetings=list(meetings)), by="test")


def days_ahead(n: int) -> dt.date:
    return london_today() + dt.timedelta(days=n)


def test_the_form_offers_the_next_full_council_open_for_notice_with_its_deadline(motions_app, councillor):
    too_soon, open_one, later = days_ahead(3), days_ahead(40), days_ahead(80)
    leeds_rules(motions_app, too_soon, open_one, later)
    page = councillor.get(f"{FIND}/{LEEDS}/motion")
    text = page_text(page)
    deadline = notice_deadline(open_one, 10, "working")
    assert (f"The next Full Council is on {long_date(open_one)}; notice must reach democratic services by "
            f"{long_date(deadline)} (in {(deadline - london_today()).days} days).") in text
    assert long_date(too_soon) not in text  # its deadline has passed: not offered
    assert long_date(later) in text
    html = page.get_data(as_text=True)  # the date is filled in, day first
    for part, value in (("day", open_one.day), ("month", open_one.month), ("year", open_one.year)):
        assert f'name="meeting_date-{part}" type="text" inputmode="numeric" value="{value}"' in html
    assert "10 working days' notice" in text and "signed by a seconder" in text


def test_a_full_council_whose_notice_deadline_has_passed_cannot_be_chosen(motions_app, councillor):
    too_soon, open_one = days_ahead(3), days_ahead(40)
    leeds_rules(motions_app, too_soon, open_one)
    page = draft(councillor, meeting_date=too_soon.isoformat())
    text = page_text(page)
    assert page.status_code == 200 and "There is a problem" in text
    assert f"had to reach democratic services by {long_date(notice_deadline(too_soon, 10, 'working'))}" in text
    assert f"the next one open for notice is on {long_date(open_one)}" in text
    assert "Cllr Sam Patel" in page.get_data(as_text=True)  # nothing typed is lost


def test_a_cabinet_meeting_is_not_held_to_full_councils_notice_period(motions_app, councillor):
    leeds_rules(motions_app, days_ahead(40))
    assert draft(councillor, meeting="cabinet", meeting_date=days_ahead(3).isoformat()).status_code == 302


def test_a_council_without_rules_works_as_before(motions_app, councillor):
    assert draft(councillor, meeting_date=days_ahead(3).isoformat()).status_code == 302


def test_the_ready_page_gives_the_deadline_and_where_to_send_it(motions_app, councillor):
    meeting = days_ahead(40)
    leeds_rules(motions_app, meeting)
    create(councillor, meeting_date=meeting.isoformat())
    text = page_text(councillor.get(READY))
    assert f"Notice must reach democratic services by {long_date(notice_deadline(meeting, 10, 'working'))}" in text
    assert "democratic.services@leeds.gov.uk" in text
    assert "Leeds City Council needs a seconder to sign the motion." in text


def seconder_link(client) -> str:
    page = client.post(f"{CAMPAIGN}/councillors/motion/seconder")
    assert page.status_code == 302 and page.headers["Location"].endswith("#seconder")
    found = re.search(r'id="seconder-link">([^<]+)<', client.get(READY).get_data(as_text=True)).group(1)
    return "/" + found.split("/", 3)[3]


def test_the_seconder_confirms_through_the_link_and_the_documents_show_both_names(motions_app, councillor):
    create(councillor, seconder_name=None, seconder_ward=None)
    link = seconder_link(councillor)
    seconder = motions_app.test_client()  # another person, another browser
    invitation = page_text(seconder.get(link))
    assert "Cllr Sam Patel (Little London and Woodhouse) is proposing" in invitation
    assert seconder.post(link, data={"name": "Cllr Jo Green", "ward": "Headingley", "agree": "y"}).status_code == 302
    assert "You confirmed as seconder" in page_text(seconder.get(link))

    assert "Cllr Jo Green (Headingley) confirmed as seconder" in page_text(councillor.get(READY))
    word = docx.Document(io.BytesIO(councillor.get(f"{CAMPAIGN}/councillors/motion/download/docx").data))
    text = "\n".join(p.text for p in word.paragraphs).replace("\xa0", " ")
    assert "Seconded by: Cllr Jo Green (Headingley)" in text and "Proposed by: Cllr Sam Patel" in text
    pdf = councillor.get(f"{CAMPAIGN}/councillors/motion/download/pdf").data
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\xa0", " ")
    assert "Cllr Jo Green (Headingley)" in pdf_text
    with motions_app.app_context():
        proposer = db.session.scalar(db.select(MotionProposer))
        assert (proposer.seconder_name, proposer.seconder_ward) == ("Cllr Jo Green", "Headingley")


def test_the_seconder_must_agree_and_give_name_and_ward(motions_app, councillor):
    create(councillor, seconder_name=None, seconder_ward=None)
    link = seconder_link(councillor)
    page = motions_app.test_client().post(link, data={"name": "", "ward": "Headingley"})
    text = page_text(page)
    assert page.status_code == 400
    assert "Enter your name" in text and "Tick the box to confirm you agree" in text
    assert 'value="Headingley"' in page.get_data(as_text=True)


def test_a_wrong_expired_or_replaced_seconder_link_is_not_found(motions_app, councillor):
    create(councillor, seconder_name=None, seconder_ward=None)
    first = seconder_link(councillor)
    second = seconder_link(councillor)  # a new link replaces the first
    stranger = motions_app.test_client()
    assert stranger.get(first).status_code == 404
    assert stranger.get("/motions/second/not-a-real-token").status_code == 404
    with motions_app.app_context():
        invite = db.session.scalar(db.select(SeconderInvite))
        invite.expires_at = dt.datetime(2020, 1, 1)
        db.session.commit()
    assert stranger.get(second).status_code == 404


def test_the_token_is_stored_only_as_a_hash(motions_app, councillor):
    create(councillor)
    link = seconder_link(councillor)
    token = link.rsplit("/", 1)[1]
    with motions_app.app_context():
        assert token not in db.session.scalar(db.select(SeconderInvite)).token_hash


def test_a_councillor_downloads_their_own_councils_evidence_pack(motions_app, councillor):
    report_link = create(councillor)
    ready_pack = councillor.get(f"{CAMPAIGN}/councillors/motion/evidence.pdf")
    assert ready_pack.mimetype == "application/pdf"
    later = motions_app.test_client().get(report_link + "/evidence.pdf")  # with only the private link
    assert later.mimetype == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(later.data)).pages)
    assert "Leeds" in text and "Sam Patel" not in text.replace("\xa0", " ")
    assert motions_app.test_client().get("/motions/report/wrong-token/evidence.pdf").status_code == 404


def test_a_council_that_passed_the_motion_appears_in_a_neighbours_pack(motions_app, councillor):
    from advocacy.campaigns import get_campaign
    from advocacy.evidence import build_pack
    from advocacy.motions.models import MotionReport

    create(councillor, code="E10000016")  # Kent
    with motions_app.app_context():
        report = db.session.scalar(db.select(MotionReport))
        report.tabled_on, report.outcome = dt.date(2026, 10, 14), "passed"
        report.verification = "staff"  # unverified reports count in no evidence pack
        db.session.commit()
        sevenoaks = build_pack(get_campaign("bright-futures"), "council", "E07000111", today=dt.date(2026, 11, 1))
        leeds = build_pack(get_campaign("bright-futures"), "council", LEEDS, today=dt.date(2026, 11, 1))
    assert sevenoaks.name == "Sevenoaks District Council" and sevenoaks.region == "South East"
    assert [(c.name, c.passed_on) for c in sevenoaks.nearby] == [("Kent County Council", "14 October 2026")]
    assert leeds.nearby == []


def test_staff_can_pick_any_council_in_the_register_for_a_pack(motions_app, client, staff):
    staff.sign_in("viewer")
    html = client.get("/staff/c/bright-futures/evidence/").get_data(as_text=True)
    assert '<option value="E07000111">Sevenoaks District Council</option>' in html
    picked = client.get("/staff/c/bright-futures/evidence/council", query_string={"code": "E07000111", "format": "csv"})
    assert picked.headers["Location"].endswith("/evidence/council/E07000111.csv")
    pack = client.get(picked.headers["Location"]).get_data(as_text=True)
    assert "Sevenoaks District Council" in pack and "South East" in pack
