"""find_representatives: postcode -> constituency, MP and councils, using the clients and the directory."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from .councils import Area, councils_for
from .directory import directory_seat, last_synced
from .errors import UpstreamUnavailable
from .http import Upstream, make_breaker, make_session
from .members import DEFAULT_ADDRESS, contact_for, find_seat
from .postcodes import (PostcodeArea, crown_dependency_of, crown_dependency_problem, is_crown_dependency,
                        lookup_postcode, normalise_postcode)
from .representatives import FROM_DIRECTORY, FROM_PARLIAMENT, MP, UNAVAILABLE, Representatives

EXTENSION = "advocacy.lookup"


@dataclass(frozen=True)
class LookupClients:
    postcodes: Upstream
    members: Upstream


def init_app(app: Flask) -> None:
    config = app.config
    session = make_session(config, Path(app.instance_path))
    timeout = (config["ADVOCACY_HTTP_CONNECT_TIMEOUT"], config["ADVOCACY_HTTP_READ_TIMEOUT"])
    app.extensions[EXTENSION] = LookupClients(
        postcodes=Upstream("postcodes", "the postcode finder (postcodes.io)", config["ADVOCACY_POSTCODES_API_URL"],
                           session, make_breaker("postcodes", config), timeout),
        members=Upstream("members", "the UK Parliament Members API", config["ADVOCACY_MEMBERS_API_URL"],
                         session, make_breaker("members", config), timeout),
    )


def lookup_clients() -> LookupClients:
    return current_app.extensions[EXTENSION]


def find_representatives(postcode: str) -> Representatives:
    """Who represents ``postcode`` (any case and spacing). Raises a LookupProblem subclass:
    PostcodeProblem (400), PostcodeNotFound / PostcodeTerminated / CrownDependency (404),
    UpstreamUnavailable (503, postcodes.io down and nothing cached)."""
    normalised = normalise_postcode(postcode)
    clients = lookup_clients()
    try:
        area, fetched = lookup_postcode(clients.postcodes, normalised)
    except UpstreamUnavailable:
        place = crown_dependency_of(normalised)
        if place:  # we know that much without asking anyone
            raise crown_dependency_problem(normalised, place) from None
        raise UpstreamUnavailable("We cannot look up postcodes right now. Try again in a few minutes, or "
                                  "choose your constituency from the list.") from None
    if is_crown_dependency(area):
        raise crown_dependency_problem(normalised, crown_dependency_of(normalised) or area.country)
    councils = councils_for(area)
    mp, vacant, source, mp_checked, parliament_id, mp_stale = _mp_for(clients.members, area)
    return Representatives(
        postcode=area.postcode,
        country=area.country,
        region=area.region,
        constituency=Area(area.constituency_name, area.constituency_code) if area.constituency_name else None,
        mp=mp,
        vacant=vacant,
        council=councils.council,
        county=councils.county,
        children_services_authority=councils.children_services_authority,
        ward=Area(area.ward_name, area.ward_code) if area.ward_name else None,
        mp_source=source,
        postcode_checked_at=fetched.checked_at,
        mp_checked_at=mp_checked,
        parliament_constituency_id=parliament_id,
        stale=fetched.stale or mp_stale,
    )


def _mp_for(members: Upstream, area: PostcodeArea):
    """(mp, vacant, source, checked_at, parliament constituency id, stale)."""
    if not area.constituency_name:
        return None, False, UNAVAILABLE, None, None, False
    try:
        seat, fetched = find_seat(members, area.constituency_name)
    except UpstreamUnavailable:
        seat = None
    if seat is None:  # the API is down, or does not know the seat: our synced copy may
        return _mp_from_directory(area)
    if seat.member is None:
        return None, True, FROM_PARLIAMENT, fetched.checked_at, seat.parliament_id, fetched.stale
    member = seat.member
    try:
        contact, contact_fetched = contact_for(members, member.member_id)
        email, address, stale = contact.email, contact.address_lines, fetched.stale or contact_fetched.stale
    except UpstreamUnavailable:
        known = directory_seat(area.constituency_code, area.constituency_name)
        email = known.mp.email if known is not None and known.mp is not None else None
        address, stale = DEFAULT_ADDRESS, True
    mp = MP(name=member.name, party=member.party, email=email, member_id=member.member_id,
            thumbnail_url=member.thumbnail_url, address_lines=address)
    return mp, False, FROM_PARLIAMENT, fetched.checked_at, seat.parliament_id, stale


def _mp_from_directory(area: PostcodeArea):
    seat = directory_seat(area.constituency_code, area.constituency_name)
    if seat is None:
        return None, False, UNAVAILABLE, None, None, True
    synced = _aware(seat.mp.synced_at if seat.mp else last_synced())
    if seat.mp is None:
        return None, True, FROM_DIRECTORY, synced, seat.parliament_id, True
    mp = MP(name=seat.mp.name, party=seat.mp.party, email=seat.mp.email, member_id=seat.mp.member_id,
            thumbnail_url=seat.mp.thumbnail_url)
    return mp, False, FROM_DIRECTORY, synced, seat.parliament_id, True


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.timezone.utc) if value is not None and value.tzinfo is None else value
