"""The election-period and split-council pages in a real browser: without JavaScript, by keyboard,
on a phone, and checked with axe."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import PHONE
from tests.browser.steps import (
    elements_wider_than_window, error_summary, fill_in, horizontal_overflow, main_text, press_button, tick, visit,
)
from tests.conftest import GOVUK_SLUGS

pytestmark = pytest.mark.browser
TODAY = dt.datetime.now(dt.timezone.utc).date()


@pytest.fixture
def live_server(make_live_server, fake_apis):
    return make_live_server(ADVOCACY_POSTCODES_API_URL=fake_apis.postcodes_url,
                            ADVOCACY_MEMBERS_API_URL=fake_apis.members_url,
                            ADVOCACY_GOVUK_API_URL=fake_apis.govuk_url,
                            ADVOCACY_COUNCIL_SLUGS_CSV=str(GOVUK_SLUGS))


def enter_postcode(page, postcode):
    visit(page, "/c/bright-futures")
    fill_in(page, "Postcode", postcode)
    press_button(page, "Find my MP and council")


def test_a_resident_picks_their_address_without_javascript(no_js_page, axe, screenshot):
    enter_postcode(no_js_page, "BR6 7ZZ")
    assert "/c/bright-futures/you/address" in no_js_page.url
    axe(no_js_page)
    screenshot(no_js_page, "address-picker")
    press_button(no_js_page, "Continue")
    assert error_summary(no_js_page) == ["Choose your address from the list, or choose 'My address is not listed'"]
    axe(no_js_page)
    tick(no_js_page, "4 Knockholt Road, Pratts Bottom, Orpington, BR6 7ZZ")
    press_button(no_js_page, "Continue")
    text = main_text(no_js_page)
    assert "Your council is the London Borough of Bromley." in text
    assert "Council for the address you picked from GOV.UK, checked today." in text
    axe(no_js_page)


def test_the_address_picker_fits_a_phone(open_page, axe, screenshot):
    phone = open_page(viewport=PHONE)
    enter_postcode(phone, "BR6 7ZZ")
    screenshot(phone, "address-picker-phone")
    assert horizontal_overflow(phone) <= 0, elements_wider_than_window(phone)
    axe(phone)


@pytest.fixture
def dissolved_server(make_live_server, fake_apis):
    return make_live_server(ADVOCACY_POSTCODES_API_URL=fake_apis.postcodes_url,
                            ADVOCACY_MEMBERS_API_URL=fake_apis.members_url,
                            ADVOCACY_GOVUK_API_URL=fake_apis.govuk_url,
                            ADVOCACY_DISSOLUTION_FROM=(TODAY - dt.timedelta(days=2)).isoformat(),
                            ADVOCACY_DISSOLUTION_UNTIL=(TODAY + dt.timedelta(days=30)).isoformat())


def test_during_a_dissolution_the_page_and_the_reminder_form_are_accessible(open_page, dissolved_server, axe,
                                                                           screenshot):
    page = open_page(javascript=False, server=dissolved_server)
    enter_postcode(page, "LS1 1UR")
    text = main_text(page)
    assert "There are no MPs until the election" in text and "Alex Sobel" not in text
    axe(page)
    screenshot(page, "dissolved")
    fill_in(page, "Your email address", "not an email")
    press_button(page, "Email me when my new MP is known")
    assert error_summary(page) == ["Enter an email address in the correct format, like name@example.com"]
    axe(page)
    fill_in(page, "Your email address", "sian@example.org")
    press_button(page, "Email me when my new MP is known")
    assert "We will email you once when the new MP for Leeds Central and Headingley is known" in main_text(page)
    axe(page)
