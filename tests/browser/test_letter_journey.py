"""The letter journey in a real browser: by keyboard only, without JavaScript, on a phone, and checked
with axe on every page (form, its error state, preview, outputs, thank you)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PHONE
from tests.browser.steps import (
    button, elements_wider_than_window, error_summary, field, field_error, fill_in, follow_link,
    horizontal_overflow, is_focused, link, press_button, tab_to, visit,
)

pytestmark = pytest.mark.browser

CAMPAIGN = "/c/bright-futures"
MP = "Alex Sobel"


@pytest.fixture
def live_server(make_live_server, fake_apis):
    """The app against the fake postcode and MP services, with the sample local figures loaded."""
    from tests.fixture_figures import load_fixture_figures

    server = make_live_server(ADVOCACY_POSTCODES_API_URL=fake_apis.postcodes_url,
                              ADVOCACY_MEMBERS_API_URL=fake_apis.members_url)
    with server.app.app_context():
        load_fixture_figures()
    return server


def start_letter(page, postcode: str = "LS1 1UR") -> None:
    visit(page, CAMPAIGN)
    fill_in(page, "Postcode", postcode)
    press_button(page, "Find my MP and council")
    follow_link(page, "Write to your MP")


def fill_letter(page) -> None:
    fill_in(page, "Your full name", "Siân O'Brien")
    fill_in(page, "Your address", "1 Example Street\nLeeds")
    fill_in(page, "Your email address", "sian@example.org")


def keyboard_type(page, locator, text: str) -> None:
    tab_to(page, locator)
    page.keyboard.type(text)


def test_a_resident_writes_to_their_mp_by_keyboard_and_downloads_the_pdf(page, axe, screenshot, tmp_path):
    visit(page, CAMPAIGN)
    keyboard_type(page, field(page, "Postcode"), "LS1 1UR")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text(f"Your MP is {MP}")).to_be_visible()
    tab_to(page, link(page, "Write to your MP"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Write to your MP")
    keyboard_type(page, field(page, "Your full name"), "Siân O'Brien")
    tab_to(page, field(page, "Your address"))
    page.keyboard.type("1 Example Street")
    page.keyboard.press("Enter")  # a new line in the address box, not a submit
    page.keyboard.type("Leeds")
    keyboard_type(page, field(page, "Your email address"), "sian@example.org")
    tab_to(page, field(page, "Long-term funding, not short-term pots"))
    page.keyboard.press("Space")  # untick one ask
    keyboard_type(page, field(page, "Why it matters to you"), "Early help kept our family together.")
    tab_to(page, button(page, "Preview your letter"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your letter")
    expect(page.get_by_text("Early help kept our family together.")).to_be_visible()
    axe(page)
    screenshot(page, "preview")
    tab_to(page, link(page, "This is right: get my letter"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Send your letter to {MP}")
    axe(page)
    screenshot(page, "outputs")
    tab_to(page, link(page, "Download the letter (PDF)"))
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    text = " ".join(PdfReader(saved).pages[0].extract_text().split())
    assert f"{MP} MP" in text and "1 Example Street" in text

    tab_to(page, button(page, "I've sent it"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for raising your voice")
    expect(page.get_by_text("Yours is the first letter written for")).to_be_visible()
    expect(link(page, "Share on WhatsApp")).to_be_visible()
    axe(page)
    screenshot(page, "thanks")


def test_the_email_draft_link_is_a_well_formed_mailto(page, live_server):
    start_letter(page)
    fill_letter(page)
    press_button(page, "Preview your letter")
    follow_link(page, "This is right: get my letter")
    href = page.locator("#email-link").get_attribute("href")
    answer = page.request.get(href, max_redirects=0)
    assert answer.status == 302
    mailto = answer.headers["location"]
    parts = urlsplit(mailto)
    assert parts.scheme == "mailto" and parts.path == "alex.sobel.mp@parliament.uk"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert set(query) == {"subject", "body"} and query["subject"][0]
    assert " " not in mailto and "\n" not in mailto


def test_the_letter_form_error_state_is_accessible_and_keeps_what_was_typed(page, axe, screenshot):
    start_letter(page)
    axe(page)
    screenshot(page, "form")
    fill_in(page, "Your full name", "")
    fill_in(page, "Why it matters to you", "x" * 2001)
    fill_in(page, "Your email address", "sian@example.org")
    for ask in page.locator("input[name=asks]").all():
        ask.uncheck()
    press_button(page, "Preview your letter")
    assert error_summary(page) == [
        "Enter your full name, as you would sign a letter",
        "Enter your address: house number and street, and town. Your MP needs it to know you live in their "
        "constituency",
        "Choose at least one thing to ask for",
        "Your own words must be 2,000 characters or fewer. You have 2,001: shorten them by 1.",
    ]
    assert field_error(page, "Your full name") == "Enter your full name, as you would sign a letter"
    assert field(page, "Your email address").input_value() == "sian@example.org"
    axe(page)
    screenshot(page, "form-errors")
    link(page, "Enter your full name, as you would sign a letter").click()
    assert is_focused(field(page, "Your full name"))


def test_the_journey_works_without_javascript(no_js_page, tmp_path):
    page = no_js_page
    start_letter(page)
    fill_letter(page)
    press_button(page, "Preview your letter")
    follow_link(page, "Change your letter")
    assert field(page, "Your full name").input_value() == "Siân O'Brien"
    fill_in(page, "Your full name", "Siân Jones")
    press_button(page, "Preview your letter")
    expect(page.get_by_text("Siân Jones").first).to_be_visible()
    follow_link(page, "This is right: get my letter")
    expect(page.locator("#letter-text")).to_contain_text("Dear Alex Sobel,")
    with page.expect_download() as info:
        link(page, "Download the letter (PDF)").click()
    assert info.value.suggested_filename.endswith(".pdf")
    press_button(page, "I've sent it")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for raising your voice")


def test_the_letter_pages_fit_a_375_pixel_phone(open_page, axe, screenshot):
    phone = open_page(viewport=PHONE)
    start_letter(phone)
    for name in ("form", "preview", "outputs", "thanks"):
        if name == "preview":
            fill_letter(phone)
            press_button(phone, "Preview your letter")
        elif name == "outputs":
            follow_link(phone, "This is right: get my letter")
        elif name == "thanks":
            press_button(phone, "I've sent it")
        screenshot(phone, f"{name}-phone")
        assert horizontal_overflow(phone) <= 0, (name, elements_wider_than_window(phone))
        axe(phone)  # target sizes and reflow matter most on a phone


def test_the_council_letter_pages_are_accessible(page, axe, screenshot):
    visit(page, CAMPAIGN)
    fill_in(page, "Postcode", "BR6 7NZ")
    press_button(page, "Find my MP and council")
    follow_link(page, "Write to your council")
    expect(page.get_by_text("Your letter is to the Leader of Kent")).to_be_visible()
    fill_in(page, "Your full name", "Sam Patel")
    fill_in(page, "Your address", "1 High Street\nOrpington")
    press_button(page, "Preview your letter")
    expect(page.get_by_text("Dear Council Leader")).to_be_visible()
    follow_link(page, "This is right: get my letter")
    expect(link(page, "GOV.UK: find your local council")).to_be_visible()
    axe(page)
    screenshot(page, "council-outputs")
