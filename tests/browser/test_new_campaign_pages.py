"""A new campaign made on the staff pages, in a real browser: copied, checked, opened, and a resident writes a
letter in it, all on one running server (no restart)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.steps import (error_summary, fill_in, follow_link, horizontal_overflow, main_text, press_button,
                                 tick, visit)
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(make_live_server, fake_apis):
    """The app against the fake postcode and MP services, with the test figures and an admin."""
    from tests.fixture_figures import load_fixture_figures
    from advocacy.staff.accounts import create_staff

    server = make_live_server(ADVOCACY_POSTCODES_API_URL=fake_apis.postcodes_url,
                              ADVOCACY_MEMBERS_API_URL=fake_apis.members_url)
    with server.app.app_context():
        load_fixture_figures()
        create_staff("admin@example.org", STAFF_PASSWORD, "admin")
    return server


def sign_in(page) -> None:
    visit(page, "/staff/")
    fill_in(page, "Email address", "admin@example.org")
    fill_in(page, "Password", STAFF_PASSWORD)
    press_button(page, "Sign in")


def first_screen(page, folder, name: str) -> None:
    """The settings page of a copied campaign is long; its first screen is what the docs show, and is cheap
    to take on a busy machine."""
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png")


def test_staff_copy_a_campaign_open_it_and_a_resident_writes_a_letter_in_it(page, open_page, axe, screenshot,
                                                                            screenshot_dir):
    sign_in(page)
    follow_link(page, "New campaign")
    expect(page.get_by_role("heading", level=1)).to_have_text("New campaign")
    axe(page)
    screenshot(page, "new-campaign")
    tick(page, "A copy of Bright Futures: fund children's services properly")
    fill_in(page, "Title", "Winter appeal")
    fill_in(page, "Web address", "bright-futures")
    press_button(page, "Make the campaign")
    assert error_summary(page) == ["There is already a campaign at /c/bright-futures: choose another web address"]
    expect(page.get_by_label("Title")).to_have_value("Winter appeal")
    axe(page)
    fill_in(page, "Web address", "winter-appeal")
    press_button(page, "Make the campaign")

    expect(page.get_by_role("heading", level=1)).to_have_text("Settings of Winter appeal")
    axe(page)
    first_screen(page, screenshot_dir, "settings")
    fill_in(page, "Summary", "Keep children warm this winter: ask your MP to fund heating help.")
    page.locator("#asks-0-title").fill("Fund winter heating help")
    press_button(page, "Check")
    expect(page.get_by_text("No problems found")).to_be_visible()
    expect(page.locator("[data-version=edited]").first).to_contain_text("Fund winter heating help")
    axe(page)
    first_screen(page, screenshot_dir, "settings-checked")
    press_button(page, "Save")

    expect(page.get_by_text("Saved the campaign's settings")).to_be_visible()
    tick(page, "Open now, whatever the dates say")
    press_button(page, "Save")
    expect(page.get_by_text("The campaign is open.")).to_be_visible()
    axe(page)

    resident = open_page()
    visit(resident, "/c/winter-appeal")
    expect(resident.get_by_role("heading", level=1)).to_contain_text("Winter appeal")
    fill_in(resident, "Postcode", "LS1 1UR")
    press_button(resident, "Find my MP and council")
    follow_link(resident, "Write to your MP")
    fill_in(resident, "Your full name", "Siân O'Brien")
    fill_in(resident, "Your address", "1 Example Street\nLeeds")
    press_button(resident, "Preview your letter")
    expect(resident.get_by_role("heading", level=1)).to_have_text("Check your letter")
    assert "Fund winter heating help" in main_text(resident)
    axe(resident)
    screenshot(resident, "resident-preview")
    follow_link(resident, "This is right: get my letter")
    expect(resident.get_by_role("heading", level=1)).to_contain_text("Send your letter to Alex Sobel")


@pytest.mark.parametrize("path", ["/staff/campaigns/new", "/staff/c/bright-futures/settings"])
def test_the_new_campaign_pages_fit_a_phone(phone_page, axe, screenshot, path):
    sign_in(phone_page)
    visit(phone_page, path)
    assert horizontal_overflow(phone_page) == 0
    axe(phone_page)
    screenshot(phone_page, "phone-" + path.strip("/").replace("/", "-"))
