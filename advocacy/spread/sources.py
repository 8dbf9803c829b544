"""What spreading the word needs from other capabilities, in one place.

``passed_motions`` is the single point where the progress page reads which councils passed the motion
(the motions capability's reports); ``region_of`` says which English region a council is in (from the
local figures, which carry each authority's region).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..db import db


@dataclass(frozen=True)
class PassedMotion:
    council_code: str | None
    council_name: str
    passed_on: dt.date | None  # the meeting the councillor reported it tabled at
    region: str | None = None
    amended: bool = False  # passed with amendments


def region_of(council_code: str) -> str | None:
    """The English region of a council (its children's services authority's), or None when the
    imported figures do not say."""
    from ..localdata.store import children_services_authority, current_snapshot

    authority = children_services_authority(council_code)
    codes = ([authority[0]] if authority else []) + [council_code]
    for series in current_snapshot().measures.values():
        for code in codes:
            if code in series.regions:
                return series.regions[code][1]
    return None


def passed_motions(campaign: str) -> list[PassedMotion]:
    """Councils that reported passing the campaign's motion (with or without amendments), verified reports
    only, most recent meeting first."""
    from ..motions.models import PASSED, MotionReport, public_reports

    reports = db.session.scalars(
        select(MotionReport).where(MotionReport.campaign == campaign, MotionReport.outcome.in_(PASSED),
                                  public_reports())
        .order_by(MotionReport.tabled_on.desc(), MotionReport.council_name))
    return [PassedMotion(report.council_code, report.council_name, report.tabled_on,
                         region_of(report.council_code), amended=report.outcome == "passed_amended")
            for report in reports]
