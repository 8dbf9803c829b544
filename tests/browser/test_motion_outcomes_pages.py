"""Checking councillors' motion reports in a real browser: the staff queue shows the minutes link, the
council and who reported, is accessible and fits a phone, and a report is verified from the keyboard."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest

from tests.browser.steps import main_text, visit
from tests.browser.test_staff_pages import admin, sign_in  # noqa: F401  (fixture and step)
from tests.browser.test_motion_journey import elements_wider_than_window, horizontal_overflow

pytestmark = pytest.mark.browser

QUEUE = "/staff/c/bright-futures/motion-reports"


@pytest.fixture
def reported(live_server):
    """A motion for Leeds reported passed, with minutes on a website that is not the council's."""
    from advocacy.actions.models import utcnow
    from advocacy.db import db
    from advocacy.motions import tracking
    from advocacy.motions.models import Council, MotionProposer, MotionReport

    with live_server.app.app_context():
        db.session.add(Council(code="E08000035", name="Leeds City Council", folded_name="leeds city council",
                               tier="unitary", homepage_url="https://www.leeds.gov.uk"))
        report = MotionReport(submission_key=secrets.token_hex(32), token_hash=secrets.token_hex(32),
                              token_expires_at=utcnow() + dt.timedelta(days=30), campaign="bright-futures",
                              council_code="E08000035", council_name="Leeds City Council", meeting="full_council",
                              meeting_date=dt.date(2026, 11, 19))
        db.session.add(report)
        db.session.flush()
        db.session.add(MotionProposer(report_id=report.id, proposer_name="Cllr Sam Patel",
                                      proposer_ward="Little London and Woodhouse"))
        db.session.commit()
        tracking.save_report(report, tabled_on=dt.date(2026, 11, 19), outcome="passed",
                             minutes_url="https://example.org/a-very-long-path/leeds-council-minutes-19-november-2026.pdf")
    return live_server


def test_staff_verify_a_report_from_the_accessible_queue_by_keyboard(page, reported, admin, axe, screenshot):
    sign_in(page, admin)
    visit(page, QUEUE)
    text = main_text(page)
    assert "Leeds City Council: Passed" in text and "Cllr Sam Patel (Little London and Woodhouse)" in text
    assert "minutes on leeds.gov.uk are verified automatically" in text
    axe(page)
    screenshot(page, "queue")
    page.get_by_label("Note (optional)").fill("Minutes checked")
    page.get_by_role("button", name="Verify Leeds City Council's report").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Verified: Leeds City Council's report now counts on the public pages." in main_text(page)
    axe(page)
    visit(page, "/c/bright-futures/motions")
    assert "Leeds City Council" in main_text(page)


def test_the_queue_fits_a_375_pixel_phone(phone_page, reported, admin, axe, screenshot):
    sign_in(phone_page, admin)
    visit(phone_page, QUEUE + "?all=1")
    phone_page.get_by_text("History of this report").click()
    screenshot(phone_page, "queue-phone")
    assert horizontal_overflow(phone_page) <= 0, elements_wider_than_window(phone_page)
    axe(phone_page)
