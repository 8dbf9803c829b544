"""An evidence pack: what residents of one constituency or council asked for, as counts only.

``build_pack`` reads the action records (never the supporters table: no names, addresses or emails can
reach a pack) and the local figures, and returns an ``EvidencePack`` whose every count is already a
display string with small numbers suppressed (``suppress``). The PDF, the CSV and the staff page all
render that one object, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, Sequence

from sqlalchemy import extract, func, select

from ..actions.models import Action, ActionAsk
from ..campaigns import Campaign
from ..db import db
from ..documents.typography import MONTHS, format_date
from . import sources
from .suppress import THRESHOLD, bar_width, shown, shown_breakdown

PlaceType = Literal["constituency", "council"]
MAX_MONTHS = 12  # a pack is one or two pages: older months are added up in one row
MAX_NEARBY = 10


class UnknownPlace(LookupError):
    """No constituency or council with that code is known; the message says so."""


@dataclass(frozen=True)
class Row:
    label: str
    shown: str
    bar: int = 0  # percent of the longest bar; 0 when the count is hidden


@dataclass(frozen=True)
class FigureRow:
    label: str
    area_name: str
    latest: str
    latest_year: str
    change: str  # "up 77% since 2015/16" or "not published"
    per_10k: str
    england_latest: str
    england_change: str


@dataclass(frozen=True)
class NearbyCouncil:
    name: str
    passed_on: str  # "14 October 2026"


@dataclass
class EvidencePack:
    campaign: str  # title
    campaign_slug: str
    place_type: PlaceType
    code: str
    name: str
    recipient: str  # "Alex Sobel MP", "Leeds City Council" or the place's name
    since: dt.date
    until: dt.date
    letters: int  # exact, for the tests and the staff list; never printed below THRESHOLD
    headline: str
    other_letters: str | None  # letters the same residents wrote to their council (or, for a council, MPs)
    months: list[Row]
    asks: list[Row]
    asks_note: str
    figures_area: str | None
    figures: list[FigureRow]
    figures_note: str
    figure_sources: tuple[str, ...]  # where the figures come from, one line each
    region: str | None
    nearby: list[NearbyCouncil] | None  # None: motions are not tracked (yet)
    nearby_note: str
    generated: dt.date = field(default_factory=dt.date.today)

    @property
    def title(self) -> str:
        return f"Evidence pack: {self.name}"

    @property
    def since_fmt(self) -> str:
        return format_date(self.since)

    @property
    def filename(self) -> str:
        return f"{self.campaign_slug}-evidence-{self.place_type}-{self.code}"


# --- counting ---

def _letters_query(campaign: str, place_type: PlaceType, code: str, kinds: Sequence[str], since: dt.date,
                   until: dt.date):
    where = [Action.campaign == campaign, Action.kind.in_(kinds),
             Action.created_at >= dt.datetime.combine(since, dt.time.min),
             Action.created_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min)]
    if place_type == "constituency":
        where.append(Action.constituency_code == code)
    else:  # a county's pack counts letters from residents of its districts too (an IN list keeps the index)
        where.append(Action.council_code.in_(sources.councils_covered(code)))
    return where


def letter_key():
    """One value per letter. The letter journey records each output of a draft (PDF, email draft, .eml,
    "I've sent it") as its own action, with an idempotency key that starts with the draft's hash: a letter
    downloaded and also emailed is one letter. Any other action is a letter of its own."""
    from ..letters.service import letter_identity

    return letter_identity()


def _letters(where):
    """Each letter with the time of its first action in the period."""
    key = letter_key()
    return (select(key.label("letter"), func.min(Action.created_at).label("first"))
            .where(*where).group_by(key).subquery())


def count_letters(campaign: str, place_type: PlaceType, code: str, kinds: Sequence[str], since: dt.date,
                  until: dt.date) -> int:
    letters = _letters(_letters_query(campaign, place_type, code, kinds, since, until))
    return int(db.session.scalar(select(func.count()).select_from(letters)))


def letters_per_month(campaign: str, place_type: PlaceType, code: str, kinds: Sequence[str], since: dt.date,
                      until: dt.date) -> list[tuple[dt.date, int]]:
    """Letters in each calendar month from ``since`` to ``until`` (months without any included, as 0), each
    letter in the month of its first output, so the months add up to the total."""
    letters = _letters(_letters_query(campaign, place_type, code, kinds, since, until))
    year, month = extract("year", letters.c.first), extract("month", letters.c.first)
    rows = db.session.execute(select(year, month, func.count()).group_by(year, month))
    counted = {(int(y), int(m)): int(n) for y, m, n in rows}
    months, day = [], since.replace(day=1)
    while day <= until:
        months.append((day, counted.get((day.year, day.month), 0)))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def asks_chosen(campaign: str, place_type: PlaceType, code: str, kinds: Sequence[str], since: dt.date,
                until: dt.date) -> tuple[Counter, int]:
    """(letters per ask id, letters with any ask recorded): each letter's asks once, however many outputs."""
    where = _letters_query(campaign, place_type, code, kinds, since, until)
    key = letter_key()
    pairs = (select(key.label("letter"), ActionAsk.ask_id.label("ask"))
             .join(ActionAsk, ActionAsk.action_id == Action.id).where(*where).distinct().subquery())
    per_ask = Counter({ask: int(n) for ask, n in db.session.execute(
        select(pairs.c.ask, func.count()).group_by(pairs.c.ask))})
    with_asks = int(db.session.scalar(select(func.count(func.distinct(pairs.c.letter)))))
    return per_ask, with_asks


