"""A councillor's journey in a real browser: find the council, fill in the motion by keyboard, check it,
download the Word file, report back through the private link, and see the public record. Accessible on
every page (error states included), by keyboard, with JavaScript off and on a 375 px phone."""

from __future__ import annotations

import datetime as dt
import re

import docx
import pytest
from playwright.sync_api import expect

from tests.browser.steps import (
    button, date_error, date_group, date_typed, download, elements_wider_than_window, error_summary, field,
    field_error, fill_in, fill_in_date, follow_link, horizontal_overflow, main_text, press_button, tab_to, value_of,
    visit,
)

pytestmark = pytest.mark.browser

FIND = "/c/bright-futures/councillors"
WORD = "Download the motion as a Word document (.docx)"


@pytest.fixture
def live_server(make_live_server):
    """The app with the sample figures and council registers, as `flask setup` leaves a fresh clone."""
    from tests.fixture_figures import load_fixture_figures
    from tests.fixture_figures import load_fixture_registers

    from advocacy.db import db
    from advocacy.motions.models import Council

    server = make_live_server()
    with server.app.app_context():
        load_fixture_figures()
        load_fixture_registers()
        db.session.get(Council, "E08000035").homepage_url = "https://www.leeds.gov.uk"  # verifies its minutes
        db.session.commit()
    return server


def meeting_day() -> dt.date:
    """A date a few weeks ahead whose day and month are the same number (kept from the days of the
    browser's own date field, whose order headless Chromium chose)."""
    day = dt.date.today() + dt.timedelta(days=7)
    while day.day != day.month:
        day += dt.timedelta(days=1)
    return day


def find_leeds(page) -> None:
    visit(page, FIND)
    fill_in(page, "Council name", "leeds")
    press_button(page, "Search councils")
    follow_link(page, "Leeds City Council")


def type_into(page, label: str, text: str) -> None:
    tab_to(page, field(page, label))
    page.keyboard.type(text)


def press_enter_on(page, name: str) -> None:
    tab_to(page, button(page, name))
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_councillor_drafts_a_motion_by_keyboard_and_downloads_the_word_file(page, axe, screenshot, tmp_path):
    visit(page, FIND)
    axe(page)
    screenshot(page, "find")
    find_leeds(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your motion for Leeds City Council")
    axe(page)

    # Sent with nothing typed: every problem is listed, linked to its field, and the page stays accessible.
    press_enter_on(page, "Continue")
    problems = error_summary(page)
    assert "Enter the proposer's name, as it should appear on the motion, like Cllr Sam Patel" in problems
    assert "Choose the meeting: Full Council, Cabinet or a committee" in problems
    assert date_error(page, "Date of the meeting") == "Enter the date of the meeting, like 21 1 2027"
    axe(page)
    screenshot(page, "motion-errors")

    page.locator("body").focus()
    type_into(page, "Proposer's name", "Cllr Sam Patel")
    type_into(page, "Proposer's ward", "Little London and Woodhouse")
    tab_to(page, field(page, "Full Council"))
    page.keyboard.press("Space")
    day = meeting_day()
    group = date_group(page, "Date of the meeting")
    for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        tab_to(page, group.get_by_label(part, exact=True))
        page.keyboard.type(str(value))
    assert date_typed(page, "Date of the meeting") == f"{day.day} {day.month} {day.year}"  # day first, UK order
    press_enter_on(page, "Continue")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your motion")
    assert "This council resolves" in main_text(page)
    axe(page)
    screenshot(page, "check")
    press_enter_on(page, "Create the motion")

    expect(page.get_by_role("heading", level=1)).to_have_text("Download your motion")
    axe(page)
    screenshot(page, "download")
    saved = download(page, WORD, tmp_path)
    assert saved.name == "bright-futures-motion-leeds-city-council.docx"
    document = docx.Document(str(saved))
    assert "Leeds City Council" in document.paragraphs[1].text
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "This council notes", "This council believes", "This council resolves"]
    assert any(p.text.startswith("Proposed by: Cllr\u00a0Sam Patel") for p in document.paragraphs)


def test_the_journey_and_the_report_back_work_without_javascript(no_js_page, live_server, axe, screenshot,
                                                                 tmp_path):
    page = no_js_page
    find_leeds(page)
    fill_in(page, "Proposer's name", "Cllr Sam Patel")
    fill_in(page, "Proposer's ward", "Little London and Woodhouse")
    field(page, "Cabinet").check()
    fill_in_date(page, "Date of the meeting", meeting_day())
    press_button(page, "Continue")
    press_button(page, "Create the motion")
    saved = download(page, WORD, tmp_path)
    assert "Leeds City Council" in docx.Document(str(saved)).paragraphs[1].text
    private_link = page.locator("#private-link").get_attribute("href")

    visit(page, private_link)
    axe(page)
    press_button(page, "Save the report")  # nothing filled in
    assert error_summary(page) == ["Enter the date of the meeting the motion was tabled for, like 21 1 2027",
                                   "Choose what happened to the motion, or 'Tabled, not debated yet'"]
    axe(page)
    screenshot(page, "report-errors")
    fill_in_date(page, "Date of the meeting the motion was tabled for", dt.date.today())
    field(page, "Passed with amendments").check()
    fill_in(page, "Link to the minutes", "ftp://example.org/minutes")
    press_button(page, "Save the report")
    assert field_error(page, "Link to the minutes").startswith("Enter the link to the minutes as a web address")
    today = dt.date.today()
    assert date_typed(page, "Date of the meeting the motion was tabled for") == f"{today.day} {today.month} {today.year}"  # kept
    fill_in(page, "Link to the minutes", "https://democracy.leeds.gov.uk/minutes")
    press_button(page, "Save the report")
    expect(page.get_by_role("status")).to_contain_text("your report is saved")

    follow_link(page, "See every council that has tabled the motion")
    expect(page.get_by_role("heading", level=1)).to_have_text("Councils that have tabled the motion")
    row = page.get_by_role("row", name=re.compile("Leeds City Council"))
    expect(row).to_contain_text("Passed with amendments")
    axe(page)
    screenshot(page, "public-list")

    # Staff see the download and the report among the dashboard's counts.
    from advocacy.staff.accounts import create_staff
    from tests.conftest import STAFF_PASSWORD

    with live_server.app.app_context():
        create_staff("viewer@example.org", STAFF_PASSWORD, "viewer")
    visit(page, "/staff/c/bright-futures/")
    fill_in(page, "Email address", "viewer@example.org")
    fill_in(page, "Password", STAFF_PASSWORD)
    press_button(page, "Sign in")
    motions = page.locator("dl", has=page.get_by_text("Reported tabled"))
    assert " ".join(motions.inner_text().split()) == "Downloaded 1 Reported tabled 1 Reported passed 1"
    axe(page)
    screenshot(page, "staff-dashboard")


def test_a_wrong_report_link_is_a_plain_not_found_page(page, axe):
    visit(page, "/motions/report/not-a-real-token", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert "Leeds" not in main_text(page)
    axe(page)


@pytest.mark.parametrize("path", [FIND + "?q=kent", FIND + "/E07000111/motion", "/c/bright-futures/motions"])
def test_the_councillor_pages_fit_a_375_pixel_phone(phone_page, axe, screenshot, path):
    visit(phone_page, path)
    screenshot(phone_page, "phone")
    assert horizontal_overflow(phone_page) <= 0, elements_wider_than_window(phone_page)
    axe(phone_page)
