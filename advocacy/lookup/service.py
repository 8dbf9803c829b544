"""find_representatives: postcode -> constituency, MP and councils, using the clients and the directory."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from flask import Flask, current_app

from .councils import Area, Councils, councils_for
from .directory import directory_seat, last_synced
from .errors import PostcodeProblem, UpstreamUnavailable
from .govuk import AddressChoice, LocalAuthority, councils_for_postcode, local_authority, plain_council_name, slug_codes
from .http import Upstream, make_breaker, make_session
from .members import DEFAULT_ADDRESS, contact_for, find_seat
from .postcodes import (PostcodeArea, crown_dependency_of, crown_dependency_problem, is_crown_dependency,
                        lookup_postcode, normalise_postcode, postcode_remembered)
from .representatives import (COUNCIL_FROM_GOVUK, COUNCIL_FROM_POSTCODES, DISSOLVED, FROM_DIRECTORY, FROM_PARLIAMENT,
                              MP, UNAVAILABLE, Representatives)

EXTENSION = "advocacy.lookup"


@dataclass(frozen=True)
class LookupClients:
    postcodes: Upstream
    members: Upstream
    govuk: Upstream


def init_app(app: Flask) -> None:
    config = app.config
    session = make_session(config, Path(app.instance_path))
    timeout = (config["ADVOCACY_HTTP_CONNECT_TIMEOUT"], config["ADVOCACY_HTTP_READ_TIMEOUT"])
    app.extensions[EXTENSION] = LookupClients(
        postcodes=Upstream("postcodes", "the postcode finder (postcodes.io)", config["ADVOCACY_POSTCODES_API_URL"],
                           session, make_breaker("postcodes", config), timeout),
        members=Upstream("members", "the UK Parliament Members API", config["ADVOCACY_MEMBERS_API_URL"],
                         session, make_breaker("members", config), timeout),
        govuk=Upstream("govuk", "GOV.UK's local authority finder", config["ADVOCACY_GOVUK_API_URL"],
                       session, make_breaker("govuk", config), timeout),
    )


def lookup_clients() -> LookupClients:
    return current_app.extensions[EXTENSION]


def find_representatives(postcode: str, council_slug: str | None = None) -> Representatives:
    """Who represents ``postcode`` (any case and spacing). Raises a LookupProblem subclass:
    PostcodeProblem (400), PostcodeNotFound / PostcodeTerminated / CrownDependency (404),
    UpstreamUnavailable (503, postcodes.io down and nothing cached).

    ``council_slug``: the GOV.UK council of the address the resident picked, for a postcode split between
    councils (``council_choices`` lists them); ignored when it is not one of the postcode's councils.
    While Parliament is dissolved there is no MP (``dissolution`` says why), whatever any cache holds."""
    from ..elections.dissolution import parliament_dissolved

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
    councils, council_found = _councils(clients.govuk, area, council_slug)
    dissolution = parliament_dissolved()
    if dissolution is not None:  # no MPs until the election: never name the former one
        mp, vacant, source, mp_checked, parliament_id, mp_stale = None, False, DISSOLVED, None, None, False
    else:
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
        # postcodes.io sometimes knows a ward's code but not yet its name: keep the code
        ward=Area(area.ward_name, area.ward_code) if area.ward_name or area.ward_code else None,
        mp_source=source,
        postcode_checked_at=fetched.checked_at,
        mp_checked_at=mp_checked,
        parliament_constituency_id=parliament_id,
        stale=fetched.stale or mp_stale,
        postcode_stale=fetched.stale,
        mp_stale=mp_stale,
        dissolution=dissolution,
        council_choices=council_found.choices,
        council_slug=council_found.slug,
        council_source=council_found.source,
        council_checked_at=council_found.checked_at,
    )


def answered_recently(postcode: str) -> bool:
    """This process found ``postcode`` (any spelling) within the last minute, so looking it up again asks
    no outside service: its answers (the postcode's, then its MP's and council's, fetched together) are
    in the memo. For the API's rate limit, which guards what a look-up costs."""
    try:
        return while_remembered(postcode)()
    except PostcodeProblem:
        return False


def while_remembered(postcode: str) -> Callable[[], bool]:
    """A check, callable outside any request, that holds while this process's memo still has ``postcode``'s
    answer (at most a minute; never after the memo is cleared): how long a finished answer about it may be
    sent again as it is."""
    postcodes = lookup_clients().postcodes
    normalised = normalise_postcode(postcode)
    return lambda: postcode_remembered(postcodes, normalised)


@dataclass(frozen=True)
class _CouncilFound:
    choices: tuple[AddressChoice, ...] = ()  # the postcode's addresses, when they are in different councils
    slug: str | None = None  # the council picked by address
    source: str = COUNCIL_FROM_POSTCODES
    checked_at: dt.datetime | None = None


def _councils(govuk: Upstream, area: PostcodeArea, chosen: str | None) -> tuple[Councils, _CouncilFound]:
    """postcodes.io's councils, unless GOV.UK says the postcode is split and the resident picked an address.
    GOV.UK being down or not knowing the postcode is not an error: postcodes.io's answer stands."""
    centre = councils_for(area)
    if not area.district_name or area.country not in ("England", "Scotland", "Wales", "Northern Ireland"):
        return centre, _CouncilFound()
    try:
        answer = councils_for_postcode(govuk, area.postcode)
    except UpstreamUnavailable:
        return centre, _CouncilFound()
    if answer is None or not answer.split:
        return centre, _CouncilFound()
    choices = answer.addresses
    if chosen is None or chosen not in {c.slug for c in choices}:
        return centre, _CouncilFound(choices, None, COUNCIL_FROM_POSTCODES, answer.fetched.checked_at)
    try:
        authority, fetched = local_authority(govuk, chosen)
    except (UpstreamUnavailable, ValueError):  # down, or a slug we would not put in a URL
        authority, fetched = None, None
    if authority is None:  # GOV.UK listed it a moment ago; name it as listed
        name = next(c.council_name for c in choices if c.slug == chosen)
        authority = LocalAuthority(chosen, name, "unitary")
    councils = _councils_of(area, authority, centre)
    checked = fetched.checked_at if fetched is not None else answer.fetched.checked_at
    return councils, _CouncilFound(choices, chosen, COUNCIL_FROM_GOVUK, checked)


def _councils_of(area: PostcodeArea, authority: LocalAuthority, centre: Councils) -> Councils:
    from .councils import children_services_authority

    known = [centre.council, centre.county]
    council = _area_of(authority.slug, authority.name, known)
    county = _area_of(authority.parent.slug, authority.parent.name, known) if authority.parent else None
    if authority.tier == "district" and county is not None:
        csa = None if area.country == "Northern Ireland" else county
        return Councils(council, county, csa)
    return Councils(council, None, children_services_authority(area.country, council, None))


def _area_of(slug: str, name: str, known: list[Area | None]) -> Area:
    """GOV.UK's council as an Area with its GSS code: postcodes.io's when it is the same council, else
    local-links-manager's list (ADVOCACY_COUNCIL_SLUGS_CSV), else unknown."""
    plain = plain_council_name(name)
    for candidate in known:
        if candidate is not None and plain_council_name(candidate.name) == plain:
            return candidate
    path = current_app.config.get("ADVOCACY_COUNCIL_SLUGS_CSV")
    row = slug_codes(Path(path)).get(slug) if path else None
    return Area(name, row.gss if row else _registered_council_code(name))


def _registered_council_code(name: str) -> str | None:
    """The code of the council with exactly this name in the councils register the motions work imports
    from the same GOV.UK file (`motions import-councils local-authorities.csv`), if it is there."""
    try:
        from ..motions.models import Council
    except ImportError:  # pragma: no cover - the motions capability is optional
        return None
    from ..db import db

    return db.session.scalar(db.select(Council.code).where(db.func.lower(Council.name) == name.lower()).limit(1))


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
