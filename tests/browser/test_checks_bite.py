"""The browser checks must fail when a page is broken, or a passing suite would prove nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import problems_seen
from tests.browser.steps import elements_wider_than_window, field, horizontal_overflow, visit

pytestmark = pytest.mark.browser

CAMPAIGN = "/c/bright-futures"


def test_the_accessibility_check_catches_a_field_without_a_label(page, axe):
    """The check must bite: the same page, with the postcode label taken away in the browser, fails."""
    visit(page, CAMPAIGN)
    page.evaluate("() => document.querySelector('label[for=postcode]').remove()")

    with pytest.raises(AssertionError) as failure:
        axe(page)

    report = str(failure.value)
    assert "- label (critical): Form elements must have labels" in report
    assert "at #postcode:" in report
    expect(field(page, "Postcode")).to_have_count(0)  # and the journey steps cannot find it either


def test_a_stylesheet_that_does_not_load_is_reported(page):
    page.route("**/static/css/site.css", lambda route: route.fulfill(status=404, body="not found"))
    visit(page, CAMPAIGN)

    problems = problems_seen(page)
    assert any(p.startswith("stylesheet ") and "site.css answered 404" in p for p in problems), problems
    problems.clear()  # caused on purpose; otherwise the test would fail at the end, as it should


def test_an_inline_script_blocked_by_the_content_security_policy_is_reported(page):
    """A journey that relied on an inline script would silently do nothing for users: this catches it."""

    def add_inline_script(route):
        response = route.fetch()
        html = response.text().replace("</body>", "<script>document.title = 'changed'</script></body>")
        route.fulfill(response=response, body=html)

    page.route(f"**{CAMPAIGN}", add_inline_script)
    visit(page, CAMPAIGN)

    assert page.title() != "changed"
    problems = problems_seen(page)
    assert any("Content Security Policy" in p for p in problems), problems
    problems.clear()


def test_content_wider_than_a_phone_is_measured_and_located(phone_page):
    visit(phone_page, CAMPAIGN)
    phone_page.evaluate("""() => {
        const wide = document.createElement('div');
        wide.className = 'too wide';
        wide.style.width = '500px';
        wide.textContent = 'A table or a long word that does not wrap';
        document.querySelector('main').append(wide);
    }""")

    assert horizontal_overflow(phone_page) > 0
    assert "div.too.wide" in elements_wider_than_window(phone_page)