def _month_label(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def month_rows(months: list[tuple[dt.date, int]]) -> list[Row]:
    if len(months) > MAX_MONTHS:
        older, months = months[:-(MAX_MONTHS - 1)], months[-(MAX_MONTHS - 1):]
        labelled = [(f"{_month_label(older[0][0])} to {_month_label(older[-1][0])}", sum(n for _, n in older))]
    else:
        labelled = []
    labelled += [(_month_label(day), n) for day, n in months]
    cells = shown_breakdown([n for _, n in labelled])
    exact = [cell.replace(",", "").isdigit() for cell in cells]  # a bar would give a withheld number away
    largest = max((n for (_, n), is_exact in zip(labelled, exact) if is_exact), default=0)
    return [Row(label, cell, bar_width(n, largest) if is_exact else 0)
            for (label, n), cell, is_exact in zip(labelled, cells, exact)]


# --- the pack ---

def headline(place_type: PlaceType, name: str, letters: int, since: dt.date) -> str:
    to = "you" if place_type == "constituency" else "the council"
    when = f"since {format_date(since)}"
    if letters == 0:
        return f"No residents of {name} have written to {to} about children's services {when} yet."
    return f"Residents of {name} wrote {shown(letters)} letters to {to} about children's services {when}."


def _figure_rows(campaign: Campaign, council_code: str | None) -> tuple[str | None, list[FigureRow], bool]:
    from ..localdata import figures_for, figures_for_england

    england = figures_for_england(campaign.measures or None)
    local = figures_for(council_code, campaign.measures or None) if council_code else None
    source = local or england
    rows = []
    for name, measure in source.measures.items():
        whole = england.measures.get(name)
        change = (f"{measure.change_fmt} since {_year(measure.earlier_year)}"
                  if measure.earlier_year and measure.change_pct is not None else "not published")
        england_change = (f"{whole.change_fmt} since {_year(whole.earlier_year)}"
                          if whole and whole.earlier_year and whole.change_pct is not None else "not published")
        rows.append(FigureRow(
            label=measure.label[:1].upper() + measure.label[1:], area_name=measure.area_name,
            latest=_number(measure.latest), latest_year=_year(measure.latest_year), change=change,
            per_10k=f"{measure.per_10k:,.1f}" if measure.per_10k is not None else "not published",
            england_latest=_number(whole.latest) if whole else "not published", england_change=england_change))
    return (source.area_name if local else None), rows, source.sources


def _number(value: float | None) -> str:
    from ..localdata.figures import number_fmt

    return number_fmt(value)


def _year(year: int | None) -> str:
    from ..localdata.ees import year_label

    return year_label(year) if year else "not published"


def build_pack(campaign: Campaign, place_type: PlaceType, code: str, *, since: dt.date | None = None,
               today: dt.date | None = None) -> EvidencePack:
    """The evidence pack for one constituency (letters to its MP) or council (letters to the council)."""
    code = (code or "").strip().upper()
    until = today or dt.date.today()
    since = since or campaign.opens
    place = sources.find_place(campaign.slug, place_type, code)
    if place is None:
        what = "constituency" if place_type == "constituency" else "council"
        raise UnknownPlace(f"There is no {what} with the code {code!r} in the MP directory, the local figures "
                           "or the action records. Check the code (e.g. E14001331 for a constituency, "
                           "E08000035 for a council).")
    kinds = ("letter_mp",) if place_type == "constituency" else ("letter_council",)
    letters = count_letters(campaign.slug, place_type, code, kinds, since, until)
    other_kind, other_to = (("letter_mp", "their MPs") if place_type == "council"
                            else ("letter_council", "their council"))
    others = count_letters(campaign.slug, place_type, code, (other_kind,), since, until)
    other = f"Residents of {place.name} also wrote {shown(others)} letters to {other_to}." if others else None

    per_ask, with_asks = asks_chosen(campaign.slug, place_type, code, kinds, since, until)
    titles = {ask.id: ask.title for ask in campaign.asks}
    ranked = sorted(((titles.get(ask, ask), n) for ask, n in per_ask.items()), key=lambda item: (-item[1], item[0]))
    asks = [Row(title, shown(n)) for title, n in ranked]
    if not with_asks:
        asks_note = "Which asks residents chose is recorded only for letters that list them; none here do yet."
    else:
        asks_note = (f"From the {shown(with_asks)} letters that record which asks were chosen; a letter can "
                     "include several.")

    council_for_figures = code if place_type == "council" else sources.main_authority(campaign.slug, code)
    figures_area, figures, figure_sources = _figure_rows(campaign, council_for_figures)
    if place_type == "constituency" and council_for_figures is None:
        figures_note = ("No letter from this constituency yet names its council, so these are England's figures.")
    elif place_type == "constituency":
        figures_note = f"Figures for {figures_area}, the council most letters from this constituency came from."
    else:
        figures_note = f"Figures for {figures_area}, the council responsible for children's services here."

    region = place.region
    passed = sources.passed_motions(campaign.slug)
    if passed is None:
        nearby, nearby_note = None, "Councils' motions are not tracked in this app yet."
    else:
        nearby = [NearbyCouncil(p.council_name, format_date(p.passed_on)) for p in passed
                  if region and (p.region or "").casefold() == region.casefold() and p.council_code != code]
        nearby_note = (f"Councils in {region} that passed the motion." if region
                       else "This place's region is not known, so nearby councils cannot be listed.")
        if len(nearby) > MAX_NEARBY:
            nearby_note = (f"The {MAX_NEARBY} councils in {region} that passed the motion most recently, of "
                           f"{len(nearby)}.")
            nearby = nearby[:MAX_NEARBY]
    return EvidencePack(
        campaign=campaign.title, campaign_slug=campaign.slug, place_type=place_type, code=code, name=place.name,
        recipient=place.recipient, since=since, until=until, letters=letters,
        headline=headline(place_type, place.name, letters, since), other_letters=other,
        months=month_rows(letters_per_month(campaign.slug, place_type, code, kinds, since, until)),
        asks=asks, asks_note=asks_note, figures_area=figures_area, figures=figures, figures_note=figures_note,
        figure_sources=figure_sources, region=region, nearby=nearby, nearby_note=nearby_note, generated=until)
