"""Spreading the word in a real browser: every new public page accessible, the widget working inside
another site's page, and the case study form's errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from advocacy.actions import Place, record_action
from tests.browser.steps import error_summary, fill_in, main_text, press_button, tick, visit
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser

CAMPAIGN = "/c/bright-futures"
LEEDS = Place(constituency_code="E14001331", constituency_name="Leeds Central and Headingley",
              council_code="E08000035", council_name="Leeds", authority_code="E08000035", authority_name="Leeds",
              region="Yorkshire and The Humber", country="England")


@pytest.fixture
def live_server(make_live_server):
    server = make_live_server()
    from tests.fixture_figures import load_fixture_figures

    with server.app.app_context():
        load_fixture_figures()
        for kind, channel in (("letter_mp", "pdf"), ("letter_mp", "eml"), ("letter_council", "pdf"),
                              ("motion", "docx")):
            record_action(campaign="bright-futures", kind=kind, channel=channel, place=LEEDS)
    return server


@pytest.mark.parametrize("path, heading", [
    (f"{CAMPAIGN}/progress", "Progress so far"),
    (f"{CAMPAIGN}/share", "Share on your website"),
    (f"{CAMPAIGN}/summary", "Print a one-page summary"),
    (f"{CAMPAIGN}/case-studies/new", "Tell us what your council did"),
    ("/embed/bright-futures", "Bright Futures"),
])
def test_each_new_public_page_has_no_accessibility_problems(page, phone_page, axe, screenshot, path, heading):
    for each in (page, phone_page):
        visit(each, path)
        expect(each.get_by_role("heading", level=1)).to_contain_text(heading)
        axe(each)
        screenshot(each, f"{path.strip('/').replace('/', '-')}-{each.viewport_size['width']}")


def test_the_progress_page_shows_the_letters_by_region_in_a_chart_and_a_table(page, screenshot):
    visit(page, f"{CAMPAIGN}/progress")
    expect(page.get_by_role("img", name="Letters written, by region")).to_be_visible()
    table = page.get_by_role("table", name="By region")
    expect(table.get_by_role("row", name="Yorkshire and The Humber 3 0")).to_be_visible()
    screenshot(page, "progress")


def test_the_campaign_page_links_to_each_way_of_spreading_the_word(page):
    visit(page, CAMPAIGN)
    for name in ("See the progress so far", "Share the campaign on your website",
                 "Print a one-page summary with your council’s figures", "Council officers: send us a case study"):
        expect(page.get_by_role("link", name=name)).to_be_visible()


def council_site(httpserver, body: str) -> str:
    """Another site (a real server on "localhost", a different site from the app's 127.0.0.1) serving
    ``body`` as its news page; returns the page's address."""
    page_html = f"<!doctype html><html lang='en'><title>Council news</title><h1>Our council</h1>{body}</html>"
    httpserver.expect_request("/news").respond_with_data(page_html, content_type="text/html")
    return httpserver.url_for("/news")


def test_the_widget_works_inside_another_sites_page_and_continues_here(page, live_server, httpserver, screenshot):
    snippet = f'<iframe src="{live_server.url}/embed/bright-futures" title="Bright Futures" width="100%" height="560"></iframe>'
    page.goto(council_site(httpserver, snippet))
    widget = page.frame_locator("iframe")
    expect(widget.get_by_role("heading", level=1)).to_contain_text("Bright Futures")
    screenshot(page, "widget-on-a-council-site")

    widget.get_by_label("Your postcode").fill("LS1 1UR")
    with page.expect_navigation():
        widget.get_by_role("button", name="Raise your voice").click()
    # The whole window moved to this site (the lookup services are not running here, so the resident is
    # offered the manual path): never a page of ours inside the council's frame.
    assert page.url.startswith(f"{live_server.url}{CAMPAIGN}/")
    screenshot(page, "after-the-widget")


def test_a_mistake_in_the_widget_is_explained_here_and_can_be_put_right(page, live_server, httpserver):
    snippet = f'<iframe src="{live_server.url}/embed/bright-futures" title="Bright Futures" width="100%" height="560"></iframe>'
    page.goto(council_site(httpserver, snippet))
    widget = page.frame_locator("iframe")
    widget.get_by_label("Your postcode").fill("LS1")
    with page.expect_navigation():
        widget.get_by_role("button", name="Raise your voice").click()
    assert page.url.startswith(f"{live_server.url}{CAMPAIGN}/start")
    assert error_summary(page), "the problem with the postcode should be listed"
    expect(page.get_by_label("Postcode")).to_have_value("LS1")  # what was typed is kept

    fill_in(page, "Postcode", "LS1 1UR")
    press_button(page, "Find my MP and council")  # the page's own form, with its CSRF token
    assert page.url.startswith(f"{live_server.url}{CAMPAIGN}/you"), page.url


def test_other_pages_refuse_to_show_inside_another_sites_frame(page, live_server, httpserver):
    page.goto(council_site(httpserver, f"<iframe src='{live_server.url}{CAMPAIGN}' title='Campaign'></iframe>"))
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_count(0)
    from tests.browser.conftest import problems_seen

    problems_seen(page).clear()  # the refused frame is reported as an error by the browser, on purpose


def test_case_study_errors_are_listed_and_the_form_stays_accessible(page, axe, screenshot):
    visit(page, f"{CAMPAIGN}/case-studies/new")
    fill_in(page, "Title", "Cabinet backed early help")
    press_button(page, "Send case study")
    assert "Enter the name of your council, like Leeds City Council" in error_summary(page)
    expect(page.get_by_label("Title")).to_have_value("Cabinet backed early help")
    axe(page)
    screenshot(page, "case-study-errors")

    fill_in(page, "Council", "Leeds City Council")
    fill_in(page, "What your council did", "Passed the motion.")
    fill_in(page, "What happened as a result", "Hubs stay open.")
    fill_in(page, "Your work email address", "officer@leeds.gov.uk")
    tick(page, "The campaign may publish this case study on its website")
    press_button(page, "Send case study")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your case study was sent")
    axe(page)


def test_the_summary_picker_error_and_the_pdf(page, axe, screenshot):
    visit(page, f"{CAMPAIGN}/summary")
    press_button(page, "Make the summary (PDF)")
    assert error_summary(page) == ["Choose your council from the list"]
    axe(page)
    screenshot(page, "summary-error")


def test_staff_review_case_studies_page_is_accessible(page, live_server, axe, screenshot):
    from advocacy.spread.case_studies import Submission, submit_case_study
    from advocacy.staff.accounts import create_staff

    with live_server.app.app_context():
        create_staff("admin@example.org", STAFF_PASSWORD, "admin")
        submit_case_study("bright-futures", Submission("Cabinet backed early help", "Leeds City Council",
                                                       "Passed the motion.", "Hubs stay open.",
                                                       "officer@leeds.gov.uk", True))
    visit(page, "/staff/c/bright-futures/case-studies")
    fill_in(page, "Email address", "admin@example.org")
    fill_in(page, "Password", STAFF_PASSWORD)
    press_button(page, "Sign in")
    expect(page.get_by_role("heading", level=1)).to_contain_text("case studies")
    axe(page)
    press_button(page, "Publish “Cabinet backed early help”")
    assert "is now published on the campaign page" in main_text(page)
    axe(page)
    screenshot(page, "staff-case-studies")
    visit(page, CAMPAIGN)
    expect(page.get_by_role("heading", name="Cabinet backed early help")).to_be_visible()
