"""What evidence packs need from other capabilities, in one place: names and regions of places, the
council whose figures a constituency's letters used, and the councils that passed the motion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from ..actions.models import Action
from ..db import db


@dataclass(frozen=True)
class PackPlace:
    name: str
    recipient: str  # who the pack is for: "Alex Sobel MP", "Leeds City Council"
    region: str | None


@dataclass(frozen=True)
class PassedMotion:
    council_code: str
    council_name: str
    passed_on: dt.date
    region: str | None


def _latest_action(campaign: str, code_column, code: str) -> Action | None:
    return db.session.scalar(select(Action).where(Action.campaign == campaign, code_column == code)
                             .order_by(Action.created_at.desc()).limit(1))


def find_place(campaign: str, place_type: str, code: str) -> PackPlace | None:
    """Name, recipient and region of a constituency or council; None when no source knows the code."""
    if place_type == "constituency":
        from ..lookup.directory import directory_seat

        seat = directory_seat(code, None)
        if seat is not None:
            recipient = f"{seat.mp.name} MP" if seat.mp else f"the MP for {seat.name}"
            return PackPlace(seat.name, recipient, seat.region)
        action = _latest_action(campaign, Action.constituency_code, code)
        if action is None or not action.constituency_name:
            return None
        return PackPlace(action.constituency_name, f"the MP for {action.constituency_name}", action.region)
    name = council_name(campaign, code)
    if name is None:
        return None
    return PackPlace(name, name, region_of_council(code) or _action_region(campaign, code))


def council_name(campaign: str, code: str) -> str | None:
    from ..councilrules.service import get_rules
    from ..localdata.models import CouncilLookup
    from ..localdata.store import current_snapshot

    action = _latest_action(campaign, Action.council_code, code)
    if action is not None and action.council_name:
        return action.council_name
    rules = get_rules(code)
    if rules is not None:
        return rules.council_name
    from ..motions.finder import get_council

    registered = get_council(code)
    if registered is not None:
        return registered.name
    known = current_snapshot().names.get(code)
    if known:
        return known
    return db.session.scalar(select(CouncilLookup.ltla_name).where(CouncilLookup.ltla_code == code))


def _action_region(campaign: str, code: str) -> str | None:
    action = _latest_action(campaign, Action.council_code, code) or _latest_action(campaign, Action.authority_code, code)
    return action.region if action else None


def region_of_council(code: str) -> str | None:
    """The English region of a council (its children's services authority's region in the statistics)."""
    from ..localdata.store import children_services_authority, current_snapshot

    snapshot = current_snapshot()
    authority = children_services_authority(code)
    for candidate in ([authority[0]] if authority else []) + [code]:
        for series in snapshot.measures.values():
            if candidate in series.regions:
                return series.regions[candidate][1]
    return None


def councils_covered(code: str) -> list[str]:
    """The council itself and, for a county, its districts (whose residents' letters the county answers)."""
    from ..localdata.store import current_snapshot

    districts = [district for district, (county, _) in current_snapshot().lookup.items()
                 if county == code and district != code]
    return [code, *sorted(districts)]


def main_authority(campaign: str, constituency_code: str) -> str | None:
    """The children's services authority most of a constituency's letters used (None before any letter)."""
    row = db.session.execute(
        select(Action.authority_code, func.count()).where(Action.campaign == campaign,
                                                          Action.constituency_code == constituency_code,
                                                          Action.authority_code.is_not(None))
        .group_by(Action.authority_code).order_by(func.count().desc(), Action.authority_code).limit(1)).first()
    return row[0] if row else None


def passed_motions(campaign: str) -> list[PassedMotion] | None:
    """Councils whose councillors reported this campaign's motion passed (with or without amendments) and
    whose report was verified, the latest report per council, from the motions capability's report-back records."""
    from ..motions.models import PASSED, MotionReport, public_reports

    rows = db.session.execute(
        select(MotionReport.council_code, func.max(MotionReport.council_name), func.max(MotionReport.tabled_on))
        .where(MotionReport.campaign == campaign, MotionReport.outcome.in_(PASSED), public_reports())
        .group_by(MotionReport.council_code))
    found = [PassedMotion(code, name, passed_on, region_of_council(code)) for code, name, passed_on in rows]
    return sorted(found, key=lambda p: (p.passed_on, p.council_name), reverse=True)
