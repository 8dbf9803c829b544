"""Sending letters for residents: confirmation, delivery through a real local SMTP server, retries,
one send per submission, expiry, follow-up, staff views. The letter journey's own page is tested in
test_send_for_me_journey.py."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest

from advocacy.actions.models import Action, utcnow
from advocacy.db import db
from advocacy.documents import HeaderError
from advocacy.sending import (OutboxMessage, Recipient, SendRefused, SendToken, deliver_message, request_send,
                              run_pass)

from .conftest import SmtpServer, StaffAccounts, smtp_settings

MP = Recipient(name="Alex Sobel MP", email="alex.sobel.mp@parliament.example", member_id=4658, party="Labour",
               constituency_code="E14001331", constituency_name="Leeds Central and Headingley")
LETTER_BODY = ("Dear Alex Sobel,\n\nPlease back fully funded children's services in Leeds.\n\nYours sincerely,\n\n"
               "Siân O'Brien\n1 Example Street\nLeeds\nLS1 1UR\n")
ACTION = {"campaign": "bright-futures", "kind": "letter_mp", "channel": "confirmed",
          "place": {"constituency_code": "E14001331", "constituency_name": "Leeds Central and Headingley",
                    "mp_member_id": 4658}, "template_version": "abc123"}


def ask(app, *, key="draft-1", email="sian@example.org", name="Siân O'Brien", recipient=MP, now=None, **extra):
    with app.app_context():
        request = request_send(campaign="bright-futures", campaign_title="Bright Futures", submission_key=key,
                               resident_name=name, resident_email=email, recipient=recipient,
                               subject=extra.pop("subject", "Children's services in Leeds need your support"),
                               body=extra.pop("body", LETTER_BODY), action=ACTION, now=now, **extra)
        return request.public_id


def text(mail) -> str:
    """The decoded body, with line ends as Python writes them."""
    return mail.get_content().replace("\r\n", "\n")


def work(app, now=None):
    with app.app_context():
        return run_pass(now)


def confirm_link(server: SmtpServer, to: str = "sian@example.org", index: int = -1) -> str:
    body = text(server.to(to)[index])
    return re.search(r"https://voice\.example(/send/confirm/\S+)", body).group(1)


def letters_to_mp(server: SmtpServer):
    return server.to(MP.email)


def test_asking_emails_a_confirmation_link_and_sends_nothing_to_the_mp(sending_app, smtp_server):
    ask(sending_app)
    assert work(sending_app) == 1
    [mail] = smtp_server.to("sian@example.org")
    assert mail["Subject"] == "Confirm your email so we can send your letter to Alex Sobel MP"
    body = text(mail)
    assert "https://voice.example/send/confirm/" in body
    assert "works once, for 24 hours" in body
    assert "Please back fully funded children's services in Leeds." in body  # they see what will be sent
    assert letters_to_mp(smtp_server) == []


def test_confirmation_links_are_stored_only_as_hashes(sending_app, smtp_server):
    ask(sending_app)
    work(sending_app)
    raw = confirm_link(smtp_server).rsplit("/", 1)[1]
    with sending_app.app_context():
        stored = db.session.scalars(db.select(SendToken.token_hash)).all()
        bodies = db.session.scalars(db.select(OutboxMessage.body)).all()
    assert raw not in stored and len(stored[0]) == 64
    assert not any(raw in body for body in bodies)  # the sent confirmation email's body was blanked


def test_the_letter_goes_to_the_mp_only_after_the_resident_confirms(sending_app, smtp_server):
    public_id = ask(sending_app)
    work(sending_app)
    client = sending_app.test_client()
    link = confirm_link(smtp_server)

    page = client.get(link)  # a mail scanner opening the link must not send anything
    assert page.status_code == 200
    assert "Send my letter" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    work(sending_app)
    assert letters_to_mp(smtp_server) == []
    assert "Waiting for you to confirm" in client.get(f"/send/status/{public_id}").get_data(as_text=True)

    response = client.post(link)
    assert response.status_code == 302 and response.headers["Location"] == f"/send/status/{public_id}"
    assert "Confirmed: your letter is on its way" in client.get(f"/send/status/{public_id}").get_data(as_text=True)
    work(sending_app)
    [letter] = letters_to_mp(smtp_server)
    assert letter.envelope.rcpt_tos == [MP.email]
    assert letter.envelope.mail_from == "letters@campaign.example"
    assert "Sent to your MP" in client.get(f"/send/status/{public_id}").get_data(as_text=True)


def test_the_letter_is_from_the_campaign_sender_with_reply_to_the_resident(sending_app, smtp_server):
    ask(sending_app)
    work(sending_app)
    sending_app.test_client().post(confirm_link(smtp_server))
    work(sending_app)
    [letter] = letters_to_mp(smtp_server)
    assert letter["From"].addresses[0].addr_spec == "letters@campaign.example"
    assert letter["From"].addresses[0].display_name == "Siân O'Brien via Bright Futures campaign"
    assert letter["Reply-To"] == "sian@example.org"
    assert letter["To"].addresses[0].addr_spec == MP.email
    assert letter["Subject"] == "Children's services in Leeds need your support"
    assert letter.get_content_type() == "text/plain" and letter.get_content_charset() == "utf-8"
    assert letter["Message-ID"].endswith("@campaign.example>")
    raw = letter.as_bytes()
    assert b"Si\xc3\xa2n" not in raw.split(b"\r\n\r\n", 1)[0]  # headers are encoded (RFC 2047), not raw UTF-8
    body = text(letter)
    assert "Siân O'Brien\n1 Example Street\nLeeds\nLS1 1UR" in body
    assert "Auto-Submitted" not in letter  # the letter is the resident's own; only our notices say that


def test_delivery_records_one_action_for_the_dashboard(sending_app, smtp_server):
    ask(sending_app)
    work(sending_app)
    sending_app.test_client().post(confirm_link(smtp_server))
    with sending_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Action)) == 0  # not before it is sent
    work(sending_app)
    work(sending_app)
    with sending_app.app_context():
        actions = db.session.scalars(db.select(Action)).all()
    assert [(a.kind, a.channel, a.constituency_code) for a in actions] == [("letter_mp", "confirmed", "E14001331")]


@pytest.mark.parametrize("field, value, message", [
    ("name", "Siân\r\nBcc: everyone@example.org", "line break"),
    ("email", "sian@example.org\nBcc: everyone@example.org", "line break"),
    ("email", "sian@example.org, everyone@example.org", "not a valid email address"),
    ("subject", "Hello\r\nBcc: everyone@example.org", "line break"),
])
def test_nothing_typed_can_add_a_header_or_a_recipient(sending_app, smtp_server, field, value, message):
    kwargs = {field: value}
    with pytest.raises(HeaderError, match=message):
        ask(sending_app, **kwargs)
    with sending_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0


def test_header_lines_typed_into_the_letter_stay_in_the_body(sending_app, smtp_server):
    ask(sending_app, body="Dear MP,\r\nBcc: everyone@example.org\r\n\r\nTo: other@example.org\nThanks")
    work(sending_app)
    sending_app.test_client().post(confirm_link(smtp_server))
    work(sending_app)
    [letter] = letters_to_mp(smtp_server)
    assert letter.envelope.rcpt_tos == [MP.email]
    assert "Bcc" not in letter and letter["To"].addresses[0].addr_spec == MP.email
    assert "Bcc: everyone@example.org" in text(letter)
    assert smtp_server.to("everyone@example.org") == [] and smtp_server.to("other@example.org") == []


def test_one_letter_per_submission_whatever_is_clicked_or_retried(sending_app, smtp_server):
    ask(sending_app)
    ask(sending_app)  # "send me the link again"
    work(sending_app)
    first, second = confirm_link(smtp_server, index=0), confirm_link(smtp_server, index=1)
    assert first != second
    client = sending_app.test_client()
    client.post(second)
    client.post(second)
    page = client.post(first).get_data(as_text=True)
    assert "already confirmed" in page
    ask(sending_app)  # asked again after confirming: nothing new
    for _ in range(3):
        work(sending_app)
    assert len(letters_to_mp(smtp_server)) == 1
    assert len(smtp_server.to("sian@example.org")) == 2  # no third confirmation after it was confirmed


def test_two_workers_never_send_one_email_twice(sending_app, smtp_server):
    ask(sending_app)
    work(sending_app)
    sending_app.test_client().post(confirm_link(smtp_server))
    with sending_app.app_context():
        letter_id = db.session.scalar(db.select(OutboxMessage.id).where(OutboxMessage.purpose == "letter"))
    results = []
    start = threading.Barrier(4)

    def worker():
        with sending_app.app_context():
            start.wait()
            results.append(deliver_message(letter_id))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(letters_to_mp(smtp_server)) == 1
    assert "sent" in results


def test_a_temporary_smtp_failure_is_retried_later_with_backoff(sending_app, smtp_server):
    ask(sending_app)
    work(sending_app)
    sending_app.test_client().post(confirm_link(smtp_server))
    smtp_server.fail_next("451 4.3.0 Mailbox busy, try again later", times=2)
    now = utcnow()
    work(sending_app, now)
    with sending_app.app_context():
        letter = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "letter"))
        assert (letter.status, letter.attempts) == ("queued", 1)
        assert "451 4.3.0 Mailbox busy" in letter.last_error
        first_wait = letter.next_attempt_at - now
    assert first_wait == timedelta(seconds=60)
    assert work(sending_app, now + timedelta(seconds=30)) == 0  # not due yet
    work(sending_app, now + timedelta(seconds=61))
    with sending_app.app_context():
        letter = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "letter"))
        assert (letter.status, letter.attempts) == ("queued", 2)
        assert letter.next_attempt_at - (now + timedelta(seconds=61)) == timedelta(seconds=120)  # doubled
    work(sending_app, now + timedelta(seconds=200))
    assert len(letters_to_mp(smtp_server)) == 1
    with sending_app.app_context():
        letter = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "letter"))
        assert (letter.status, letter.attempts, letter.last_error) == ("sent", 3, None)


def test_an_unreachable_smtp_server_is_a_temporary_failure(make_app):
    closed = SmtpServer()  # never started: its port refuses connections
    app = make_app(**smtp_settings(closed))
    ask(app)
    work(app)
    with app.app_context():
        message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "confirmation"))
    assert message.status == "queued"
    assert f"Could not reach the SMTP server 127.0.0.1:{closed.port}" in message.last_error


def test_it_gives_up_after_the_last_attempt_and_says_why(make_app, smtp_server):
    app = make_app(**smtp_settings(smtp_server, ADVOCACY_SEND_MAX_ATTEMPTS="2"))
    ask(app)
    smtp_server.fail_next("421 4.7.0 Too many connections", times=5)
    now = utcnow()
    work(app, now)
    work(app, now + timedelta(hours=1))
    with app.app_context():
        message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "confirmation"))
    assert message.status == "failed"
    assert message.last_error == "Gave up after 2 attempts. Last error: 421 4.7.0 Too many connections"


def test_a_permanent_failure_is_not_retried_and_staff_see_the_reason(sending_app, smtp_server):
    public_id = ask(sending_app)
    work(sending_app)
    client = sending_app.test_client()
    client.post(confirm_link(smtp_server))
    smtp_server.fail_next("550 5.1.1 No such mailbox here")
    now = utcnow()
    work(sending_app, now)
    work(sending_app, now + timedelta(days=2))
    assert letters_to_mp(smtp_server) == []
    assert "Could not be sent" in client.get(f"/send/status/{public_id}").get_data(as_text=True)

    staff_client = sending_app.test_client()
    StaffAccounts(sending_app, staff_client).sign_in("viewer")
    assert "1 email could not be delivered" in staff_client.get("/staff/").get_data(as_text=True)
    page = staff_client.get("/staff/sending").get_data(as_text=True)
    assert "Address rejected" in page and "No such mailbox" not in page  # viewers see the category
    assert "Alex Sobel MP &lt;alex.sobel.mp@parliament.example&gt;" in page
    assert "sian@example.org" not in page  # staff pages name MPs, not residents
    admin_client = sending_app.test_client()
    StaffAccounts(sending_app, admin_client).sign_in("admin")
    assert "550 5.1.1 No such mailbox here" in admin_client.get("/staff/sending").get_data(as_text=True)


def test_an_smtp_refusal_quoting_the_residents_address_is_kept_and_shown_without_it(sending_app, smtp_server):
    ask(sending_app)
    smtp_server.fail_next("550 5.1.1 <sian@example.org>: Recipient address rejected: User unknown")
    work(sending_app)
    with sending_app.app_context():
        message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "confirmation"))
        assert message.status == "failed" and "sian@example.org" not in message.last_error
    viewer = sending_app.test_client()
    StaffAccounts(sending_app, viewer).sign_in("viewer")
    page = viewer.get("/staff/sending").get_data(as_text=True)
    assert "Address rejected" in page and "sian@example.org" not in page and "Recipient address" not in page
    admin = sending_app.test_client()
    StaffAccounts(sending_app, admin).sign_in("admin")
    page = admin.get("/staff/sending").get_data(as_text=True)
    assert "Address rejected" in page and "[address removed]" in page
    assert "Recipient address rejected: User unknown" in page
    assert "sian@example.org" not in page


@pytest.mark.parametrize("reason, category", [
    ("The recipient was refused: 550 5.1.1 <x@y.example>: Recipient address rejected", "Address rejected"),
    ("552 5.2.2 Mailbox full", "Mailbox full"),
    ("550 5.7.1 Message rejected as spam", "Refused by the receiving server's policy"),
    ("Gave up after 5 attempts. Last error: 421 4.7.0 Too many connections",
     "Temporary failure, given up after retries"),
    ("Gave up after 5 attempts. Last error: 451 Try later", "Temporary failure, given up after retries"),
    ("Could not reach the SMTP server mail.example:587: refused", "Our mail server could not be reached"),
])
def test_failure_categories_name_the_kind_of_failure(reason, category):
    from advocacy.sending.failures import failure_category

    assert failure_category(reason) == category


@pytest.mark.parametrize("text", ["<sian@example.org>", "sian+tag@example.org:", '"Sian"@example.org',
                                  "user@[192.0.2.1]", "RCPT TO:<a.b@c.example> refused"])
def test_anything_that_looks_like_an_address_is_redacted(text):
    from advocacy.sending.failures import redact_addresses

    assert "@" not in redact_addresses(text)


def test_starttls_and_login_are_used_when_configured(make_app, smtp_tls_server):
    app = make_app(**smtp_settings(smtp_tls_server, ADVOCACY_SMTP_STARTTLS="true", ADVOCACY_SMTP_USERNAME="mailer",
                                   ADVOCACY_SMTP_PASSWORD="mail-secret"))
    ask(app)
    work(app)
    assert len(smtp_tls_server.to("sian@example.org")) == 1
    assert smtp_tls_server.logins == ["mailer"]


def test_wrong_smtp_credentials_are_retried_and_name_the_settings(make_app, smtp_tls_server):
    app = make_app(**smtp_settings(smtp_tls_server, ADVOCACY_SMTP_STARTTLS="true", ADVOCACY_SMTP_USERNAME="mailer",
                                   ADVOCACY_SMTP_PASSWORD="wrong"))
    ask(app)
    work(app)
    with app.app_context():
        message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "confirmation"))
    assert message.status == "queued"
    assert "Check ADVOCACY_SMTP_USERNAME and ADVOCACY_SMTP_PASSWORD" in message.last_error


def test_a_confirmation_link_expires_after_24_hours(sending_app, smtp_server):
    public_id = ask(sending_app, now=utcnow() - timedelta(hours=24, minutes=1))
    work(sending_app)
    client = sending_app.test_client()
    link = confirm_link(smtp_server)
    page = client.get(link).get_data(as_text=True)
    assert "This link has expired" in page and "Send my letter" not in page
    assert "This link has expired" in client.post(link).get_data(as_text=True)
    work(sending_app)
    assert letters_to_mp(smtp_server) == []
    assert "has expired" in client.get(f"/send/status/{public_id}").get_data(as_text=True)

    ask(sending_app)  # asking again sends a fresh link that works
    work(sending_app)
    client.post(confirm_link(smtp_server))
    work(sending_app)
    assert len(letters_to_mp(smtp_server)) == 1


def test_an_unknown_link_says_what_to_do(sending_app):
    response = sending_app.test_client().get("/send/confirm/not-a-real-token")
    assert response.status_code == 404
    assert "This link does not work" in response.get_data(as_text=True)


def duplicate_notices(server, to="sian@example.org"):
    return [m for m in server.to(to) if "we have not sent another one" in m["Subject"]]


def test_the_same_email_cannot_write_to_the_same_mp_twice_in_a_campaign(sending_app, smtp_server):
    ask(sending_app, key="draft-1")
    work(sending_app)
    sending_app.test_client().post(confirm_link(smtp_server))
    ask(sending_app, key="draft-2", email="SIAN@example.org")  # no refusal to see: the email explains
    other = Recipient(name="Hilary Benn MP", email="hilary.benn.mp@parliament.example", member_id=413)
    ask(sending_app, key="draft-3", recipient=other)  # another MP is fine
    ask(sending_app, key="draft-4", email="someone.else@example.org")  # another resident is fine
    work(sending_app)
    [notice] = duplicate_notices(smtp_server, "SIAN@example.org")
    assert "You have already written to Alex Sobel MP for this campaign" in text(notice)
    assert len(letters_to_mp(smtp_server)) == 1
    assert len(smtp_server.to(other.email)) == 0  # still waiting for its confirmation


def test_an_unconfirmed_request_blocks_a_second_one_until_its_link_expires(sending_app, smtp_server):
    ask(sending_app, key="draft-1", now=utcnow() - timedelta(hours=1))
    ask(sending_app, key="draft-2")
    ask(sending_app, key="draft-3", now=utcnow() + timedelta(hours=24))  # the first link has expired by then
    work(sending_app, utcnow() + timedelta(hours=24))
    [notice] = duplicate_notices(smtp_server)
    assert "waiting for you to confirm" in text(notice)
    assert len(smtp_server.to("sian@example.org")) == 3  # two confirmation links and the notice


def test_staff_are_alerted_when_one_mp_gets_unusually_many_letters_in_a_day(make_app, smtp_server):
    app = make_app(**smtp_settings(smtp_server, ADVOCACY_MP_DAILY_ALERT="2"))
    client = app.test_client()
    for number in range(3):
        ask(app, key=f"draft-{number}", email=f"resident{number}@example.org")
    work(app)
    for number in range(3):
        client.post(confirm_link(smtp_server, to=f"resident{number}@example.org"))
    staff_client = app.test_client()
    StaffAccounts(app, staff_client).sign_in("viewer")
    assert "1 MP received unusually many letters today" in staff_client.get("/staff/").get_data(as_text=True)
    page = staff_client.get("/staff/sending").get_data(as_text=True)
    assert "Unusually many letters to one MP today" in page
    assert "Alex Sobel MP (alex.sobel.mp@parliament.example): 3 letters today" in page


def test_no_alert_below_the_threshold(sending_app, smtp_server, staff):
    ask(sending_app)
    work(sending_app)
    sending_app.test_client().post(confirm_link(smtp_server))
    StaffAccounts(sending_app, sending_app.test_client()).create("viewer")
    client = sending_app.test_client()
    StaffAccounts(sending_app, client).sign_in("viewer")
    assert "Unusually many" not in client.get("/staff/sending").get_data(as_text=True)
    home = client.get("/staff/").get_data(as_text=True)
    assert "received unusually many" not in home and "could not be delivered" not in home


def test_staff_sending_pages_need_a_sign_in(sending_app):
    client = sending_app.test_client()
    for path in ("/staff/sending", "/staff/c/bright-futures/replies"):
        assert client.get(path).headers["Location"].startswith("/staff/sign-in")


# --- the follow-up ---

def sent_letter(app, server, *, key="draft-1", email="sian@example.org", recipient=MP, now=None, consent=True):
    """A letter we sent for a resident at ``now``; ``consent``: they agreed to be asked whether the MP replied."""
    ask(app, key=key, email=email, recipient=recipient, follow_up_consent=consent)
    work(app)
    app.test_client().post(confirm_link(server, to=email))
    with app.app_context():
        letter_id = db.session.scalar(db.select(OutboxMessage.id).where(
            OutboxMessage.idempotency_key == f"letter:{key}"))
        # Confirmed now; delivered at ``now`` (the past, in these tests).
        db.session.execute(db.update(OutboxMessage).where(OutboxMessage.id == letter_id)
                           .values(next_attempt_at=now or utcnow()))
        db.session.commit()
        deliver_message(letter_id, now)


def follow_up_links(server: SmtpServer, to: str = "sian@example.org") -> dict[str, str]:
    [mail] = [m for m in server.to(to) if m["Subject"].startswith("Did ")]
    body = text(mail)
    return {answer: re.search(rf"https://voice\.example(/send/reply/\S+answer={answer})", body).group(1)
            for answer in ("yes", "no", "not_yet")}


def test_two_weeks_after_sending_the_resident_is_asked_once_whether_the_mp_replied(sending_app, smtp_server):
    sent_at = utcnow() - timedelta(days=20)
    sent_letter(sending_app, smtp_server, now=sent_at)
    work(sending_app, sent_at + timedelta(days=13, hours=23))
    assert not any(m["Subject"].startswith("Did ") for m in smtp_server.to("sian@example.org"))
    work(sending_app, sent_at + timedelta(days=14, minutes=1))
    work(sending_app)
    work(sending_app)
    asked = [m for m in smtp_server.to("sian@example.org") if m["Subject"].startswith("Did ")]
    assert len(asked) == 1
    assert asked[0]["Subject"] == "Did Alex Sobel MP reply to your letter?"
    assert asked[0]["Auto-Submitted"] == "auto-generated"
    assert set(follow_up_links(smtp_server)) == {"yes", "no", "not_yet"}


def test_without_consent_nobody_is_asked_whether_the_mp_replied(sending_app, smtp_server):
    sent_letter(sending_app, smtp_server, now=utcnow() - timedelta(days=20), consent=False)
    work(sending_app)
    assert not any(m["Subject"].startswith("Did ") for m in smtp_server.messages)


def test_a_follow_up_answer_takes_one_click_and_a_confirm_button(sending_app, smtp_server):
    sent_letter(sending_app, smtp_server, now=utcnow() - timedelta(days=15))
    work(sending_app)
    links = follow_up_links(smtp_server)
    client = sending_app.test_client()
    page = client.get(links["not_yet"]).get_data(as_text=True)  # a link scanner's visit records nothing
    assert "Confirm: Not yet" in page

    staff_client = sending_app.test_client()
    StaffAccounts(sending_app, staff_client).sign_in("viewer")
    replies = staff_client.get("/staff/c/bright-futures/replies").get_data(as_text=True)
    assert "no answers yet" in replies

    assert "We have recorded your answer: Not yet" in client.post(links["not_yet"]).get_data(as_text=True)
    assert "You told us before: Not yet" in client.get(links["yes"]).get_data(as_text=True)
    assert "We have recorded your answer: Yes, my MP replied" in client.post(links["yes"]).get_data(as_text=True)
    replies = staff_client.get("/staff/c/bright-futures/replies").get_data(as_text=True)
    assert "Alex Sobel MP" in replies and "Labour" in replies and "100%" in replies
    assert "sian@example.org" not in replies and "Siân" not in replies


def test_reply_rates_are_aggregated_per_mp_and_party(sending_app, smtp_server):
    from advocacy.sending import reply_rates

    other = Recipient(name="Hilary Benn MP", email="hilary.benn.mp@parliament.example", member_id=413,
                      party="Labour")
    then = utcnow() - timedelta(days=15)
    sent_letter(sending_app, smtp_server, key="a", email="a@example.org", now=then)
    sent_letter(sending_app, smtp_server, key="b", email="b@example.org", now=then)
    sent_letter(sending_app, smtp_server, key="c", email="c@example.org", recipient=other, now=then)
    work(sending_app)
    client = sending_app.test_client()
    client.post(follow_up_links(smtp_server, "a@example.org")["yes"])
    client.post(follow_up_links(smtp_server, "b@example.org")["no"])
    with sending_app.app_context():
        by_mp = {r.group: (r.asked, r.yes, r.no, r.not_yet) for r in reply_rates("bright-futures", "mp")}
        [party] = reply_rates("bright-futures", "party")
    assert by_mp == {"Alex Sobel MP": (2, 1, 1, 0), "Hilary Benn MP": (1, 0, 0, 0)}
    assert (party.group, party.asked, party.answered, party.reply_rate) == ("Labour", 3, 2, 0.5)


def test_reply_rates_survive_the_purge_of_personal_data(sending_app, smtp_server):
    from advocacy.privacy import purge_expired
    from advocacy.sending import reply_rates

    sent_letter(sending_app, smtp_server, now=utcnow() - timedelta(days=15))
    work(sending_app)
    sending_app.test_client().post(follow_up_links(smtp_server)["yes"])
    with sending_app.app_context():
        purge_expired(1, now=utcnow() + timedelta(days=2))
        assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0
        [rate] = reply_rates("bright-futures", "mp")
    assert (rate.group, rate.yes) == ("Alex Sobel MP", 1)


def test_privacy_export_and_erase_cover_emails_sent_for_a_resident(sending_app, smtp_server):
    from advocacy.privacy import erase_person, export_person

    ask(sending_app)
    work(sending_app)
    with sending_app.app_context():
        exported = export_person("SIAN@example.org")
        assert len(exported["outbox_messages"]) == 2 and len(exported["send_requests"]) == 1
        erase_person("sian@example.org")
        for model in (OutboxMessage, SendToken):
            assert db.session.scalar(db.select(db.func.count()).select_from(model)) == 0


# --- the worker command ---

def test_the_worker_command_sends_what_is_due(sending_app, smtp_server):
    ask(sending_app)
    result = sending_app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert "database queue" in result.output and "1 email(s) handled" in result.output
    assert len(smtp_server.to("sian@example.org")) == 1


def test_the_worker_explains_when_smtp_is_not_configured(app):
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code != 0
    assert "ADVOCACY_SMTP_HOST is not set" in result.output


def test_with_redis_the_same_job_runs_on_rq(make_app, smtp_server, redis_url):
    from redis import Redis

    Redis.from_url(redis_url).flushdb()
    app = make_app(**smtp_settings(smtp_server, ADVOCACY_REDIS_URL=redis_url))
    ask(app)
    with app.app_context():
        from advocacy.sending.queue import rq_queue

        [job] = rq_queue().get_jobs()
        assert job.func_name == "advocacy.sending.queue.deliver_job"
    result = app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert "RQ on Redis" in result.output
    assert len(smtp_server.to("sian@example.org")) == 1  # enqueued twice (web and sweep), sent once
    app.test_client().post(confirm_link(smtp_server))
    app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert len(letters_to_mp(smtp_server)) == 1


def test_confirming_works_with_csrf_protection_on_and_refuses_a_forged_post(make_app, smtp_server):
    app = make_app(**smtp_settings(smtp_server, WTF_CSRF_ENABLED=True))
    ask(app)
    work(app)
    link = confirm_link(smtp_server)
    client = app.test_client()
    assert client.post(link).status_code == 400  # no token: another site cannot confirm for the resident
    page = client.get(link).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post(link, data={"csrf_token": token}).status_code == 302
    work(app)
    assert len(letters_to_mp(smtp_server)) == 1


def test_an_address_with_non_latin_letters_is_refused_with_the_reason(sending_app):
    with pytest.raises(HeaderError, match="accented or non-Latin letters"):
        ask(sending_app, email="siân@example.org")


def test_a_failed_goodbye_after_the_server_accepted_does_not_send_again(sending_app, smtp_server, monkeypatch):
    import smtplib

    def broken_quit(self):
        raise smtplib.SMTPServerDisconnected("connection lost while saying goodbye")

    monkeypatch.setattr(smtplib.SMTP, "quit", broken_quit)
    ask(sending_app)
    work(sending_app)
    with sending_app.app_context():
        message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "confirmation"))
    assert message.status == "sent"
    assert len(smtp_server.to("sian@example.org")) == 1


def test_a_connection_lost_after_the_whole_email_went_is_never_sent_again_by_itself(sending_app, smtp_server):
    smtp_server.hang_up_after_next_message()
    ask(sending_app)
    for _ in range(3):  # later passes of the worker, long after any retry would be due
        work(sending_app)
    with sending_app.app_context():
        message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "confirmation"))
        assert message.status == "failed" and message.outcome_unknown
        assert "may have arrived" in message.last_error
    assert len(smtp_server.to("sian@example.org")) == 1  # it did arrive, once


def test_a_connection_lost_before_the_email_was_handed_over_is_retried(sending_app, smtp_server, monkeypatch):
    import smtplib

    real_data, calls = smtplib.SMTP.data, []

    def data_once_lost(self, msg):
        calls.append(1)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_data(self, msg)

    monkeypatch.setattr(smtplib.SMTP, "data", data_once_lost)
    ask(sending_app)
    work(sending_app)
    with sending_app.app_context():
        message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.purpose == "confirmation"))
        assert message.status == "queued" and not message.outcome_unknown
        assert "will retry" in message.last_error


def test_asking_again_after_changing_the_letter_sends_the_new_version_once(sending_app, smtp_server):
    ask(sending_app, body="First version of my letter.\n")
    ask(sending_app, body="Second version, after Change.\n")
    work(sending_app)
    assert "Second version, after Change." in text(smtp_server.to("sian@example.org")[-1])
    sending_app.test_client().post(confirm_link(smtp_server, index=0))  # even the older link sends the new text
    work(sending_app)
    [letter] = letters_to_mp(smtp_server)
    assert text(letter) == "Second version, after Change.\n"


def test_the_default_sender_on_localhost_works(make_app, smtp_server):
    settings = smtp_settings(smtp_server)
    del settings["ADVOCACY_MAIL_FROM"]  # default: Raise your voice <noreply@localhost>
    app = make_app(**settings)
    ask(app)
    work(app)
    [mail] = smtp_server.to("sian@example.org")
    assert mail["From"] == "Raise your voice <noreply@localhost>"
    assert mail.envelope.mail_from == "noreply@localhost"


def test_a_database_connection_lost_mid_batch_still_records_every_delivered_letter_as_sent_once(
        sending_app, smtp_server, monkeypatch):
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    from advocacy.sending import queue

    residents = [f"resident{number}@example.org" for number in range(4)]
    for number, email in enumerate(residents):
        ask(sending_app, key=f"draft-{number}", email=email)
    work(sending_app)
    client = sending_app.test_client()
    for email in residents:
        client.post(confirm_link(smtp_server, to=email))

    # The database goes away just after the SMTP server accepted the second letter of the batch.
    real_send, accepted, down = queue.send_email, [], threading.Event()

    def send_then_lose_the_database(*args, **kwargs):
        real_send(*args, **kwargs)
        accepted.append(kwargs["recipient"])
        if len(accepted) == 2:
            down.set()
    monkeypatch.setattr(queue, "send_email", send_then_lose_the_database)

    def connection_gone(*args, **kwargs):
        if down.is_set():
            raise OperationalError("(the worker's statement)", {}, Exception("server closed the connection"))

    with sending_app.app_context():
        event.listen(db.engine, "before_cursor_execute", connection_gone)
        try:
            with pytest.raises(OperationalError):
                run_pass()
        finally:
            down.clear()  # the database answers again
            event.remove(db.engine, "before_cursor_execute", connection_gone)
            db.session.rollback()
    assert len(letters_to_mp(smtp_server)) == 2

    work(sending_app, utcnow() + timedelta(hours=1))  # the next pass, long after the sending lease ran out
    assert len(letters_to_mp(smtp_server)) == 4  # every letter delivered once
    with sending_app.app_context():
        statuses = db.session.scalars(db.select(OutboxMessage.status).where(OutboxMessage.purpose == "letter")).all()
        assert statuses == ["sent"] * 4
        assert db.session.scalar(db.select(db.func.count()).select_from(Action)
                                 .where(Action.channel == "confirmed")) == 4
    work(sending_app, utcnow() + timedelta(hours=2))
    assert len(letters_to_mp(smtp_server)) == 4  # and never again
