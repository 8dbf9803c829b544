"""The motion journey with council rules in a real browser: the deadline panel, the past-deadline error,
the seconder's page and the ready page's seconder and evidence sections, all checked with axe."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from advocacy.councilrules import RulesInput, london_today, save_rules
from tests.browser.steps import error_summary, fill_in, fill_in_date, main_text, press_button, tick, visit

pytestmark = pytest.mark.browser

LEEDS = "E08000035"
FORM = f"/c/bright-futures/councillors/{LEEDS}/motion"


@pytest.fixture
def live_server(make_live_server):
    from tests.fixture_figures import load_fixture_figures
    from tests.fixture_figures import load_fixture_registers

    server = make_live_server()
    with server.app.app_context():
        load_fixture_figures()
        load_fixture_registers()
        today = london_today()
        save_rules(RulesInput(council_code=LEEDS, council_name="Leeds City Council", notice_days=10,
                              notice_kind="working", seconder_required=True,
                              democratic_services_email="democratic.services@leeds.gov.uk",
                              meetings=[today + dt.timedelta(days=3), today + dt.timedelta(days=45)]), by="test")
    return server


def test_deadlines_seconder_and_evidence_pages_are_accessible(page, live_server, axe, screenshot):
    visit(page, FORM)
    assert "notice must reach democratic services by" in main_text(page)
    axe(page)
    screenshot(page, "motion-form-with-deadlines")

    too_soon = london_today() + dt.timedelta(days=3)
    fill_in(page, "Proposer's name", "Cllr Sam Patel")
    fill_in(page, "Proposer's ward", "Little London and Woodhouse")
    fill_in_date(page, "Date of the meeting", too_soon)
    press_button(page, "Continue")
    assert any("had to reach democratic services by" in problem for problem in error_summary(page))
    axe(page)
    screenshot(page, "motion-form-past-deadline")

    fill_in_date(page, "Date of the meeting", london_today() + dt.timedelta(days=45))
    press_button(page, "Continue")
    press_button(page, "Create the motion")
    press_button(page, "Create a link for your seconder")
    text = main_text(page)
    assert "Leeds City Council needs a seconder to sign the motion." in text
    assert "Download the evidence pack (PDF)" in text
    axe(page)
    screenshot(page, "ready-with-seconder-link")

    link = re.search(r"https?://\S+/motions/second/\S+", text).group(0)
    visit(page, "/" + link.split("/", 3)[3])
    press_button(page, "Confirm I second this motion")
    assert any("Tick the box" in problem for problem in error_summary(page))
    axe(page)
    fill_in(page, "Your name", "Cllr Jo Green")
    fill_in(page, "Your ward", "Headingley")
    tick(page, "I agree to second this motion")
    press_button(page, "Confirm I second this motion")
    assert "You confirmed as seconder" in main_text(page)
    axe(page)
    screenshot(page, "seconder-confirmed")


def test_emailing_the_motion_and_the_reminder_are_accessible(make_live_server, smtp_server, page, axe, screenshot):
    from tests.fixture_figures import load_fixture_figures
    from tests.fixture_figures import load_fixture_registers

    server = make_live_server(ADVOCACY_SMTP_HOST="127.0.0.1", ADVOCACY_SMTP_PORT=str(smtp_server.port),
                              ADVOCACY_SMTP_STARTTLS="false")
    meeting = london_today() + dt.timedelta(days=45)
    with server.app.app_context():
        load_fixture_figures()
        load_fixture_registers()
        save_rules(RulesInput(council_code=LEEDS, council_name="Leeds City Council", notice_days=10,
                              notice_kind="working", seconder_required=False,
                              democratic_services_email="democratic.services@leeds.gov.uk", meetings=[meeting]),
                   by="test")
    page.goto(server.url + FORM)
    fill_in(page, "Proposer's name", "Cllr Sam Patel")
    fill_in(page, "Proposer's ward", "Little London and Woodhouse")
    press_button(page, "Continue")
    press_button(page, "Create the motion")
    press_button(page, "Email the motion to democratic services")  # no address typed yet
    assert any("Enter your email address" in problem for problem in error_summary(page))
    axe(page)
    screenshot(page, "send-motion-error")
    page.get_by_label("Your email address").first.fill("sam.patel@example.gov.uk")
    press_button(page, "Email the motion to democratic services")
    assert "Queued to be emailed to Leeds City Council's democratic services" in main_text(page)
    page.get_by_label("Your email address").fill("sam.patel@example.gov.uk")
    press_button(page, "Email me a reminder")
    assert "We will email you a reminder two days before the deadline" in main_text(page)
    axe(page)
    screenshot(page, "motion-emails-queued")
