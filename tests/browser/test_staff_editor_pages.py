"""Campaign staff editing a template in a real browser: a typo explained in plain words with its line,
the letter for a Northern Ireland example, and a failed email retried against a real SMTP server."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.steps import field, main_text, press_button, visit
from tests.conftest import STAFF_PASSWORD, smtp_settings

pytestmark = pytest.mark.browser

EDITOR = "/staff/c/bright-futures/files/letter_mp.md"


def sign_in(page, live_server, role: str = "admin") -> None:
    from advocacy.staff.accounts import create_staff

    with live_server.app.app_context():
        create_staff(f"{role}@example.org", STAFF_PASSWORD, role)
    visit(page, "/staff/")
    field(page, "Email address").fill(f"{role}@example.org")
    field(page, "Password").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def site_with_figures(live_server):
    from advocacy.data.load import load_release

    with live_server.app.app_context():
        load_release()
    return live_server


def test_a_typo_in_a_template_is_explained_with_its_line(page, site_with_figures, axe, screenshot):
    sign_in(page, site_with_figures)
    visit(page, EDITOR)
    box = field(page, "Text")
    # The letter says it in each nation's paragraph; the example council (England) renders the second one.
    text = box.input_value().replace("{{ local.section47.sentence }}", "{{ local.section74.sentence }}")
    line = [n for n, row in enumerate(text.splitlines(), 1) if "section74" in row][-1]
    box.fill(text)
    press_button(page, "Preview")
    [problem] = [text.strip() for text in page.locator("#live-problems li").all_inner_texts()]
    assert problem.startswith(f"bright-futures/letter_mp.md, line {line}: there is no `local.section74`; "
                              "did you mean `local.section47`?")
    expect(page.get_by_role("alert")).to_contain_text("This cannot be saved yet")
    assert "section74" in field(page, "Text").input_value()  # nothing typed is lost
    axe(page)
    screenshot(page, "typo-explained")


def test_the_plain_message_appears_while_typing(page, site_with_figures):
    sign_in(page, site_with_figures)
    visit(page, EDITOR)
    field(page, "Text").fill("Dear {{ mp.name }},\n\nI live in {{ constituency name }}.\n")
    expect(page.locator("#live-problems")).to_contain_text(
        "line 3: this placeholder has a space or a missing dot in it", timeout=10_000)


def test_choosing_northern_ireland_shows_that_letter_beside_the_published_one(page, site_with_figures, axe,
                                                                              screenshot):
    sign_in(page, site_with_figures)
    visit(page, EDITOR)
    field(page, "Example council").select_option(label="Belfast City Council (Northern Ireland)")
    preview = page.locator("#live-preview")
    expect(preview).to_contain_text("Preview for Belfast City Council (Northern Ireland)", timeout=10_000)
    expect(preview).to_contain_text("Dear Claire Hanna,")
    expect(page.locator("#live-placeholders")).to_contain_text("Claire Hanna")
    axe(page)
    screenshot(page, "northern-ireland-desktop")


def test_the_editor_with_its_preview_fits_a_phone(phone_page, site_with_figures, axe, screenshot):
    sign_in(phone_page, site_with_figures)
    visit(phone_page, EDITOR + "?example=northern-ireland")
    press_button(phone_page, "Preview")
    assert "Preview for Belfast City Council (Northern Ireland)" in main_text(phone_page)
    axe(phone_page)
    screenshot(phone_page, "northern-ireland-phone")


@pytest.fixture
def live_server(make_live_server, smtp_server):
    return make_live_server(**smtp_settings(smtp_server))


def test_an_admin_retries_a_failed_email_and_it_is_delivered(page, live_server, smtp_server, axe, screenshot):
    from advocacy.sending import Recipient, confirm_request, request_send, run_pass
    from advocacy.sending.tokens import issue_token  # noqa: F401  (the link is read from the email below)

    mp = Recipient(name="Alex Sobel MP", email="alex.sobel.mp@parliament.example", member_id=4658)
    with live_server.app.app_context():
        request_send(campaign="bright-futures", campaign_title="Bright Futures", submission_key="browser-1",
                     resident_name="Siân O'Brien", resident_email="sian@example.org", recipient=mp,
                     subject="Children's services need your support", body="Dear Alex Sobel,\n\nPlease help.\n")
        run_pass()
        token = smtp_server.to("sian@example.org")[-1].get_content().split("/send/confirm/")[1].split()[0]
        confirm_request(token)
        smtp_server.fail_next("550 5.1.1 No such mailbox here")
        run_pass()
    assert smtp_server.to(mp.email) == []

    sign_in(page, live_server)
    visit(page, "/staff/sending")
    assert "550 5.1.1 No such mailbox here" in main_text(page)
    axe(page)
    screenshot(page, "failed-email")
    with page.expect_navigation():
        page.get_by_role("button", name="Retry the email “Children's services need your support”").click()
    assert "The email is queued again" in main_text(page)
    with live_server.app.app_context():
        run_pass()
    assert len(smtp_server.to(mp.email)) == 1
    visit(page, "/staff/sending")
    assert "No failed emails." in main_text(page)
    axe(page)
    screenshot(page, "after-retry")


def test_an_admin_deletes_a_councils_rules_and_sees_them_in_the_history(page, live_server, axe, screenshot):
    import datetime as dt

    from advocacy.councilrules import RulesInput, save_rules

    with live_server.app.app_context():
        save_rules(RulesInput("E08000035", "Leeds City Council", 10, "working", True,
                              "democratic.services@leeds.gov.uk", [dt.date(2027, 1, 21)]), by="someone@example.org")
    sign_in(page, live_server)
    visit(page, "/staff/council-rules/E08000035/delete")
    assert "21 January 2027" in main_text(page)
    axe(page)
    press_button(page, "Delete these rules")
    text = main_text(page)
    assert "Deleted the rules of Leeds City Council" in text and "2027-01-21" in text
    axe(page)
    screenshot(page, "rules-history")
