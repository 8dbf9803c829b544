""""Send it for me" in a real browser with JavaScript off: ask from the letter page, confirm from the emailed
link, see the status, answer the follow-up, and staff's sending pages; every page checked with axe."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from advocacy.actions.models import utcnow
from advocacy.db import db
from tests.browser.steps import error_summary, fill_in, main_text, press_button, tick, visit
from tests.conftest import STAFF_PASSWORD, smtp_settings

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
LOOKUP = {"postcode": "LS1 1UR", "country": "England", "region": "Yorkshire and The Humber",
          "constituency": {"name": "Leeds Central and Headingley", "code": "E14001331"},
          "mp": {"name": "Alex Sobel", "party": "Labour (Co-op)", "email": "alex.sobel.mp@parliament.uk",
                 "member_id": 4658},
          "council": {"name": "Leeds", "code": "E08000035"}, "authority": {"name": "Leeds", "code": "E08000035"}}


@pytest.fixture
def live_server(make_live_server, smtp_server, tmp_path):
    from advocacy.letters import Answers, save_draft
    from tests.fixture_figures import load_fixture_figures
    from advocacy.campaigns import get_campaign

    folder = tmp_path / "campaigns"
    shutil.copytree(ROOT / "letters", folder)
    toml = folder / "bright-futures" / "campaign.toml"
    toml.write_text(toml.read_text().replace("send_for_me = false", "send_for_me = true"))
    settings = smtp_settings(smtp_server)
    settings.pop("ADVOCACY_PUBLIC_URL")  # links in emails come back to the live server
    live = make_live_server(ADVOCACY_CAMPAIGNS_DIR=str(folder), **settings)
    with live.app.test_request_context():
        load_fixture_figures()
        draft = save_draft(get_campaign("bright-futures"), "letter_mp",
                           Answers(name="Siân O'Brien", address_lines=["1 Example Street", "Leeds"],
                                   postcode="LS1 1UR", email="sian@example.org", asks=["fund"]), LOOKUP)
        live.outputs = f"/c/bright-futures/letter/d/{draft.public_id}/send"
    return live


def work(live, now=None):
    from advocacy.sending import run_pass

    with live.app.app_context():
        run_pass(now)


def emailed_link(server, pattern: str, to: str = "sian@example.org") -> str:
    body = server.to(to)[-1].get_content()
    return re.search(pattern, body).group(0)


def test_a_resident_sends_their_letter_by_confirming_their_email(no_js_page, live_server, smtp_server, axe,
                                                                 screenshot):
    page = no_js_page
    visit(page, live_server.outputs)
    axe(page)
    fill_in(page, "Your email address", "not an email")
    press_button(page, "Send it for me")
    assert error_summary(page)
    axe(page)
    screenshot(page, "email-error")
    fill_in(page, "Your email address", "sian@example.org")
    tick(page, "Ask me once, later, whether my MP replied")
    press_button(page, "Send it for me")
    assert "Waiting for you to confirm" in main_text(page)
    axe(page)
    screenshot(page, "status-waiting")

    work(live_server)
    visit(page, emailed_link(smtp_server, r"http://127\.0\.0\.1:\d+/send/confirm/\S+"))
    axe(page)
    screenshot(page, "confirm")
    press_button(page, "Send my letter")
    work(live_server)
    page.reload()
    assert "Sent to your MP" in main_text(page)
    assert len(smtp_server.to("alex.sobel.mp@parliament.uk")) == 1
    axe(page)
    screenshot(page, "status-sent")

    with live_server.app.app_context():
        from advocacy.sending import OutboxMessage

        db.session.execute(db.update(OutboxMessage).where(OutboxMessage.purpose == "letter")
                           .values(sent_at=utcnow() - timedelta(days=15)))
        db.session.commit()
    work(live_server)
    visit(page, emailed_link(smtp_server, r"http://127\.0\.0\.1:\d+/send/reply/\S+answer=yes"))
    axe(page)
    press_button(page, "Confirm: Yes, my MP replied")
    assert "We have recorded your answer: Yes, my MP replied" in main_text(page)
    axe(page)
    screenshot(page, "reply-recorded")


def test_staff_sending_and_reply_pages_are_accessible(page, live_server, smtp_server, axe, screenshot):
    from advocacy.staff.accounts import create_staff

    with live_server.app.app_context():
        create_staff("viewer@example.org", STAFF_PASSWORD, "viewer")
    visit(page, "/staff/")
    fill_in(page, "Email address", "viewer@example.org")
    fill_in(page, "Password", STAFF_PASSWORD)
    press_button(page, "Sign in")
    for path in ("/staff/sending", "/staff/c/bright-futures/replies"):
        visit(page, path)
        axe(page)
        screenshot(page, path.strip("/").replace("/", "-"))
