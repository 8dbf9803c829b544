"""Campaign staff in a real browser: sign in by keyboard, see the new counts, every staff page accessible."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from advocacy.actions import Place, record_action
from tests.browser.steps import error_summary, fill_in, main_text, press_button, visit
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser

LEEDS = Place(constituency_code="E14001319", constituency_name="Leeds Central and Headingley",
              council_code="E08000035", council_name="Leeds", authority_code="E08000035",
              authority_name="Leeds", region="Yorkshire and The Humber", country="England")


@pytest.fixture
def admin(live_server):
    from advocacy.staff.accounts import create_staff

    with live_server.app.app_context():
        create_staff("admin@example.org", STAFF_PASSWORD, "admin")
    return "admin@example.org"


def sign_in(page, email: str, password: str = STAFF_PASSWORD) -> None:
    visit(page, "/staff/")  # redirected to sign-in
    fill_in(page, "Email address", email)
    fill_in(page, "Password", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submit from the keyboard, as a keyboard user would


def test_a_wrong_password_is_explained_and_the_page_stays_accessible(page, live_server, admin, axe, screenshot):
    sign_in(page, admin, "not the password at all")
    assert error_summary(page), "the sign-in error should be listed in the error summary"
    expect(page.get_by_label("Email address")).to_have_value(admin)  # what was typed is kept
    axe(page)
    screenshot(page, "sign-in-error")


def test_staff_sign_in_and_see_the_new_counts_on_the_dashboard(page, live_server, admin, axe, screenshot):
    with live_server.app.app_context():
        for n, channel in enumerate(("pdf", "pdf", "eml", "self_reported")):
            record_action(campaign="bright-futures", kind="letter_mp", channel=channel, place=LEEDS,
                          idempotency_key=f"browser-{n}")
    sign_in(page, admin)
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Dashboard for Bright Futures").click()
    text = main_text(page)
    assert "Leeds Central and Headingley" in text
    axe(page)
    screenshot(page, "dashboard")


@pytest.mark.parametrize("path", ["/staff/c/bright-futures/manage", "/staff/c/bright-futures/files/letter_mp.md",
                                  "/staff/c/bright-futures/files/letter_mp.md/history", "/staff/local-data",
                                  "/staff/privacy"])
def test_every_admin_page_has_no_accessibility_problems(page, live_server, admin, axe, screenshot, path):
    sign_in(page, admin)
    visit(page, path)
    axe(page)
    screenshot(page, path.strip("/").replace("/", "-"))


def test_the_local_data_upload_submitted_empty_shows_an_accessible_error(page, live_server, admin, axe, screenshot):
    sign_in(page, admin)
    visit(page, "/staff/local-data")
    press_button(page, "Upload and import")
    assert "Choose the CSV file to upload" in error_summary(page)
    axe(page)
    screenshot(page, "local-data-error")


def test_finding_no_personal_data_for_an_address_is_accessible(page, live_server, admin, axe, screenshot):
    sign_in(page, admin)
    visit(page, "/staff/privacy")
    press_button(page, "Find their records")
    assert "Enter the email address the person gave, like jo@example.org" in error_summary(page)
    axe(page)
    fill_in(page, "Their email address", "nobody@example.org")
    press_button(page, "Find their records")
    assert "We hold no personal data with that email address" in main_text(page)
    axe(page)
    screenshot(page, "privacy-nothing-held")
