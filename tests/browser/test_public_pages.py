"""The public pages in a real browser: accessible, usable by keyboard, on a phone and without JavaScript."""

from __future__ import annotations

import re
import shutil
import struct

import pytest
from playwright.sync_api import expect

from advocacy.config import ROOT
from tests.browser.conftest import PHONE
from tests.browser.steps import (
    assert_focus_is_visible, button, elements_wider_than_window, field, focused, horizontal_overflow,
    is_focused, main_text, tab, visit,
)

pytestmark = pytest.mark.browser

CAMPAIGN = "/c/bright-futures"


@pytest.fixture
def two_campaigns(make_live_server, tmp_path):
    """A server with two open campaigns, so the home page lists them instead of redirecting."""
    folder = tmp_path / "campaigns"
    shutil.copytree(ROOT / "letters" / "bright-futures", folder / "bright-futures")
    second = folder / "care-for-carers"
    shutil.copytree(ROOT / "letters" / "bright-futures", second)
    toml = second / "campaign.toml"
    toml.write_text(re.sub(r'(?m)^title = ".*"$', 'title = "Care for Carers"', toml.read_text(), count=1))
    return make_live_server(ADVOCACY_CAMPAIGNS_DIR=str(folder))


def test_the_campaign_page_has_no_accessibility_problems(page, axe, screenshot):
    visit(page, CAMPAIGN)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bright Futures")
    axe(page)
    screenshot(page, "campaign")


def test_the_not_found_page_has_no_accessibility_problems(page, axe, screenshot):
    visit(page, "/c/no-such-campaign", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Go to the start page")).to_be_visible()
    axe(page)
    screenshot(page, "not-found")


def test_the_list_of_campaigns_has_no_accessibility_problems(open_page, two_campaigns, axe, screenshot):
    page = open_page(server=two_campaigns)
    visit(page, "/")
    expect(page.get_by_role("link", name="Care for Carers")).to_be_visible()
    axe(page)
    screenshot(page, "campaigns")


def test_the_campaign_page_fits_a_375_pixel_phone_without_sideways_scrolling(phone_page, axe, screenshot):
    visit(phone_page, CAMPAIGN)
    screenshot(phone_page, "campaign-phone")
    overflow = horizontal_overflow(phone_page)
    assert overflow <= 0, (f"the page is {overflow}px wider than a 375px phone; sticking out: "
                           f"{elements_wider_than_window(phone_page)}")
    axe(phone_page)  # target sizes and reflow matter most on a phone


def test_the_not_found_page_fits_a_375_pixel_phone(open_page, screenshot):
    page = open_page(viewport=PHONE)
    visit(page, "/c/no-such-campaign", status=404)
    screenshot(page, "not-found-phone")
    assert horizontal_overflow(page) <= 0, elements_wider_than_window(page)


def test_keyboard_users_can_skip_to_the_content_and_reach_the_postcode_form(page, screenshot):
    visit(page, CAMPAIGN)

    tab(page)
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert is_focused(skip_link), f"the first Tab went to {focused(page)}, not the skip link"
    expect(skip_link).to_be_in_viewport()  # hidden off-screen until focused, then shown
    assert_focus_is_visible(page)
    screenshot(page, "1-skip-link-focused")

    page.keyboard.press("Enter")
    assert is_focused(page.get_by_role("main")), f"Enter on the skip link moved focus to {focused(page)}"
    assert page.url.endswith("#main")

    tab(page)
    assert is_focused(field(page, "Postcode")), f"the first Tab in the content went to {focused(page)}"
    assert_focus_is_visible(page)
    screenshot(page, "2-postcode-focused")

    tab(page)
    assert is_focused(button(page, "Find my MP and council")), f"after the postcode, Tab went to {focused(page)}"
    assert_focus_is_visible(page)
    screenshot(page, "3-button-focused")


def test_the_campaign_page_works_the_same_without_javascript(no_js_page, page, axe, screenshot):
    visit(page, CAMPAIGN)
    visit(no_js_page, CAMPAIGN)
    assert main_text(no_js_page) == main_text(page), "the page shows different content without JavaScript"

    form = no_js_page.locator("form").filter(has=field(no_js_page, "Postcode"))
    expect(form).to_have_attribute("method", "get")  # a look-up changes nothing: no token, no cookie needed
    expect(form.locator("input[name=csrf_token]")).to_have_count(0)
    expect(button(no_js_page, "Find my MP and council")).to_be_enabled()
    axe(no_js_page)
    screenshot(no_js_page, "campaign-no-js")

    tab(no_js_page)
    no_js_page.keyboard.press("Enter")
    assert is_focused(no_js_page.get_by_role("main")), "the skip link needs no JavaScript"


def test_the_not_found_page_works_without_javascript(no_js_page, screenshot):
    visit(no_js_page, "/c/no-such-campaign", status=404)
    no_js_page.get_by_role("link", name="Go to the start page").click()
    expect(no_js_page).to_have_url(re.compile(rf"{CAMPAIGN}$"))
    expect(no_js_page.get_by_role("heading", level=1)).to_contain_text("Bright Futures")
    screenshot(no_js_page, "not-found-no-js-then-start")


def test_screenshots_are_whole_page_pngs_under_tests_artifacts(page, screenshot):
    visit(page, CAMPAIGN)
    path = screenshot(page, "campaign page")

    assert path.parent.parts[-3:] == ("artifacts", "test_public_pages", path.parent.name)
    assert path.name == "campaign-page.png"
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert width == 1280
    assert height == page.evaluate("() => document.documentElement.scrollHeight")  # the whole page, not the window
