"""What an admin can do about a failed email on the staff sending page: retry it (or, when it may have
arrived, send it again only after ticking that a duplicate is accepted), or email a letter that could not
reach the MP back to the resident (.eml and PDF) to send themselves."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from advocacy.actions.models import utcnow
from advocacy.db import db
from advocacy.sending import OutboxMessage
from advocacy.sending.handover import record_handover
from advocacy.sending.outbox import OutboxRefused, retry_failed
from advocacy.sending.queue import SEND_LEASE, claim

from .conftest import STAFF_PASSWORD, StaffAccounts
from .test_send_for_me_journey import ask_to_send, start_letter
from .test_send_for_me_journey import confirm_link as journey_confirm_link
from .test_sending import MP, ask, confirm_link, letters_to_mp, work


def failed_letter(app, server) -> int:
    """A resident's confirmed letter that the MP's mail server refused for good."""
    ask(app)
    work(app)
    app.test_client().post(confirm_link(server))
    server.fail_next("550 5.1.1 No such mailbox here")
    work(app)
    with app.app_context():
        letter = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "letter"))
        assert letter.status == "failed"
        return letter.id


def signed_in(app, role="admin"):
    client = app.test_client()
    StaffAccounts(app, client).sign_in(role)
    return client


def test_an_admin_retries_a_failed_letter_and_it_reaches_the_mp(sending_app, smtp_server):
    letter_id = failed_letter(sending_app, smtp_server)
    admin = signed_in(sending_app)
    assert "Retry<span class=\"visually-hidden\">" in admin.get("/staff/sending").get_data(as_text=True)

    response = admin.post(f"/staff/sending/{letter_id}/retry")
    assert response.status_code == 302
    assert "The email is queued again" in admin.get(response.headers["Location"]).get_data(as_text=True)
    work(sending_app)
    assert len(letters_to_mp(smtp_server)) == 1
    assert "No failed emails." in admin.get("/staff/sending").get_data(as_text=True)


def test_retrying_twice_sends_the_email_once(sending_app, smtp_server):
    letter_id = failed_letter(sending_app, smtp_server)
    admin = signed_in(sending_app)
    admin.post(f"/staff/sending/{letter_id}/retry")
    second = admin.post(f"/staff/sending/{letter_id}/retry", follow_redirects=True)
    assert ("This email is not failed any more (it is queued), so it was not queued again."
            in second.get_data(as_text=True))
    work(sending_app)
    work(sending_app, utcnow() + timedelta(days=1))
    assert len(letters_to_mp(smtp_server)) == 1


def test_a_retried_email_that_fails_again_shows_the_new_reason(sending_app, smtp_server):
    letter_id = failed_letter(sending_app, smtp_server)
    admin = signed_in(sending_app)
    admin.post(f"/staff/sending/{letter_id}/retry")
    smtp_server.fail_next("550 5.7.1 Rejected by policy")
    work(sending_app)
    assert "550 5.7.1 Rejected by policy" in admin.get("/staff/sending").get_data(as_text=True)


def test_viewers_see_failed_emails_but_cannot_retry_or_tell_the_resident(sending_app, smtp_server):
    letter_id = failed_letter(sending_app, smtp_server)
    viewer = signed_in(sending_app, "viewer")
    page = viewer.get("/staff/sending").get_data(as_text=True)
    # Viewers see the failure's category only (never the server's words, which may hold an address).
    assert "Address rejected" in page and "No such mailbox here" not in page
    assert "Retry" not in page and "Tell the resident" not in page
    assert viewer.post(f"/staff/sending/{letter_id}/retry").status_code == 403
    assert viewer.post(f"/staff/sending/{letter_id}/tell-resident").status_code == 403
    with sending_app.app_context():
        assert db.session.get(OutboxMessage, letter_id).status == "failed"


def test_telling_the_resident_emails_them_their_letter_as_eml_and_pdf(send_app, smtp_server):
    resident = send_app.test_client()
    ask_to_send(resident, start_letter(resident))
    work(send_app)
    resident.post(journey_confirm_link(smtp_server))
    smtp_server.fail_next("550 5.1.1 No such mailbox here")
    work(send_app)
    admin = signed_in(send_app)
    with send_app.app_context():
        letter = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "letter"))
        letter_id, subject = letter.id, letter.subject

    response = admin.post(f"/staff/sending/{letter_id}/tell-resident", follow_redirects=True)
    assert "We are emailing the resident their letter" in response.get_data(as_text=True)
    admin.post(f"/staff/sending/{letter_id}/tell-resident")  # a second press sends nothing more
    work(send_app)

    [mail] = [m for m in smtp_server.to("sian@example.org") if "here it is to send yourself" in m["Subject"]]
    assert "but we could not send it" in mail.get_body(("plain",)).get_content()
    files = {part.get_filename(): part for part in mail.iter_attachments()}
    assert set(files) == {"letter.eml", "letter.pdf"}
    assert files["letter.pdf"].get_content().startswith(b"%PDF")
    eml = files["letter.eml"].get_content().decode()
    assert "To: " in eml and "alex.sobel.mp@parliament.uk" in eml and "X-Unsent: 1" in eml
    assert subject.split()[0] in eml
    page = admin.get("/staff/sending").get_data(as_text=True)
    assert "The resident has been sent their letter to send themselves." in page


def test_only_a_failed_letter_can_be_sent_back_to_the_resident(sending_app, smtp_server):
    ask(sending_app)
    work(sending_app)
    admin = signed_in(sending_app)
    with sending_app.app_context():
        confirmation = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "confirmation"))
        letter = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "letter"))
    page = admin.post(f"/staff/sending/{confirmation.id}/tell-resident", follow_redirects=True).get_data(as_text=True)
    assert "Only a letter to an MP can be sent back to the resident." in page
    page = admin.post(f"/staff/sending/{letter.id}/tell-resident", follow_redirects=True).get_data(as_text=True)
    assert "Only a letter that failed can be sent back to the resident." in page
    assert MP.email not in page


def test_a_letter_is_not_sent_back_while_parliament_is_dissolved(sending_app, smtp_server):
    import datetime as dt

    letter_id = failed_letter(sending_app, smtp_server)
    today = dt.date.today()
    sending_app.config["ADVOCACY_DISSOLUTION_FROM"] = today - dt.timedelta(days=1)
    sending_app.config["ADVOCACY_DISSOLUTION_UNTIL"] = today + dt.timedelta(days=30)
    admin = signed_in(sending_app)
    page = admin.post(f"/staff/sending/{letter_id}/tell-resident", follow_redirects=True).get_data(as_text=True)
    assert "Not now: Parliament is dissolved" in page
    work(sending_app)
    assert [m for m in smtp_server.to("sian@example.org") if "send yourself" in m["Subject"]] == []


# --- an email that may have arrived: the worker stopped while sending it ---

def abandoned_letter(app, server) -> int:
    """A resident's confirmed letter whose worker stopped while handing it to the MP's mail server."""
    ask(app)
    work(app)
    app.test_client().post(confirm_link(server))
    with app.app_context():
        letter_id = db.session.scalar(db.select(OutboxMessage.id).where(OutboxMessage.purpose == "letter"))
        assert claim(letter_id, utcnow())  # taken by a worker that then stopped, never saying how it went
    work(app, utcnow() + SEND_LEASE + timedelta(minutes=1))
    return letter_id


def stored(app, letter_id: int) -> OutboxMessage:
    with app.app_context():
        message = db.session.get(OutboxMessage, letter_id)
        db.session.expunge(message)
        return message


def send_again(client, letter_id: int, understood: bool):
    data = {f"email-{letter_id}-understood": "y"} if understood else {}
    return client.post(f"/staff/sending/{letter_id}/send-again", data=data)


def test_a_send_the_worker_abandoned_is_failed_as_possibly_arrived_and_not_sent(sending_app, smtp_server):
    letter_id = abandoned_letter(sending_app, smtp_server)
    message = stored(sending_app, letter_id)
    assert message.status == "failed" and message.outcome_unknown
    assert letters_to_mp(smtp_server) == []


def test_a_letter_the_mp_server_refused_is_not_marked_as_possibly_arrived(sending_app, smtp_server):
    letter_id = failed_letter(sending_app, smtp_server)
    assert not stored(sending_app, letter_id).outcome_unknown


def test_an_unexpected_error_mid_send_is_failed_as_possibly_arrived(sending_app, smtp_server, monkeypatch):
    import advocacy.sending.queue as queue

    ask(sending_app)
    work(sending_app)
    sending_app.test_client().post(confirm_link(smtp_server))

    def breaks(*args, **kwargs):
        raise RuntimeError("the connection broke in a way nobody expected")

    monkeypatch.setattr(queue, "send_email", breaks)
    work(sending_app)
    with sending_app.app_context():
        letter = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "letter"))
        assert letter.status == "failed" and letter.outcome_unknown


def test_a_send_that_may_have_arrived_is_marked_sent_once_the_journal_shows_the_server_took_it(sending_app,
                                                                                                 smtp_server):
    letter_id = abandoned_letter(sending_app, smtp_server)
    with sending_app.app_context():
        record_handover(db.session.get(OutboxMessage, letter_id).public_id, utcnow())
    work(sending_app)
    message = stored(sending_app, letter_id)
    assert message.status == "sent" and not message.outcome_unknown


def test_the_sending_page_says_an_email_may_have_arrived_and_offers_no_plain_retry(sending_app, smtp_server):
    letter_id = abandoned_letter(sending_app, smtp_server)
    page = signed_in(sending_app).get("/staff/sending").get_data(as_text=True)
    assert "It may have arrived." in page
    assert "Check with the MP&#39;s office or the resident before sending it again." in page
    assert f"/staff/sending/{letter_id}/retry" not in page and "Retry<span" not in page
    assert "Send again anyway<span" in page
    assert (f'<label class="choice__label" for="email-{letter_id}-understood">'
            "I understand the recipient may get this email twice</label>") in page
    assert f'/staff/sending/{letter_id}/tell-resident' in page  # the resident can still send it themselves


def test_viewers_see_that_an_email_may_have_arrived_but_cannot_send_it_again(sending_app, smtp_server):
    letter_id = abandoned_letter(sending_app, smtp_server)
    viewer = signed_in(sending_app, "viewer")
    page = viewer.get("/staff/sending").get_data(as_text=True)
    assert "It may have arrived." in page and "Send again anyway" not in page
    assert send_again(viewer, letter_id, understood=True).status_code == 403
    assert stored(sending_app, letter_id).status == "failed"


def test_an_email_that_may_have_arrived_is_not_resent_without_confirmation(sending_app, smtp_server):
    letter_id = abandoned_letter(sending_app, smtp_server)
    admin = signed_in(sending_app)
    response = send_again(admin, letter_id, understood=False)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "<title>Error: " in page and "There is a problem" in page
    message = ("Tick “I understand the recipient may get this email twice” to send it again. Ask the recipient "
               "first whether it arrived: if it did, do not send it again")
    assert f'<a href="#email-{letter_id}-understood">{message}</a>' in page  # the summary links to the box
    assert f'id="email-{letter_id}-understood-error"' in page
    assert f'aria-describedby="email-{letter_id}-understood-error"' in page
    assert stored(sending_app, letter_id).status == "failed"
    work(sending_app)
    work(sending_app, utcnow() + timedelta(days=1))
    assert letters_to_mp(smtp_server) == []


def test_an_email_that_may_have_arrived_cannot_be_resent_with_the_plain_retry(sending_app, smtp_server):
    letter_id = abandoned_letter(sending_app, smtp_server)
    page = signed_in(sending_app).post(f"/staff/sending/{letter_id}/retry", follow_redirects=True)
    assert "This email may already have arrived" in page.get_data(as_text=True)
    work(sending_app)
    assert letters_to_mp(smtp_server) == []


def test_sending_again_with_the_duplicate_risk_confirmed_sends_it_exactly_once(sending_app, smtp_server):
    letter_id = abandoned_letter(sending_app, smtp_server)
    admin = signed_in(sending_app)
    response = send_again(admin, letter_id, understood=True)
    assert response.status_code == 302
    assert "The email is queued again" in admin.get(response.headers["Location"]).get_data(as_text=True)
    second = send_again(admin, letter_id, understood=True)
    assert "This email is not failed any more" in admin.get(second.headers["Location"]).get_data(as_text=True)
    work(sending_app)
    work(sending_app, utcnow() + timedelta(days=1))
    assert len(letters_to_mp(smtp_server)) == 1
    assert "No failed emails." in admin.get("/staff/sending").get_data(as_text=True)


def test_a_definite_failure_still_retries_with_one_click_and_no_warning(sending_app, smtp_server):
    letter_id = failed_letter(sending_app, smtp_server)
    admin = signed_in(sending_app)
    page = admin.get("/staff/sending").get_data(as_text=True)
    assert "It may have arrived." not in page and "Send again anyway" not in page
    admin.post(f"/staff/sending/{letter_id}/retry")
    work(sending_app)
    assert len(letters_to_mp(smtp_server)) == 1


def test_the_service_refuses_to_retry_an_email_that_may_have_arrived_unless_the_risk_is_accepted(sending_app,
                                                                                                 smtp_server):
    letter_id = abandoned_letter(sending_app, smtp_server)
    with sending_app.app_context():
        with pytest.raises(OutboxRefused, match="may already have arrived.*Send again anyway"):
            retry_failed(letter_id)
        assert db.session.get(OutboxMessage, letter_id).status == "failed"
        message = retry_failed(letter_id, duplicate_risk_accepted=True)
        assert message.status == "queued" and not message.outcome_unknown


def test_send_again_anyway_needs_the_pages_csrf_token(sending_app, smtp_server):
    letter_id = abandoned_letter(sending_app, smtp_server)
    sending_app.config["WTF_CSRF_ENABLED"] = True  # as in production, from here on
    admin = sending_app.test_client()
    StaffAccounts(sending_app, admin).create("admin")
    sign_in = admin.get("/staff/sign-in").get_data(as_text=True)
    admin.post("/staff/sign-in", data={"email": "admin@example.org", "password": STAFF_PASSWORD,
                                       "csrf_token": re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                                                               sign_in).group(1)})
    page = admin.get("/staff/sending").get_data(as_text=True)
    token = re.search(rf'name="email-{letter_id}-csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    forged = admin.post(f"/staff/sending/{letter_id}/send-again", data={f"email-{letter_id}-understood": "y"})
    assert forged.status_code == 400 and "Your session expired" in forged.get_data(as_text=True)
    assert stored(sending_app, letter_id).status == "failed"
    sent = admin.post(f"/staff/sending/{letter_id}/send-again",
                      data={f"email-{letter_id}-understood": "y", f"email-{letter_id}-csrf_token": token})
    assert sent.status_code == 302 and stored(sending_app, letter_id).status == "queued"


def test_failed_emails_say_what_each_was_and_who_it_was_for_without_a_persons_address(sending_app):
    from advocacy.councilrules.notices import MOTION_PURPOSE, REMINDER_PURPOSE
    from advocacy.sending.models import PURPOSES
    from advocacy.spread.notify import PURPOSE as CASE_STUDY
    from advocacy.web.staff.sending import PURPOSE_LABELS

    purposes = [*PURPOSES, MOTION_PURPOSE, REMINDER_PURPOSE, CASE_STUDY]
    now = utcnow()
    with sending_app.app_context():
        for number, purpose in enumerate(purposes):
            to_name = "Leeds democratic services" if purpose == MOTION_PURPOSE else "Someone"
            to_address = "democracy@leeds.example" if purpose == MOTION_PURPOSE else f"person{number}@example.org"
            db.session.add(OutboxMessage(
                public_id=f"failed-{number}", idempotency_key=f"failed-{number}", purpose=purpose,
                campaign="bright-futures", to_address=to_address, to_name=to_name, from_address="from@example.org",
                from_name="Campaign", subject=f"Subject {number}", body="Body", resident_email=to_address,
                status="failed", attempts=1,
                last_error="550 No such mailbox", created_at=now, updated_at=now))
        db.session.commit()
    page = signed_in(sending_app).get("/staff/sending").get_data(as_text=True)
    for purpose in purposes:
        assert PURPOSE_LABELS[purpose] in page.replace("&#39;", "'")
    assert "Leeds democratic services &lt;democracy@leeds.example&gt;" in page  # an office: named in full
    assert "The councillor" in page and "Campaign staff" in page and "The resident" in page
    for number, purpose in enumerate(purposes):
        if purpose not in ("letter", MOTION_PURPOSE):
            assert f"person{number}@example.org" not in page  # a person's own address is never shown
