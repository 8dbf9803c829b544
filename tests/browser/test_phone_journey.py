"""The resident's journey on a phone (375 x 667) and a desktop (1280 x 800) in a real browser: the postcode
box in the first screen, the whole journey to a sent letter by keyboard and without JavaScript, the
character counter, the consent checkboxes, the email ways, and the embed widget on another site's page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import (button, elements_wider_than_window, field, fill_in, horizontal_overflow, link,
                                 press_button, tab_to, visit)
from tests.conftest import smtp_settings

pytestmark = pytest.mark.browser

CAMPAIGN = "/c/bright-futures"
OWN_WORDS = ("My son waited eight months for help from children's services. "
             "Early support would have stopped things getting so bad.")


@pytest.fixture
def live_server(make_live_server, fake_apis, smtp_server):
    """The app against the fake postcode and MP services, able to send email (so "did your MP reply?"
    is offered), with the sample local figures loaded."""
    from tests.fixture_figures import load_fixture_figures

    server = make_live_server(ADVOCACY_POSTCODES_API_URL=fake_apis.postcodes_url,
                              ADVOCACY_MEMBERS_API_URL=fake_apis.members_url,
                              **smtp_settings(smtp_server, ADVOCACY_PUBLIC_URL=""))
    with server.app.app_context():
        load_fixture_figures()
    return server


def in_first_screen(page, locator) -> bool:
    box = locator.bounding_box()
    viewport = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] \
        and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]


def keyboard_type(page, locator, text: str) -> None:
    tab_to(page, locator)
    page.keyboard.type(text)


def press_enter_on(page, locator) -> None:
    tab_to(page, locator)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375x667", "1280x800"])
def test_the_postcode_box_and_its_button_are_in_the_first_screen(open_page, axe, screenshot, viewport):
    page = open_page(viewport=viewport)
    visit(page, CAMPAIGN)
    assert in_first_screen(page, field(page, "Postcode")), "the postcode box must show without scrolling"
    assert in_first_screen(page, button(page, "Find my MP and council"))
    # The asks and background follow the box.
    asks = page.get_by_role("heading", name="What we are asking for").bounding_box()
    assert asks["y"] > field(page, "Postcode").bounding_box()["y"]
    assert horizontal_overflow(page) <= 0, elements_wider_than_window(page)
    axe(page)
    screenshot(page, f"campaign-{viewport['width']}")


@pytest.mark.parametrize("javascript", [True, False], ids=["keyboard", "no-javascript"])
def test_a_resident_on_a_phone_writes_and_sends_their_letter_by_keyboard(open_page, axe, screenshot, tmp_path,
                                                                          javascript):
    page = open_page(viewport=PHONE, javascript=javascript)
    visit(page, CAMPAIGN)
    keyboard_type(page, field(page, "Postcode"), "LS1 1UR")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    press_enter_on(page, link(page, "Write to your MP"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Write to your MP")
    keyboard_type(page, field(page, "Your full name"), "Siân O'Brien")
    tab_to(page, field(page, "Your address"))
    page.keyboard.type("1 Example Street")
    page.keyboard.press("Enter")
    page.keyboard.type("Leeds")
    keyboard_type(page, field(page, "Your email address"), "sian@example.org")
    keyboard_type(page, field(page, "Why it matters to you"), OWN_WORDS)
    counter = page.locator("#personal-count")
    if javascript:
        expect(counter).to_have_text(f"You have {2000 - len(OWN_WORDS):,} characters remaining")
    else:
        expect(counter).to_have_text("You can enter up to 2,000 characters")  # a plain hint without JavaScript
    tab_to(page, field(page, "Ask me once, later, whether my MP replied"))
    page.keyboard.press("Space")
    expect(field(page, "Ask me once, later, whether my MP replied")).to_be_checked()
    axe(page)
    screenshot(page, f"form-phone-{'js' if javascript else 'nojs'}")
    press_enter_on(page, button(page, "Preview your letter"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your letter")
    press_enter_on(page, link(page, "This is right: get my letter"))

    expect(page.get_by_role("heading", level=1)).to_contain_text("Send your letter to Alex Sobel")
    # The ways that carry the whole letter, in order: mail app, web mail, the .eml file, copy.
    order = [page.locator(selector).bounding_box()["y"] for selector in
             ("#email-link", "#webmail-gmail", "#webmail-outlook", "#webmail-yahoo", "text=Download as an email file (.eml)",
              "#letter-text")]
    assert order == sorted(order)
    assert horizontal_overflow(page) <= 0, elements_wider_than_window(page)
    axe(page)
    screenshot(page, f"outputs-phone-{'js' if javascript else 'nojs'}")
    tab_to(page, link(page, "Download the letter (PDF)"))
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".pdf")
    press_enter_on(page, button(page, "I've sent it"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for raising your voice")
    next_steps = page.get_by_role("heading", name="What happens next")
    expect(next_steps).to_be_visible()
    assert next_steps.bounding_box()["y"] < page.get_by_role("heading", name="Ask others to join in").bounding_box()["y"]
    expect(page.locator("#follow-up-promise")).to_contain_text("we will email you once, at sian@example.org")
    axe(page)
    screenshot(page, f"thanks-phone-{'js' if javascript else 'nojs'}")


def test_the_counter_says_how_many_characters_are_too_many_and_nothing_is_cut(open_page):
    page = open_page(viewport=PHONE)
    visit(page, CAMPAIGN)
    fill_in(page, "Postcode", "LS1 1UR")
    press_button(page, "Find my MP and council")
    link(page, "Write to your MP").click()
    fill_in(page, "Why it matters to you", "x" * 2003)
    expect(page.locator("#personal-count")).to_have_text("You have 3 characters too many")
    assert len(field(page, "Why it matters to you").input_value()) == 2003  # never cut


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_consent_hints_sit_under_their_labels_beside_the_box(open_page, width):
    page = open_page(viewport={"width": width, "height": 800})
    visit(page, CAMPAIGN)
    fill_in(page, "Postcode", "LS1 1UR")
    press_button(page, "Find my MP and council")
    link(page, "Write to your MP").click()
    for box_id in ("consent_updates", "consent_follow_up"):
        box = page.locator(f"#{box_id}").bounding_box()
        label = page.locator(f"label[for={box_id}]").bounding_box()
        hint = page.locator(f"#{box_id}-hint").bounding_box()
        assert label["x"] > box["x"] + box["width"] and hint["x"] == pytest.approx(label["x"], abs=1)
        assert hint["y"] >= label["y"] + label["height"] - 1  # under the label, not squeezed beside it
        assert hint["width"] >= min(width, 960) - 120  # the whole column, not a sliver


def test_copy_to_clipboard_says_it_copied(open_page, live_server):
    page = open_page(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    visit(page, CAMPAIGN)
    fill_in(page, "Postcode", "LS1 1UR")
    press_button(page, "Find my MP and council")
    link(page, "Write to your MP").click()
    fill_in(page, "Your full name", "Siân O'Brien")
    fill_in(page, "Your address", "1 Example Street\nLeeds")
    press_button(page, "Preview your letter")
    link(page, "This is right: get my letter").click()
    tab_to(page, button(page, "Copy to clipboard"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").startswith("Dear Alex Sobel,")


# --- the embed widget on another site's page ---

def council_site(httpserver, body: str) -> str:
    page_html = (f"<!doctype html><html lang='en'><meta name='viewport' content='width=device-width'>"
                 f"<title>Council news</title><h1>Our council</h1>{body}</html>")
    httpserver.expect_request("/news").respond_with_data(page_html, content_type="text/html")
    return httpserver.url_for("/news")


def snippet(server_url: str, with_script: bool) -> str:
    frame = (f'<iframe src="{server_url}/embed/bright-futures" title="Bright Futures: raise your voice" '
             f'width="100%" height="560" style="border:0;max-width:40rem" loading="lazy"></iframe>')
    return frame + (f'<script src="{server_url}/static/js/embed-host.js" async></script>' if with_script else "")


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("with_script", [True, False], ids=["resizing", "default-height"])
def test_the_widget_on_a_host_page_shows_its_button_unclipped(open_page, live_server, httpserver, screenshot,
                                                              width, with_script):
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(council_site(httpserver, snippet(live_server.url, with_script)))
    frame_element = page.locator("iframe")
    widget = page.frame_locator("iframe")
    submit = widget.get_by_role("button", name="Raise your voice")
    expect(submit).to_be_visible()
    if with_script:  # the frame grows or shrinks to the widget's content
        page.wait_for_function("document.querySelector('iframe').style.height !== ''")
    frame_box, button_box = frame_element.bounding_box(), submit.bounding_box()
    assert button_box["y"] + button_box["height"] <= frame_box["y"] + frame_box["height"]
    assert button_box["x"] + button_box["width"] <= frame_box["x"] + frame_box["width"]
    if with_script:
        last = widget.locator("main p").last.bounding_box()
        assert last["y"] + last["height"] <= frame_box["y"] + frame_box["height"]  # nothing cut off at the end
    screenshot(page, f"widget-{width}-{'script' if with_script else 'plain'}")
