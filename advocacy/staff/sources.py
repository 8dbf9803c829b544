"""What the dashboard needs from other capabilities, in one place.

Each function is the single point where the staff pages ask another part of the app for data they do
not own. Until that part exists each returns "not available", and the dashboard says so on the page
rather than showing a wrong coverage figure.
"""

from __future__ import annotations

from .dashboard import MotionReportCounts, Period, Place


def all_constituencies() -> list[Place]:
    """Every Westminster constituency as (code, name): 650 of them.

    To be answered by the MP directory (``advocacy.lookup.directory.all_constituencies()``).
    """
    return []


def childrens_services_authorities() -> list[Place]:
    """Every English children's services (upper-tier) authority as (code, name).

    To be answered by the local data (the authorities that have children's social care figures).
    """
    return []


def motion_report_counts(campaign: str, period: Period) -> MotionReportCounts | None:
    """Motions reported tabled and passed for a campaign in a period; None while nothing records them.

    To be answered by the motions capability's reports.
    """
    return None
