"""The staff list: constituencies with most letters to their MP, those with none, and councils written to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from ..actions.models import Action
from ..db import db

TOP = 20


@dataclass(frozen=True)
class PlaceLetters:
    code: str
    name: str
    letters: int


def letters_by_place(campaign: str, kind: str, code_column, name_column, since: dt.date) -> list[PlaceLetters]:
    """Letters of ``kind`` per place since ``since``, most first (places with none are absent)."""
    rows = db.session.execute(
        select(code_column, func.max(name_column), func.count(Action.id))
        .where(Action.campaign == campaign, Action.kind == kind, code_column.is_not(None),
               Action.created_at >= dt.datetime.combine(since, dt.time.min))
        .group_by(code_column))
    found = [PlaceLetters(code, name or code, int(n)) for code, name, n in rows]
    return sorted(found, key=lambda p: (-p.letters, p.name))


def constituency_lists(campaign: str, since: dt.date, all_constituencies: list[tuple[str, str]]
                       ) -> tuple[list[PlaceLetters], list[tuple[str, str]]]:
    """(the TOP constituencies with most letters to their MP, every known constituency with none)."""
    written = letters_by_place(campaign, "letter_mp", Action.constituency_code, Action.constituency_name, since)
    codes = {place.code for place in written}
    return written[:TOP], [place for place in all_constituencies if place[0] not in codes]


def council_list(campaign: str, since: dt.date) -> list[PlaceLetters]:
    return letters_by_place(campaign, "letter_council", Action.council_code, Action.council_name, since)[:TOP]
