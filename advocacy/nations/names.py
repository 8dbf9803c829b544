"""Saying a council's or an area's name right, in every sentence: one place for letters, motions, pages and
documents (and, through the template context, campaign templates).

    say = council_names("E06000053", "Isles of Scilly")
    say.official    "Council of the Isles of Scilly"     (the official name, as an address block has it)
    say.name        "the Council of the Isles of Scilly" (the official name in a sentence: who is asked to act)
    say.area        "the Isles of Scilly"                (the place, with its article)
    say.in_area     "in the Isles of Scilly"
    say.possessive  "the Council of the Isles of Scilly's"
    say.area_possessive "the Isles of Scilly's"

Official and short names come from the council register (advocacy.motions.models.Council, filled by the
data release). A council missing from the register, or a register from before short names, falls back to
the name the lookup gave, so an older database still reads sensibly.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..db import db
from ..memo import forget_held, held_by_app

_NAMES_FILE = Path(__file__).with_name("place_names.toml")
# Official-name endings dropped to get the place ("Kent County Council" -> "Kent"), longest first.
_SUFFIXES = re.compile(r"\s+(metropolitan borough|county borough|royal borough|borough|city|county|district|"
                       r"city and district|islands)?\s*(council|corporation)$", re.IGNORECASE)
_PREFIXES = re.compile(r"^(council of the |london borough of |royal borough of )", re.IGNORECASE)
_NAMES_A_BODY = re.compile(r"\b(council|corporation|comhairle|borough of)\b", re.IGNORECASE)


@cache
def _article_rules() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    data = tomllib.loads(_NAMES_FILE.read_text(encoding="utf-8"))
    return (tuple(p.lower() for p in data["prefixes"]), frozenset(n.lower() for n in data["names"]),
            tuple(p.lower() for p in data["official_prefixes"]))


def official_in_sentence(official: str) -> str:
    """'Council of the Isles of Scilly' -> 'the Council of the Isles of Scilly'; 'Leeds City Council' as is."""
    official = official.strip()
    if official.lower().startswith(_article_rules()[2]):
        return f"the {official}"
    return official


def with_article(place: str) -> str:
    """'Isles of Scilly' -> 'the Isles of Scilly'; 'Leeds' -> 'Leeds'; a name that already has it is kept."""
    place = place.strip()
    lowered = place.lower()
    if lowered.startswith("the "):
        return "the " + place[4:]
    prefixes, names, _ = _article_rules()
    if lowered.startswith(prefixes) or lowered in names:
        return f"the {place}"
    return place


def place_of(official: str) -> str:
    """The place an official council name is about: 'Leeds City Council' -> 'Leeds', 'Council of the Isles
    of Scilly' -> 'Isles of Scilly', 'London Borough of Bromley' -> 'Bromley'. For names in no register."""
    place = _SUFFIXES.sub("", official.strip())
    place = _PREFIXES.sub("", place)
    return place.strip() or official.strip()


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("'") else f"{name}'s"


