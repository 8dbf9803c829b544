"""Case studies from council officers: the form (validation, honeypot, rate limit), staff review and
publishing, the email to staff, and the contact email as personal data."""

from __future__ import annotations

import datetime as dt
import email
import socket

import pytest
from sqlalchemy import func, select

from advocacy.db import db
from advocacy.spread.models import CaseStudy, CaseStudyContact

FORM = "/c/bright-futures/case-studies/new"
GOOD = {
    "title": "Cabinet backed fully funded early help",
    "council": "Leeds City Council",
    "what_they_did": "Full Council passed the motion in January.\nThe leader wrote to the Secretary of State.",
    "outcome": "Early help hubs kept open for another year.",
    "email": "officer@leeds.gov.uk",
    "consent": "y",
}


def stored(app) -> list[CaseStudy]:
    with app.app_context():
        return list(db.session.scalars(select(CaseStudy)))


def contacts(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(CaseStudyContact.email)))


class Inbox:
    """A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[email.message.Message] = []
        inbox = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                inbox.messages.append(email.message_from_bytes(envelope.content))
                inbox.recipients = envelope.rcpt_tos
                return "250 OK"

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


@pytest.fixture
def inbox():
    box = Inbox()
    yield box
    box.controller.stop()


@pytest.fixture
def mail_app(make_app, inbox):
    return make_app(ADVOCACY_SMTP_HOST="127.0.0.1", ADVOCACY_SMTP_PORT=str(inbox.port),
                    ADVOCACY_SMTP_STARTTLS="false", ADVOCACY_PUBLIC_URL="https://raise.example.org")


def deliver_queued_mail(app) -> None:
    """What the mail worker does (advocacy.sending): deliver every queued email that is due."""
    from advocacy.sending import run_pass

    with app.app_context():
        run_pass()


# --- the form ---

def test_the_form_asks_for_everything_an_officer_needs_to_tell_us(client):
    html = client.get(FORM).get_data(as_text=True)
    for label in ("Title", "Council", "What your council did", "What happened as a result",
                  "Your work email address", "The campaign may publish this case study on its website"):
        assert f">{label}" in html
    assert 'class="honeypot" aria-hidden="true"' in html and 'tabindex="-1"' in html


def test_a_case_study_is_stored_for_review_and_the_admins_are_emailed(mail_app, inbox, staff):
    from tests.conftest import StaffAccounts

    accounts = StaffAccounts(mail_app, mail_app.test_client())
    accounts.create("admin", "lead@example.org")
    accounts.create("viewer", "viewer@example.org")
    response = mail_app.test_client().post(FORM, data=GOOD)
    deliver_queued_mail(mail_app)

    assert response.status_code == 302 and response.headers["Location"].endswith("/case-studies/sent")
    [case_study] = stored(mail_app)
    assert (case_study.title, case_study.council, case_study.consent_to_publish) == (
        GOOD["title"], "Leeds City Council", True)
    assert case_study.what_they_did == GOOD["what_they_did"] and not case_study.is_published
    assert contacts(mail_app) == ["officer@leeds.gov.uk"]

    [message] = inbox.messages
    assert inbox.recipients == ["lead@example.org"]  # admins only: viewers cannot review
    assert message["Subject"] == "New case study to review: Cabinet backed fully funded early help"
    body = message.get_payload(decode=True).decode()
    assert "https://raise.example.org/staff/c/bright-futures/case-studies" in body
    assert "officer@leeds.gov.uk" not in body  # the contact stays in the app


def test_the_thank_you_page_says_it_was_sent(client):
    html = client.post(FORM, data=GOOD, follow_redirects=True).get_data(as_text=True)
    assert "Thank you: your case study was sent" in html


@pytest.mark.parametrize("field, value, message", [
    ("title", "", "Enter a title for your case study"),
    ("title", "Two\r\nlines", "Title must be on one line"),
    ("council", "", "Enter the name of your council, like Leeds City Council"),
    ("what_they_did", "", "Describe what your council did"),
    ("what_they_did", "x" * 5001, "Describe what your council did in 5,000 characters or fewer"),
    ("outcome", "", "Describe what happened as a result"),
    ("email", "", "Enter your email address"),
    ("email", "officer at leeds", "Enter an email address in the right format, like name@council.gov.uk"),
])
def test_each_problem_is_explained_and_nothing_typed_is_lost(app, client, field, value, message):
    response = client.post(FORM, data={**GOOD, field: value})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert "<title>Error: " in html
    kept = "Leeds City Council" if field != "council" else "Cabinet backed fully funded early help"
    assert kept in html
    assert stored(app) == []


def test_consent_is_optional_and_recorded_as_given(app, client):
    client.post(FORM, data={k: v for k, v in GOOD.items() if k != "consent"})
    [case_study] = stored(app)
    assert case_study.consent_to_publish is False


def test_a_bot_that_fills_the_hidden_field_is_thanked_and_nothing_is_kept(mail_app, inbox, staff):
    from tests.conftest import StaffAccounts

    StaffAccounts(mail_app, mail_app.test_client()).create("admin")
    response = mail_app.test_client().post(FORM, data={**GOOD, "website": "https://spam.example"})
    deliver_queued_mail(mail_app)
    assert response.status_code == 302 and response.headers["Location"].endswith("/case-studies/sent")
    assert stored(mail_app) == [] and contacts(mail_app) == []
    assert inbox.messages == []


def test_too_many_case_studies_from_one_address_are_refused_for_a_while(make_app):
    app = make_app(ADVOCACY_CASE_STUDY_LIMIT="2 per hour")
    client = app.test_client()
    assert client.post(FORM, data={**GOOD, "title": ""}).status_code == 200  # a mistake does not count
    for _ in range(2):
        assert client.post(FORM, data=GOOD).status_code == 302
    refused = client.post(FORM, data=GOOD)
    assert refused.status_code == 429
    assert "sent several case studies in a short time" in refused.get_data(as_text=True)
    assert len(stored(app)) == 2


def test_the_form_needs_a_csrf_token(csrf_app):
    assert csrf_app.test_client().post(FORM, data=GOOD).status_code == 400
    assert stored(csrf_app) == []


def test_a_case_study_is_kept_even_when_no_mail_server_is_configured(app, client, staff, caplog):
    staff.create("admin")
    with caplog.at_level("INFO", logger="advocacy.spread"):
        assert client.post(FORM, data=GOOD).status_code == 302
    assert len(stored(app)) == 1
    assert "not emailed to staff: ADVOCACY_SMTP_HOST is not set" in caplog.text


def test_the_notification_goes_through_the_mail_queue(mail_app, inbox):
    from sqlalchemy import select as select_

    from advocacy.sending.models import OutboxMessage
    from tests.conftest import StaffAccounts

    StaffAccounts(mail_app, mail_app.test_client()).create("admin", "lead@example.org")
    mail_app.test_client().post(FORM, data=GOOD)
    with mail_app.app_context():
        [queued] = db.session.scalars(select_(OutboxMessage)).all()
        assert (queued.purpose, queued.to_address, queued.status) == ("case_study", "lead@example.org", "queued")
    assert inbox.messages == []  # nothing leaves until the worker runs
    deliver_queued_mail(mail_app)
    assert len(inbox.messages) == 1


# --- staff review and publishing ---

REVIEW = "/staff/c/bright-futures/case-studies"


def submit(client, **fields) -> None:
    assert client.post(FORM, data={**GOOD, **fields}).status_code == 302


def publish(client, app, title: str, yes: bool = True):
    with app.app_context():
        case_id = db.session.scalar(select(CaseStudy.id).where(CaseStudy.title == title))
    return client.post(f"{REVIEW}/{case_id}/publish", data={"publish": "yes" if yes else "no"},
                       follow_redirects=True)


def test_admins_review_case_studies_with_the_contact_email(app, client, staff):
    submit(client)
    staff.sign_in("admin")
    html = client.get(REVIEW).get_data(as_text=True)
    assert GOOD["title"] in html and "officer@leeds.gov.uk" in html and "Not published" in html
    assert "Full Council passed the motion in January." in html
    assert client.get(REVIEW).headers["Cache-Control"] == "no-store"


def test_viewers_cannot_see_case_studies_and_signed_out_people_are_sent_to_sign_in(app, client, staff):
    submit(client)
    assert client.get(REVIEW).status_code == 302
    staff.sign_in("viewer")
    assert client.get(REVIEW).status_code == 403


def test_a_published_case_study_appears_on_the_campaign_page(app, client, staff):
    submit(client)
    assert GOOD["title"] not in client.get("/c/bright-futures").get_data(as_text=True)
    staff.sign_in("admin")
    html = publish(client, app, GOOD["title"]).get_data(as_text=True)
    assert "is now published on the campaign page" in html

    page = client.get("/c/bright-futures").get_data(as_text=True)
    assert "What councils are doing" in page and GOOD["title"] in page
    assert "Early help hubs kept open for another year." in page
    assert "officer@leeds.gov.uk" not in page  # never the contact

    publish(client, app, GOOD["title"], yes=False)
    assert GOOD["title"] not in client.get("/c/bright-futures").get_data(as_text=True)


def test_a_case_study_without_consent_cannot_be_published(app, client, staff):
    submit(client, consent="", title="For the team only")
    staff.sign_in("admin")
    review = client.get(REVIEW).get_data(as_text=True)
    assert "No: for the campaign team only" in review and "Publish<span" not in review
    html = publish(client, app, "For the team only").get_data(as_text=True)
    assert "Not published: The officer who sent this case study did not agree" in html
    assert "For the team only" not in client.get("/c/bright-futures").get_data(as_text=True)


def test_what_an_officer_types_is_shown_as_text_never_as_html(app, client, staff):
    submit(client, title="<script>alert(1)</script>")
    staff.sign_in("admin")
    publish(client, app, "<script>alert(1)</script>")
    page = client.get("/c/bright-futures").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- personal data ---

def test_the_contact_email_is_purged_with_other_personal_data_and_the_case_study_stays(app, client):
    from advocacy.privacy.registry import personal_data_models
    from advocacy.privacy.service import erase_person, export_person, purge_expired

    submit(client)
    assert "case_study_contacts" in {entry.model.__tablename__ for entry in personal_data_models()}
    with app.app_context():
        assert export_person("OFFICER@leeds.gov.uk")["case_study_contacts"][0]["email"] == "officer@leeds.gov.uk"
        assert purge_expired(90, now=dt.datetime.now() + dt.timedelta(days=91))["case_study_contacts"] == 1
        assert db.session.scalar(select(func.count()).select_from(CaseStudy)) == 1
    submit(client, email="other@kent.gov.uk")
    with app.app_context():
        assert erase_person("other@kent.gov.uk")["case_study_contacts"] == 1
    assert contacts(app) == [] and len(stored(app)) == 2


def test_staff_are_emailed_about_a_case_study_stored_outside_a_web_request(mail_app, inbox):
    from advocacy.spread.case_studies import Submission, submit_case_study
    from advocacy.staff.accounts import create_staff

    with mail_app.app_context():  # e.g. an import from the command line
        create_staff("lead@example.org", "correct horse battery staple", "admin")
        submit_case_study("bright-futures", Submission("Title", "Kent County Council", "Did", "Outcome",
                                                       "officer@kent.gov.uk", False))
    deliver_queued_mail(mail_app)
    [message] = inbox.messages
    body = message.get_payload(decode=True).decode()
    assert "https://raise.example.org/staff/c/bright-futures/case-studies" in body
    assert "did not agree to it being published" in body
