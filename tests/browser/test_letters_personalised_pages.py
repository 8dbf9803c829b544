"""The letter form's prompts and the similarity meter in a real browser: checked with axe, on a phone,
without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE
from tests.browser.steps import (
    elements_wider_than_window, fill_in, follow_link, horizontal_overflow, main_text, press_button, visit,
)
from tests.conftest import GOVUK_SLUGS

pytestmark = pytest.mark.browser
CAMPAIGN = "/c/bright-futures"


@pytest.fixture
def live_server(make_live_server, fake_apis):
    from tests.fixture_figures import load_fixture_figures

    server = make_live_server(ADVOCACY_POSTCODES_API_URL=fake_apis.postcodes_url,
                              ADVOCACY_MEMBERS_API_URL=fake_apis.members_url,
                              ADVOCACY_GOVUK_API_URL=fake_apis.govuk_url,
                              ADVOCACY_COUNCIL_SLUGS_CSV=str(GOVUK_SLUGS))
    with server.app.app_context():
        load_fixture_figures()
    return server


def write_letter(page, personal: str = "") -> None:
    visit(page, CAMPAIGN)
    fill_in(page, "Postcode", "LS1 1UR")
    press_button(page, "Find my MP and council")
    follow_link(page, "Write to your MP")
    fill_in(page, "Your full name", "Siân O'Brien")
    fill_in(page, "Your address", "1 Example Street\nLeeds")
    if personal:
        fill_in(page, "Why it matters to you", personal)
    press_button(page, "Preview your letter")


def test_the_meter_warns_a_writer_whose_letter_matches_one_already_sent(open_page, axe, screenshot):
    first = open_page(javascript=False)
    write_letter(first)
    assert "Yours is the first letter from this campaign to Alex Sobel" in main_text(first)
    follow_link(first, "This is right: get my letter")
    first.goto(first.url.rsplit("/send", 1)[0] + "/letter.txt")  # the letter leaves the app

    second = open_page(javascript=False)
    write_letter(second)
    text = main_text(second)
    assert "the same as another letter already sent to Alex Sobel" in text
    assert "Add a sentence of your own" in text
    axe(second)
    screenshot(second, "meter-warning")
    follow_link(second, "This is right: get my letter")  # warned, never blocked
    assert "/send" in second.url


def test_the_prompts_and_the_meter_fit_a_phone(open_page, axe, screenshot):
    phone = open_page(viewport=PHONE)
    visit(phone, CAMPAIGN)
    fill_in(phone, "Postcode", "LS1 1UR")
    press_button(phone, "Find my MP and council")
    follow_link(phone, "Write to your MP")
    assert "Your own experience" in main_text(phone)
    screenshot(phone, "form-prompts-phone")
    assert horizontal_overflow(phone) <= 0, elements_wider_than_window(phone)
    axe(phone)
    fill_in(phone, "Your full name", "Siân O'Brien")
    fill_in(phone, "Your address", "1 Example Street\nLeeds")
    press_button(phone, "Preview your letter")
    assert horizontal_overflow(phone) <= 0, elements_wider_than_window(phone)
    axe(phone)
