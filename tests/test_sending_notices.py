"""Emails other features send through the queue, delivered to a real local SMTP server (aiosmtpd): the
"your new MP is known" reminder after a general election, "Send it for me" refused while Parliament is
dissolved, and a councillor's private motion report-back link."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from advocacy.db import db
from advocacy.sending import OutboxMessage, run_pass

from .conftest import smtp_settings
from .test_elections import CODES, TODAY, page_of, your_page
from .test_motions import CHECK, FIND, LEEDS, READY, create, page_text
from .test_send_for_me_journey import MP_EMAIL, ask_to_send, confirm_link, start_letter

CAMPAIGN = "/c/bright-futures"


def work(app) -> None:
    with app.app_context():
        run_pass()


def dissolution(days_ago: int = 3, until_in: int = 30) -> dict:
    return {"ADVOCACY_DISSOLUTION_FROM": (TODAY - dt.timedelta(days=days_ago)).isoformat(),
            "ADVOCACY_DISSOLUTION_UNTIL": (TODAY + dt.timedelta(days=until_in)).isoformat()}


def end_the_dissolution(app) -> None:
    app.config["ADVOCACY_DISSOLUTION_FROM"] = TODAY - dt.timedelta(days=40)
    app.config["ADVOCACY_DISSOLUTION_UNTIL"] = TODAY - dt.timedelta(days=1)


# --- new-MP reminders ---

def test_a_resident_who_asked_during_the_election_gets_one_email_naming_their_new_mp(make_lookup_app, smtp_server):
    from advocacy.privacy import export_person

    app = make_lookup_app(**smtp_settings(smtp_server), **dissolution())
    client = app.test_client()
    your_page(client)
    assert client.post(f"{CAMPAIGN}/you/remind", data={"remind-email": "sian@example.org"}).status_code == 302
    work(app)
    assert smtp_server.messages == []  # still dissolved: nobody to name yet

    end_the_dissolution(app)
    result = app.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])
    assert result.exit_code == 0, result.output
    work(app)

    [email] = smtp_server.to("sian@example.org")
    assert email["Subject"] == "The new MP for Leeds Central and Headingley is known"
    assert email["From"] == "Bright Futures campaign <letters@campaign.example>"
    assert email.get_content_type() == "text/plain" and email.get_content_charset() == "utf-8"
    body = email.get_content().replace("\r\n", "\n")
    assert "Your MP is now Alex Sobel, Labour (Co-op)." in body
    assert "https://voice.example/c/bright-futures\n" in body
    assert "This is the only reminder we send." in body
    assert app.test_client().get("/c/bright-futures").status_code == 200  # the link leads to the campaign

    work(app)
    work(app)
    assert len(smtp_server.to("sian@example.org")) == 1  # once, however often the worker runs
    with app.app_context():
        assert export_person("sian@example.org")["mp_reminders"] == []  # the address is forgotten


def test_nothing_is_sent_while_the_new_mp_is_not_known(make_lookup_app, smtp_server):
    app = make_lookup_app(**smtp_settings(smtp_server), **dissolution())
    client = app.test_client()
    your_page(client)
    client.post(f"{CAMPAIGN}/you/remind", data={"remind-email": "sian@example.org"})
    end_the_dissolution(app)  # the election is over, but no sync has found the new MPs yet
    work(app)
    assert smtp_server.messages == []
    with app.app_context():
        from advocacy.privacy import export_person

        assert len(export_person("sian@example.org")["mp_reminders"]) == 1  # still waiting, still kept


# --- "Send it for me" never sends to a former MP ---

REFUSAL = "Your letter has not been addressed to your former MP."


def dissolve(app) -> None:
    """Parliament is dissolved from today (configured, as staff would set it when the election is called)."""
    app.config["ADVOCACY_DISSOLUTION_FROM"] = TODAY - dt.timedelta(days=1)
    app.config["ADVOCACY_DISSOLUTION_UNTIL"] = TODAY + dt.timedelta(days=30)


def outbox(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(m.purpose, m.status) for m in db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id))]


def test_send_it_for_me_says_why_it_will_not_send_while_parliament_is_dissolved(send_app, smtp_server):
    client = send_app.test_client()
    outputs = start_letter(client)  # written before the dissolution
    dissolve(send_app)
    page = page_of(client.get(outputs + "-for-me"))
    assert "We cannot send letters to MPs at the moment" in page and REFUSAL in page
    assert 'name="email"' not in page  # no form to ask with
    response = ask_to_send(client, outputs)
    assert response.status_code == 200 and REFUSAL in page_of(response)
    work(send_app)
    assert outbox(send_app) == [] and smtp_server.messages == []  # no confirmation, no letter


def test_a_confirmation_link_opened_after_the_dissolution_sends_nothing_and_says_why(send_app, smtp_server):
    client = send_app.test_client()
    ask_to_send(client, start_letter(client))
    work(send_app)
    link = confirm_link(smtp_server)
    dissolve(send_app)
    page = page_of(client.get(link))
    assert "Your letter has not been sent" in page and REFUSAL in page
    assert ">Send my letter</button>" not in page
    client.post(link)  # pressing the button of a page opened earlier
    work(send_app)
    assert smtp_server.to(MP_EMAIL) == []
    assert ("letter", "awaiting_confirmation") in outbox(send_app)


def test_a_letter_confirmed_before_the_dissolution_but_not_yet_delivered_is_not_sent(send_app, smtp_server):
    client = send_app.test_client()
    outputs = start_letter(client)
    ask_to_send(client, outputs)
    work(send_app)
    client.post(confirm_link(smtp_server))  # confirmed; the worker has not run since
    dissolve(send_app)
    work(send_app)
    assert smtp_server.to(MP_EMAIL) == []
    assert ("letter", "failed") in outbox(send_app)
    with send_app.app_context():
        from advocacy.sending.oversight import failed_emails

        [failed] = failed_emails()
        assert failed.reason.startswith("Not sent: Parliament was dissolved before it went.")


# --- a councillor's motion report-back link by email ---


@pytest.fixture
def motions_mail_app(make_app, smtp_server):
    from tests.fixture_figures import load_fixture_figures
    from tests.fixture_figures import load_fixture_registers

    app = make_app(**smtp_settings(smtp_server))
    with app.app_context():
        load_fixture_figures()
        load_fixture_registers()
    return app


def test_the_councillor_gets_their_private_link_by_email_once_and_it_works(motions_mail_app, smtp_server):
    councillor = motions_mail_app.test_client()
    link = create(councillor, LEEDS)
    assert "We are also emailing this link to sam.patel@example.gov.uk" in page_text(councillor.get(READY))
    councillor.post(CHECK)  # "Create" pressed again: the same motion, no second email
    work(motions_mail_app)
    work(motions_mail_app)

    [email] = smtp_server.to("sam.patel@example.gov.uk")
    assert email["Subject"] == "Your private link to report on your motion at Leeds City Council"
    assert email["To"].addresses[0].display_name == "Cllr Sam Patel"
    assert email["Auto-Submitted"] == "auto-generated"
    body = email.get_content().replace("\r\n", "\n")
    assert "motion for Full Council at Leeds City Council" in body
    emailed = re.search(r"https://voice\.example(/motions/report/\S+)", body).group(1)
    assert emailed == link  # the same link the page showed
    other = motions_mail_app.test_client()  # opened from the email, in another browser
    assert "Report on your motion" in page_text(other.get(emailed))
    with motions_mail_app.app_context():
        [message] = db.session.scalars(db.select(OutboxMessage))
        assert emailed not in message.body  # the secret link is not kept once sent


def test_no_email_when_the_councillor_gives_no_address(motions_mail_app, smtp_server):
    councillor = motions_mail_app.test_client()
    create(councillor, LEEDS, email="")
    assert "emailing this link" not in page_text(councillor.get(READY))
    work(motions_mail_app)
    assert smtp_server.messages == []
    with motions_mail_app.app_context():
        assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0


def test_without_smtp_the_page_says_the_site_does_not_send_email(make_app):
    from tests.fixture_figures import load_fixture_figures
    from tests.fixture_figures import load_fixture_registers

    app = make_app()
    with app.app_context():
        load_fixture_figures()
        load_fixture_registers()
    councillor = app.test_client()
    form = page_text(councillor.get(f"{FIND}/{LEEDS}/motion"))
    assert "this site does not send email" in form and "Email address for your report-back link" not in form  # nothing to ask for
    create(councillor, LEEDS)
    page = page_text(councillor.get(READY))
    assert "sam.patel@example.gov.uk" not in page  # an address typed anyway is neither kept nor shown
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0
