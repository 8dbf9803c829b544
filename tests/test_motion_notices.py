"""Emailing the finished motion to democratic services, and the reminder before the notice deadline, through
the outbox queue and a real local SMTP server."""

from __future__ import annotations

import datetime as dt

import pytest

from advocacy.actions.models import Action
from advocacy.councilrules import RulesInput, save_rules
from advocacy.councilrules.deadlines import london_today, notice_deadline
from advocacy.councilrules.notices import MOTION_PURPOSE, reminder_time
from advocacy.db import db
from advocacy.sending import run_pass
from advocacy.sending.models import OutboxMessage
from tests.test_motions import FIND, LEEDS, READY, answers, page_text

CAMPAIGN = "/c/bright-futures"
SEND = f"{CAMPAIGN}/councillors/motion/send"
REMIND = f"{CAMPAIGN}/councillors/motion/reminder"


@pytest.fixture
def notices_app(sending_app):
    from tests.fixture_figures import load_fixture_figures
    from tests.fixture_figures import load_fixture_registers

    with sending_app.app_context():
        load_fixture_figures()
        load_fixture_registers()
    return sending_app


def with_rules(app, meeting: dt.date, seconder: bool = False):
    with app.app_context():
        save_rules(RulesInput(council_code=LEEDS, council_name="Leeds City Council", notice_days=10,
                              notice_kind="working", seconder_required=seconder,
                              democratic_services_email="democratic.services@leeds.gov.uk", meetings=[meeting]),
                   by="test")


def created_motion(app, meeting: dt.date, **changes):
    client = app.test_client()
    assert client.post(f"{FIND}/{LEEDS}/motion", data=answers(meeting_date=meeting.isoformat(), **changes)).status_code == 302
    client.post(f"{CAMPAIGN}/councillors/motion/check")
    return client


def test_the_motion_is_emailed_to_democratic_services_once_with_reply_to_the_proposer(notices_app, smtp_server):
    meeting = london_today() + dt.timedelta(days=40)
    with_rules(notices_app, meeting)
    client = created_motion(notices_app, meeting)
    assert "Email the motion to democratic services" in page_text(client.get(READY))
    for _ in range(2):  # a double click queues one email
        assert client.post(SEND, data={"send-email": "sam.patel@example.gov.uk"}).status_code == 302
    with notices_app.app_context():
        run_pass()
        assert db.session.scalar(db.select(db.func.count()).select_from(Action).where(Action.channel == "sent")) == 1
    [email] = smtp_server.to("democratic.services@leeds.gov.uk")
    assert email["Reply-To"] == "sam.patel@example.gov.uk"
    assert email["Subject"].startswith("Notice of motion: ")
    body = email.get_content()
    assert "This council notes" in body or "notes" in body
    assert "Cllr Sam Patel" in body.replace("\xa0", " ")
    assert "Emailed to Leeds City Council's democratic services" in page_text(client.get(READY))


def test_a_council_that_needs_a_seconder_gets_the_motion_only_once_the_seconder_confirmed(notices_app, smtp_server):
    meeting = london_today() + dt.timedelta(days=40)
    with_rules(notices_app, meeting, seconder=True)
    client = created_motion(notices_app, meeting, seconder_name=None, seconder_ward=None)
    page = client.post(SEND, data={"send-email": "sam.patel@example.gov.uk"})
    assert page.status_code == 400
    assert "needs a seconder to sign the motion" in page_text(page)
    with notices_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)
                                 .where(OutboxMessage.purpose == MOTION_PURPOSE)) == 0


def test_a_wrong_email_address_is_explained_and_nothing_is_queued(notices_app, smtp_server):
    meeting = london_today() + dt.timedelta(days=40)
    with_rules(notices_app, meeting)
    client = created_motion(notices_app, meeting)
    page = client.post(SEND, data={"send-email": "not an email"})
    assert page.status_code == 400 and "Enter an email address in the correct format" in page_text(page)


def test_the_reminder_is_queued_for_two_days_before_the_deadline_and_sent_then(notices_app, smtp_server):
    meeting = london_today() + dt.timedelta(days=40)
    with_rules(notices_app, meeting)
    client = created_motion(notices_app, meeting)
    assert client.post(REMIND, data={"remind-email": "sam.patel@example.gov.uk"}).status_code == 302
    deadline = notice_deadline(meeting, 10, "working")
    due = reminder_time(deadline)
    with notices_app.app_context():
        message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "reminder"))
        assert message.next_attempt_at == due
        run_pass()  # not due yet: only the private report link goes now
        assert [m for m in smtp_server.to("sam.patel@example.gov.uk") if "Reminder" in m["Subject"]] == []
        run_pass(now=due + dt.timedelta(minutes=1))
    [email] = [m for m in smtp_server.to("sam.patel@example.gov.uk") if "Reminder" in m["Subject"]]
    assert "Reminder: notice of your motion is due by" in email["Subject"]
    assert "We will email you a reminder" in page_text(client.get(READY)) or "We sent your reminder" in page_text(client.get(READY))


def test_the_reminder_is_at_eight_in_the_morning_in_england_two_days_before():
    assert reminder_time(dt.date(2027, 1, 7)) == dt.datetime(2027, 1, 5, 8, 0)  # GMT
    assert reminder_time(dt.date(2027, 6, 10)) == dt.datetime(2027, 6, 8, 7, 0)  # BST: 08:00 is 07:00 UTC


def test_without_smtp_the_ready_page_says_to_download_and_send_it_yourself(make_app):
    from tests.fixture_figures import load_fixture_figures
    from tests.fixture_figures import load_fixture_registers

    app = make_app()
    with app.app_context():
        load_fixture_figures()
        load_fixture_registers()
    meeting = london_today() + dt.timedelta(days=40)
    with_rules(app, meeting)
    client = created_motion(app, meeting)
    text = page_text(client.get(READY))
    assert "Sending it from this site is not switched on here, so download it and email it yourself." in text
    assert client.post(SEND, data={"send-email": "sam.patel@example.gov.uk"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)
                                 .where(OutboxMessage.purpose == MOTION_PURPOSE)) == 0
