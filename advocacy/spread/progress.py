"""The public progress of a campaign: letters and motions so far, by region, and councils that passed it.

Counts come only from action records (no personal data). Totals are the staff dashboard's aggregates
over the running counts; the split by region and kind reads the actions table once. The result is
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
from ..web.cache import cache
from .sources import PassedMotion, passed_motions

UNKNOWN_REGION = "Region not known"


@dataclass(frozen=True)
class RegionProgress:
    name: str
    letters: int
    motions: int  # motions passed when reports exist, else motions drafted


@dataclass(frozen=True)
class Progress:
    campaign: str
    letters: int
    letters_to_mps: int
    letters_to_councils: int
    motions_drafted: int
    passed: list[PassedMotion] | None  # None while no motion reports are recorded anywhere
    regions: list[RegionProgress]
    counted_at: dt.datetime  # UTC

    @property
    def motions_by_report(self) -> bool:
        return self.passed is not None


def _actions_by_region(campaign: str) -> dict[str, dict[str, int]]:
    """{region name: {kind: actions}}. England's regions, else the nation (Scotland has no region)."""
    where = func.coalesce(Action.region, Action.country, "")
    rows = db.session.execute(
        select(where, Action.kind, func.count()).where(Action.campaign == campaign).group_by(where, Action.kind))
    found: dict[str, dict[str, int]] = {}
    for name, kind, total in rows:
        found.setdefault(name or UNKNOWN_REGION, {})[kind] = int(total)
    return found


def count_progress(campaign: str, *, now: dt.datetime | None = None) -> Progress:
    """Count the campaign's progress now (no cache)."""
    totals = totals_by_kind_and_channel(campaign, Period())
    by_kind = {kind: sum(n for (k, _), n in totals.items() if k == kind) for kind in (*LETTER_KINDS, "motion")}
    passed = passed_motions(campaign)
    by_region = _actions_by_region(campaign)
    passed_by_region: dict[str, int] = {}
    for motion in passed or []:
        name = motion.region or UNKNOWN_REGION
        passed_by_region[name] = passed_by_region.get(name, 0) + 1
    names = set(by_region) | set(passed_by_region)
    regions = [RegionProgress(
        name,
        letters=sum(by_region.get(name, {}).get(kind, 0) for kind in LETTER_KINDS),
        motions=passed_by_region.get(name, 0) if passed is not None else by_region.get(name, {}).get("motion", 0))
        for name in names]
    # Most letters first; the unknown region last whatever its count, as it is not a place to compare.
    regions.sort(key=lambda r: (r.name == UNKNOWN_REGION, -r.letters, -r.motions, r.name))
    return Progress(
        campaign=campaign,
        letters=by_kind["letter_mp"] + by_kind["letter_council"],
        letters_to_mps=by_kind["letter_mp"],
        letters_to_councils=by_kind["letter_council"],
        motions_drafted=by_kind["motion"],
        passed=passed,
        regions=[r for r in regions if r.letters or r.motions],
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
