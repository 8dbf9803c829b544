""""Send it for me" on the letter page, end to end: the letter journey against the fake postcode and MP
services, delivery through a real local SMTP server (aiosmtpd), the rate limits and duplicate rule."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from advocacy.actions import Action
from advocacy.db import db
from advocacy.letters import public_count
from advocacy.sending import run_pass

from .conftest import smtp_settings
from .test_letters import CAMPAIGN, look_up, page_of, write

ROOT = Path(__file__).resolve().parent.parent
MP_EMAIL = "alex.sobel.mp@parliament.uk"


def start_letter(client, **changes) -> str:
    """Look up LS1 1UR and write the letter to the MP; returns the outputs page's path."""
    look_up(client)
    response = write(client, **changes)
    assert response.status_code == 302, page_of(response)
    return response.headers["Location"].rstrip("/") + "/send"


def ask_to_send(client, outputs: str, email: str = "sian@example.org"):
    return client.post(outputs + "-for-me", data={"email": email})


def work(app):
    with app.app_context():
        run_pass()


def confirm_link(server, to: str = "sian@example.org") -> str:
    body = server.to(to)[-1].get_content()
    return re.search(r"https://voice\.example(/send/confirm/\S+)", body).group(1)


def sent_actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(a.kind, a.channel) for a in db.session.scalars(db.select(Action).where(
            Action.channel.in_(("sent", "confirmed"))))]


def test_send_it_for_me_is_offered_only_when_the_campaign_opts_in_and_smtp_is_set(make_send_app):
    opted_in = make_send_app().test_client()
    page = page_of(opted_in.get(start_letter(opted_in)))
    assert "Send it for me" in page and 'value="sian@example.org"' in page  # the email they gave is filled in

    not_opted = make_send_app(opt_in=False).test_client()
    outputs = start_letter(not_opted)
    assert "Send it for me" not in page_of(not_opted.get(outputs))
    assert ask_to_send(not_opted, outputs).status_code == 404

    no_smtp = make_send_app(ADVOCACY_SMTP_HOST="").test_client()
    assert "Send it for me" not in page_of(no_smtp.get(start_letter(no_smtp)))


def test_a_resident_confirms_and_the_letter_goes_to_their_mp_from_the_campaign(send_app, smtp_server):
    client = send_app.test_client()
    outputs = start_letter(client)
    response = ask_to_send(client, outputs)
    assert response.status_code == 302 and response.headers["Location"].startswith("/send/status/")
    status_page = page_of(client.get(response.headers["Location"]))
    assert "We have emailed you a link" in status_page and "Waiting for you to confirm" in status_page

    work(send_app)
    assert smtp_server.to(MP_EMAIL) == []  # nothing to the MP before confirmation
    assert sent_actions(send_app) == []
    [confirmation] = smtp_server.to("sian@example.org")
    assert "Alex Sobel MP" in confirmation["Subject"]

    client.post(confirm_link(smtp_server))
    assert "Confirmed: your letter is on its way" in page_of(client.get(outputs))
    work(send_app)
    [letter] = smtp_server.to(MP_EMAIL)
    assert letter.envelope.rcpt_tos == [MP_EMAIL]
    assert letter["From"].addresses[0].addr_spec == "letters@campaign.example"
    assert letter["From"].addresses[0].display_name == "Siân O'Brien via Bright Futures campaign"
    assert letter["Reply-To"] == "sian@example.org"
    assert letter["To"].addresses[0].display_name == "Alex Sobel MP"
    assert letter.get_content_charset() == "utf-8"
    body = letter.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear Alex Sobel,")
    assert "Siân O'Brien\n1 Example Street\nLeeds\nLS1 1UR\nsian@example.org" in body  # full name and address
    assert "My nephew waited a year for help." in body
    assert "Sent to your MP" in page_of(client.get(outputs))
    assert sent_actions(send_app) == [("letter_mp", "confirmed")]
    with send_app.app_context():
        assert public_count("bright-futures") == 1  # counted as the same letter as its PDF or draft


def test_the_subject_is_the_one_chosen_for_the_letter(send_app, smtp_server):
    from advocacy.letters import LetterDraft

    client = send_app.test_client()
    ask_to_send(client, start_letter(client))
    work(send_app)
    client.post(confirm_link(smtp_server))
    work(send_app)
    [letter] = smtp_server.to(MP_EMAIL)
    with send_app.app_context():
        assert letter["Subject"] == db.session.scalar(db.select(LetterDraft.subject))