def capfirst(text: str) -> str:
    """Upper-case the first letter only ('the Isles of Scilly' -> 'The Isles of Scilly')."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class CouncilName:
    code: str | None
    official: str  # "Leeds City Council", "Council of the Isles of Scilly"
    short_name: str  # the place, bare: "Leeds", "Isles of Scilly"

    @property
    def name(self) -> str:
        return official_in_sentence(self.official)

    @property
    def area(self) -> str:
        return with_article(self.short_name)

    @property
    def in_area(self) -> str:
        return f"in {self.area}"

    @property
    def possessive(self) -> str:
        return possessive(self.name)

    @property
    def area_possessive(self) -> str:
        return possessive(self.area)

    def as_template_dict(self) -> dict[str, str]:
        return {"code": self.code or "", "name": self.name, "official": self.official,
                "short_name": self.short_name, "area": self.area,
                "in_area": self.in_area, "possessive": self.possessive, "area_possessive": self.area_possessive}


EXTENSION = "advocacy.nations.register"
RECHECK_SECONDS = 5.0  # how soon a register change made by another worker shows in this one


def _registered(code: str | None) -> tuple[str, str | None] | None:
    """(official name, short name) of council ``code`` in the register.

    The whole register (a few hundred names) is held per app and read again at most every RECHECK_SECONDS,
    like the data release's sources: every letter names its council several times, and a read per letter
    was a database round trip on every submission. A change made in this process shows at once
    (forget_register, called when a session that touched the register commits)."""
    return held_by_app(EXTENSION, _read_register, RECHECK_SECONDS).get(code) if code else None


def _read_register() -> dict[str, tuple[str, str | None]]:
    from ..motions.models import Council  # the register; imported here to keep this module's import light

    with db.session.no_autoflush:  # called while a letter draft is half-built in the session
        rows = db.session.execute(select(Council.code, Council.name, Council.short_name)).all()
    return {code: (name, short_name) for code, name, short_name in rows}


def forget_register() -> None:
    """Read the register again on next use (this process changed it)."""
    forget_held(EXTENSION)


# A session that wrote to the register (an edited row, or a data release replacing it with bulk statements)
# makes this process read it again once the change is committed.
_TOUCHED = "advocacy_register_touched"


def _is_register(mapper) -> bool:  # noqa: ANN001
    return mapper is not None and mapper.class_.__tablename__ == "councils"


@event.listens_for(Session, "after_flush")
def _note_register_rows(session: Session, flush_context) -> None:  # noqa: ANN001, ARG001
    if any(_is_register(getattr(obj, "__mapper__", None)) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info[_TOUCHED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_register_statements(state) -> None:  # noqa: ANN001
    if (state.is_insert or state.is_update or state.is_delete) and _is_register(state.bind_mapper):
        state.session.info[_TOUCHED] = True


@event.listens_for(Session, "after_commit")
def _forget_changed_register(session: Session) -> None:
    if session.info.pop(_TOUCHED, False):
        forget_register()


@event.listens_for(Session, "after_soft_rollback")
def _forget_abandoned_register(session: Session, previous_transaction) -> None:  # noqa: ANN001, ARG001
    if session.info.pop(_TOUCHED, False):  # it may have been read half-written in this session
        forget_register()


def _listed_name(code: str | None) -> str | None:
    """The official name in local-links-manager's list of councils (ADVOCACY_COUNCIL_SLUGS_CSV), if set."""
    from flask import current_app

    from ..lookup.govuk import slug_codes

    path = current_app.config.get("ADVOCACY_COUNCIL_SLUGS_CSV") if code else None
    if not path or not Path(path).is_file():
        return None
    return next((row.name for row in slug_codes(Path(path)).values() if row.gss == code and row.name), None)


def council_names(code: str | None, fallback: str) -> CouncilName:
    """How to say the council with GSS ``code``; ``fallback`` is the name the lookup gave ('Leeds',
    'Kent County Council') for a council the register does not hold.

    Remembered for the rest of the request: one letter asks for the same council's names a dozen times
    (subject, address block, figures, preview), and the register row it reads is not kept by the session
    between calls, so each ask was a database round trip (a third of a letter submission's queries)."""
    from flask import g, has_request_context

    if not has_request_context():
        return _council_names(code, fallback)
    said: dict = g.setdefault("_advocacy_council_names", {})
    key = (code, fallback)
    if key not in said:
        said[key] = _council_names(code, fallback)
    return said[key]


def _council_names(code: str | None, fallback: str) -> CouncilName:
    registered = _registered(code)
    if registered is not None:
        name, short_name = registered
        return CouncilName(code, name, short_name or place_of(name))
    listed = _listed_name(code)  # GOV.UK's list of councils, when the register lacks this one
    if listed:
        return CouncilName(code, listed, place_of(listed))
    fallback = " ".join(fallback.split()) or "your council"
    if _NAMES_A_BODY.search(fallback):
        return CouncilName(code, fallback, place_of(fallback))
    # No register row: the lookup's bare place name. "Leeds Council" is not its title, but it names a body
    # that can act, which "Leeds" does not.
    return CouncilName(code, f"{fallback} Council", fallback)
