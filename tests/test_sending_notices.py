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
