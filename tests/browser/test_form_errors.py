"""Form error states in a real browser, rendered with the real templates and macros.

Until the postcode lookup handles the form's POST, these render the campaign page with the form's
own validation errors; journey tests will reach the same states by submitting the form.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from advocacy.campaigns import get_campaign
from advocacy.web.forms import PostcodeForm
from tests.browser.conftest import PHONE
from tests.browser.steps import (
    elements_wider_than_window, error_summary, field, field_error, focused, horizontal_overflow, is_focused, link,
    tab_to, value_of,
)

pytestmark = pytest.mark.browser


def campaign_page_after_posting():
    form = PostcodeForm(meta={"csrf": False})
    form.validate()
    return {"campaign": get_campaign("bright-futures"), "form": form}


def test_an_empty_postcode_is_summarised_linked_to_the_field_and_accessible(page, show_template, axe, screenshot):
    show_template(page, "campaign.html", campaign_page_after_posting, data={"postcode": ""})

    assert error_summary(page) == ["Enter your postcode, like LS1 1UR"]
    assert field_error(page, "Postcode") == "Enter your postcode, like LS1 1UR"
    expect(field(page, "Postcode")).to_have_attribute("aria-invalid", "true")
    axe(page)
    screenshot(page, "postcode-empty")

    link(page, "Enter your postcode, like LS1 1UR").click()
    assert is_focused(field(page, "Postcode")), "the summary's link should take the user to the field"


def test_a_too_long_postcode_keeps_what_was_typed_beside_the_message(page, show_template, axe):
    typed = "SW1A 1AA SW1A 1AA SW1A"
    show_template(page, "campaign.html", campaign_page_after_posting, data={"postcode": typed})

    assert error_summary(page) == ["A postcode is at most 8 characters, like LS1 1UR"]
    assert field_error(page, "Postcode") == "A postcode is at most 8 characters, like LS1 1UR"
    assert value_of(page, "Postcode") == typed
    axe(page)


def test_the_postcode_error_fits_a_375_pixel_phone(open_page, show_template, axe, screenshot):
    phone = open_page(viewport=PHONE)
    show_template(phone, "campaign.html", campaign_page_after_posting, data={"postcode": ""})
    screenshot(phone, "postcode-empty-phone")
    assert horizontal_overflow(phone) <= 0, elements_wider_than_window(phone)
    axe(phone)


def test_the_postcode_error_works_by_keyboard_without_javascript(no_js_page, show_template, axe):
    show_template(no_js_page, "campaign.html", campaign_page_after_posting, data={"postcode": ""})
    assert error_summary(no_js_page) == ["Enter your postcode, like LS1 1UR"]
    axe(no_js_page)

    tab_to(no_js_page, link(no_js_page, "Enter your postcode, like LS1 1UR"))
    no_js_page.keyboard.press("Enter")
    assert is_focused(field(no_js_page, "Postcode")), f"Enter on the error's link focused {focused(no_js_page)}"
    no_js_page.keyboard.type("LS1 1UR")
    assert value_of(no_js_page, "Postcode") == "LS1 1UR"
