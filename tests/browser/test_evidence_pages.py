"""Evidence packs and council rules in a real browser: every page accessible, errors listed, downloads work."""

from __future__ import annotations

import pytest

from advocacy.actions import Place, record_action
from tests.browser.steps import download, error_summary, fill_in, press_button, visit
from tests.browser.test_staff_pages import admin, sign_in  # noqa: F401  (fixture and step)

pytestmark = pytest.mark.browser

LEEDS = Place(constituency_code="E14001319", constituency_name="Leeds Central and Headingley",
              council_code="E08000035", council_name="Leeds", authority_code="E08000035",
              authority_name="Leeds", region="Yorkshire and The Humber", country="England")


@pytest.mark.parametrize("path", ["/staff/c/bright-futures/evidence/", "/staff/council-rules/",
                                  "/staff/council-rules/new", "/staff/council-rules/import"])
def test_evidence_and_council_rules_pages_have_no_accessibility_problems(page, live_server, admin, axe,  # noqa: F811
                                                                         screenshot, path):
    with live_server.app.app_context():
        record_action(campaign="bright-futures", kind="letter_mp", channel="pdf", place=LEEDS)
    sign_in(page, admin)
    visit(page, path)
    axe(page)
    screenshot(page, path.strip("/").replace("/", "-"))


def test_a_council_rules_form_with_mistakes_lists_them_accessibly(page, live_server, admin, axe, screenshot):  # noqa: F811
    sign_in(page, admin)
    visit(page, "/staff/council-rules/new")
    fill_in(page, "Council code", "W06000015")
    press_button(page, "Save")
    problems = error_summary(page)
    assert any("English council's code" in p for p in problems)
    assert any("notice period" in p for p in problems)
    axe(page)
    screenshot(page, "council-rules-error")


def test_staff_download_an_evidence_pack_from_the_list(page, live_server, admin, tmp_path):  # noqa: F811
    with live_server.app.app_context():
        for _ in range(6):
            record_action(campaign="bright-futures", kind="letter_mp", channel="pdf", place=LEEDS)
    sign_in(page, admin)
    visit(page, "/staff/c/bright-futures/evidence/")
    saved = download(page, "PDF for Leeds Central and Headingley", tmp_path)
    assert saved.read_bytes().startswith(b"%PDF")