def test_asking_again_or_confirming_twice_sends_one_letter(send_app, smtp_server):
    client = send_app.test_client()
    outputs = start_letter(client)
    ask_to_send(client, outputs)
    ask_to_send(client, outputs)  # "send me a new link"
    work(send_app)
    link = confirm_link(smtp_server)
    client.post(link)
    client.post(link)
    again = ask_to_send(client, outputs)  # asked once more after confirming: shown where the letter is
    assert "Confirmed: your letter is on its way" in page_of(client.get(again.headers["Location"]))
    for _ in range(3):
        work(send_app)
    assert len(smtp_server.to(MP_EMAIL)) == 1
    assert sent_actions(send_app) == [("letter_mp", "confirmed")]


def test_a_second_letter_from_the_same_email_is_stopped_and_explained_only_in_the_email(send_app, smtp_server):
    client = send_app.test_client()
    ask_to_send(client, start_letter(client))
    work(send_app)
    client.post(confirm_link(smtp_server))
    other = send_app.test_client()
    page = page_of(ask_to_send(other, start_letter(other, personal="A second letter."), "SIAN@example.org"))
    assert "already" not in page
    work(send_app)
    assert len(smtp_server.to(MP_EMAIL)) == 1
    explained = smtp_server.to("SIAN@example.org")[-1].get_content()
    assert "You have already written to Alex Sobel MP for this campaign" in explained
    assert "/send/confirm/" not in explained  # nothing to confirm: no second letter can be sent


def test_send_it_for_me_answers_the_same_whether_or_not_the_address_was_used(send_app, smtp_server):
    owner = send_app.test_client()
    ask_to_send(owner, start_letter(owner))
    work(send_app)
    owner.post(confirm_link(smtp_server))

    def stranger_asks(email: str) -> tuple[int, str]:
        stranger = send_app.test_client()
        response = ask_to_send(stranger, start_letter(stranger), email)
        assert response.status_code == 302
        status_page = page_of(stranger.get(response.headers["Location"]))
        return response.status_code, re.sub(r"/send/status/[\w-]+", "", status_page)

    assert stranger_asks("sian@example.org") == stranger_asks("unused@example.org")


@pytest.mark.parametrize("email, message", [
    ("", "Enter your email address"),
    ("not-an-email", "The email address is not a valid email address"),
    ("sian@example.org\r\nBcc: everyone@example.org", "line break"),
])
def test_a_bad_email_address_is_explained_and_kept(send_app, smtp_server, email, message):
    client = send_app.test_client()
    response = ask_to_send(client, start_letter(client), email)
    page = page_of(response)
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    if email.strip() and "\n" not in email:
        assert f'value="{email}"' in page
    work(send_app)
    assert smtp_server.envelopes == []


def test_too_many_requests_for_one_email_address_get_a_plain_language_page(make_send_app):
    app = make_send_app(ADVOCACY_SEND_LIMIT_PER_EMAIL="2 per day")
    client = app.test_client()
    outputs = start_letter(client)
    for _ in range(2):
        assert ask_to_send(client, outputs).status_code == 302
    blocked = ask_to_send(client, outputs)
    assert blocked.status_code == 429
    page = page_of(blocked)
    assert "To protect MPs' inboxes from floods of email" in page and "send your letter yourself" in page
    assert ask_to_send(client, outputs, "someone.else@example.org").status_code != 429  # other addresses still work


def test_sub_addresses_and_capitals_of_one_mailbox_share_the_per_email_limit(make_send_app):
    app = make_send_app(ADVOCACY_SEND_LIMIT_PER_EMAIL="2 per day")
    client = app.test_client()
    outputs = start_letter(client)
    assert ask_to_send(client, outputs, "sian+a@example.org").status_code == 302
    assert ask_to_send(client, outputs, "Sian+b@Example.org").status_code == 302
    assert ask_to_send(client, outputs, "SIAN@example.org").status_code == 429


def test_a_sub_address_of_a_mailbox_that_already_wrote_does_not_send_a_second_letter(send_app, smtp_server):
    client = send_app.test_client()
    ask_to_send(client, start_letter(client), "sian@example.org")
    work(send_app)
    client.post(confirm_link(smtp_server))
    other = send_app.test_client()
    ask_to_send(other, start_letter(other, personal="Again."), "sian+again@example.org")
    work(send_app)
    assert "/send/confirm/" not in smtp_server.to("sian+again@example.org")[-1].get_content()
    assert len(smtp_server.to(MP_EMAIL)) == 1


def test_too_many_requests_from_one_address_are_limited_too(make_send_app):
    app = make_send_app(ADVOCACY_SEND_LIMIT_PER_IP="2 per hour")
    client = app.test_client()
    outputs = start_letter(client)
    ask_to_send(client, outputs, "a@example.org")
    ask_to_send(client, outputs, "b@example.org")
    assert ask_to_send(client, outputs, "c@example.org").status_code == 429
    assert client.get(outputs.replace("/send", "/send-for-me")).status_code == 200  # only asking is limited
