"""The public progress of a campaign: letters and motions so far, by region, and councils that passed it.

Letters and motion downloads come only from action records (no personal data): totals are the staff
dashboard's aggregates over the running counts, the split of letters by region reads the actions table
once. Motions passed come from councillors' reports (``sources.passed_motions``). The result is
cached (ADVOCACY_PROGRESS_CACHE_SECONDS, a minute by default) so a busy page counts once a minute.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from ..actions.models import Action
from ..db import db
from ..staff.dashboard import LETTER_KINDS, Period, totals_by_kind_and_channel
from ..cache import cache
from .sources import PassedMotion, passed_motions

UNKNOWN_REGION = "Region not known"


@dataclass(frozen=True)
class RegionProgress:
    name: str
    letters: int
    motions_passed: int


@dataclass(frozen=True)
class Progress:
    campaign: str
    letters: int
    letters_to_mps: int
    letters_to_councils: int
    motions_drafted: int  # motion downloads (Word, PDF, text)
    passed: list[PassedMotion]  # as councillors reported them
    regions: list[RegionProgress]
    counted_at: dt.datetime  # UTC


def _letters_by_region(campaign: str) -> dict[str, int]:
    """{region name: letters}. England's regions, else the nation (Scotland has no region)."""
    where = func.coalesce(Action.region, Action.country, "")
    rows = db.session.execute(
        select(where, func.count()).where(Action.campaign == campaign, Action.kind.in_(LETTER_KINDS))
        .group_by(where))
    found: dict[str, int] = {}
    for name, total in rows:
        found[name or UNKNOWN_REGION] = found.get(name or UNKNOWN_REGION, 0) + int(total)
    return found


def count_progress(campaign: str, *, now: dt.datetime | None = None) -> Progress:
    """Count the campaign's progress now (no cache)."""
    totals = totals_by_kind_and_channel(campaign, Period())
    by_kind = {kind: sum(n for (k, _), n in totals.items() if k == kind) for kind in (*LETTER_KINDS, "motion")}
    passed = passed_motions(campaign)
    letters_by_region = _letters_by_region(campaign)
    passed_by_region: dict[str, int] = {}
    for motion in passed:
        name = motion.region or UNKNOWN_REGION
        passed_by_region[name] = passed_by_region.get(name, 0) + 1
    regions = [RegionProgress(name, letters_by_region.get(name, 0), passed_by_region.get(name, 0))
               for name in set(letters_by_region) | set(passed_by_region)]
    # Most letters first; the unknown region last whatever its count, as it is not a place to compare.
    regions.sort(key=lambda r: (r.name == UNKNOWN_REGION, -r.letters, -r.motions_passed, r.name))
    return Progress(
        campaign=campaign,
        letters=by_kind["letter_mp"] + by_kind["letter_council"],
        letters_to_mps=by_kind["letter_mp"],
        letters_to_councils=by_kind["letter_council"],
        motions_drafted=by_kind["motion"],
        passed=passed,
        regions=regions,
        counted_at=now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
    )


def campaign_progress(campaign: str) -> Progress:
    """The campaign's progress, counted at most once per ADVOCACY_PROGRESS_CACHE_SECONDS (shared by
    workers when Redis is configured)."""
    key = f"progress:{campaign}"
    progress = cache.get(key)
    if progress is None:
        progress = count_progress(campaign)
        cache.set(key, progress, timeout=current_app.config["ADVOCACY_PROGRESS_CACHE_SECONDS"])
    return progress
