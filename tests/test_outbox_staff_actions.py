"""What an admin can do about a failed email on the staff sending page: retry it, or email a letter that
could not reach the MP back to the resident (.eml and PDF) to send themselves."""

from __future__ import annotations

from datetime import timedelta

from advocacy.actions.models import utcnow
from advocacy.db import db
from advocacy.sending import OutboxMessage

from .conftest import StaffAccounts
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
