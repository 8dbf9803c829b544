"""What the dashboard needs from other capabilities, in one place.

Each function is the single point where the staff pages ask another part of the app for data they do
not own. Where that part has nothing (no MP directory synced, no figures imported) each returns nothing,
and the dashboard says "not available" rather than showing a wrong coverage figure.
"""

from __future__ import annotations

from .dashboard import MotionReportCounts, Period, Place


def all_constituencies() -> list[Place]:
    """Every Westminster constituency as (code, name): 650 of them.

    Answered by the MP directory, filled by ``flask --app advocacy mps sync --codes``.
    """
    from ..lookup.directory import all_constituencies as directory_constituencies

    return list(directory_constituencies())


def childrens_services_authorities() -> list[Place]:
    """Every English children's services (upper-tier) authority as (code, name).

    Answered by the local data: the authorities with figures in the latest imported year.
    """
    from ..localdata.store import english_authorities

    return english_authorities()


def motion_report_counts(campaign: str, period: Period) -> MotionReportCounts | None:
    """Motions reported tabled (and of those, passed) with a tabled date in the period, verified or not.

    Answered by the motions capability's reports, which hold no personal data and survive purges.
    """
    from ..motions.tracking import report_counts

    tabled, passed = report_counts(campaign, period.start, period.end, verified_only=False)  # staff see both
    return MotionReportCounts(tabled=tabled, passed=passed)
