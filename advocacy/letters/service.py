"""The letter journey as plain functions: web pages, the CLI, benchmarks and tests all call these.

    draft = save_draft(campaign, "letter_mp", answers, lookup_snapshot(reps))   # or update an existing one
    letter = letter_for(draft)                 # documents.Letter: PDF, preview, mailto, .eml, text
    record_output(draft, "pdf")                # counts once per draft, kind and channel, however often
    mark_sent(draft)                           # "I've sent it"
    public_count(campaign.slug)                # letters written, for the thank-you page
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import distinct, func, select

from ..actions import Place, record_action
from ..actions.models import Action, utcnow
from ..campaigns import Campaign, get_campaign, render_template_for
from ..campaigns.variants import LetterVariant, choose_variant
from ..db import db
from ..documents import HOUSE_OF_COMMONS, Letter, council_leader_address, format_date
from ..localdata import children_services_authority, figures_for, figures_for_england
from ..lookup import Representatives
from ..personalisation import choice_for, mark_produced, record_letter_choice
from ..similarity import SimilarityReport, compare_with_sent, recipient_key, remember_sent
from ..supporters import Supporter
from .models import KINDS, LetterDraft, new_public_id

PERSONAL_MAX = 2000
COUNCIL_LEADER = "The Leader"
# GOV.UK's service that links every UK council's website, used when we hold no address for a council.
FIND_YOUR_COUNCIL = "https://www.gov.uk/find-local-council"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")
KEY_PREFIX = "letter:"
KEY_HASH = 24  # hex characters of the draft's hash in an action's idempotency key


@dataclass(frozen=True)
class Answers:
    """What a resident typed in the letter form."""

    name: str
    address_lines: list[str]
    postcode: str
    email: str = ""
    asks: list[str] = field(default_factory=list)
    personal: str = ""
    consent_updates: bool = False


def _area(value: Any) -> dict[str, str | None] | None:
    return {"name": value.name, "code": value.code} if value is not None else None


def lookup_snapshot(reps: Representatives | None, manual: dict | None = None,
                    postcode: str | None = None) -> dict[str, Any]:
    """The lookup a letter is written against, as plain JSON (stored with the draft)."""
    mp = reps.mp if reps is not None and reps.mp is not None else None
    mp_dict = ({"name": mp.name, "party": mp.party, "email": mp.email, "member_id": mp.member_id} if mp else None)
    if mp_dict is None and manual and manual.get("name"):
        mp_dict = {key: manual.get(key) for key in ("name", "party", "email", "member_id")}
    constituency = _area(reps.constituency) if reps is not None and reps.constituency else None
    if constituency is None and manual and manual.get("constituency"):
        constituency = {"name": manual["constituency"]["name"], "code": manual["constituency"].get("code")}
    council = _area(reps.council) if reps is not None else None
    authority = _area(reps.children_services_authority) if reps is not None else None
    if council and council.get("code"):
        known = children_services_authority(council["code"])  # successor councils, counties for districts
        if known is not None:
            authority = {"code": known[0], "name": known[1]}
    return {
        "postcode": reps.postcode if reps is not None else postcode,
        "country": reps.country if reps is not None else None,
        "region": reps.region if reps is not None else None,
        "constituency": constituency,
        "mp": mp_dict,
        "council": council,
        "authority": authority,
        "checked": _checked(reps, manual if mp_dict is not None and (reps is None or reps.mp is None) else None),
    }


def _checked(reps: Representatives | None, manual: dict | None) -> dict[str, Any]:
    """Where the details came from and when, so every page showing them can say how recent they are."""
    if manual is not None:
        return {"mp_source": "typed" if manual.get("source") == "typed" else "directory-choice"}
    if reps is None:
        return {}
    return {"mp_source": reps.mp_source, "mp_at": _iso(reps.mp_checked_at), "mp_stale": reps.mp_stale,
            "postcode_at": _iso(reps.postcode_checked_at), "postcode_stale": reps.postcode_stale,
            "council_source": reps.council_source, "council_at": _iso(reps.council_checked_at)}


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def freshness_of(lookup: dict[str, Any], today: dt.date | None = None) -> list[str]:
    """The freshness sentences for the lookup stored with a draft ("MP details from the UK Parliament,
    checked today."), as on the 'your MP and council' page."""
    from ..lookup.representatives import freshness_lines

    checked = lookup.get("checked") or {}
    source = checked.get("mp_source")
    if source == "typed":
        return ["You typed your MP's details yourself."]
    if source == "directory-choice":
        return ["You chose your constituency from our copy of the UK Parliament's list of MPs."]
    if not checked.get("postcode_at"):
        return []

    def when(key: str) -> dt.datetime | None:
        return dt.datetime.fromisoformat(checked[key]) if checked.get(key) else None

    return freshness_lines(_Checked(mp_source=source, mp_checked_at=when("mp_at"),
                                    mp_stale=bool(checked.get("mp_stale")), postcode_checked_at=when("postcode_at"),
                                    postcode_stale=bool(checked.get("postcode_stale")),
                                    council_source=checked.get("council_source"),
                                    council_checked_at=when("council_at"), dissolution=None), today)


@dataclass(frozen=True)
class _Checked:
    """The parts of a Representatives that freshness_lines reads."""

    mp_source: str | None
    mp_checked_at: dt.datetime | None
    mp_stale: bool
    postcode_checked_at: dt.datetime | None
    postcode_stale: bool
    council_source: str | None
    council_checked_at: dt.datetime | None
    dissolution: Any


def refresh_mp(draft: LetterDraft, max_age_seconds: float) -> str | None:
    """A letter is never addressed from MP details older than the MP cache time while the Members API
    answers: when the draft's lookup is older, look again, and if the live answer names another MP (or
    none: the seat fell vacant), update the draft. Returns what to tell the writer, or None."""
    from ..lookup import LookupProblem, find_representatives

    if draft.kind != "letter_mp" or (draft.lookup.get("checked") or {}).get("mp_source") != "parliament":
        return None
    age = (utcnow() - draft.updated_at).total_seconds()
    if age < max_age_seconds:
        return None
    try:
        reps = find_representatives(draft.postcode)
    except LookupProblem:
        return None
    if reps.mp_stale or reps.mp_source != "parliament":
        return None  # the service did not answer: nothing newer to go on
    old = draft.lookup.get("mp") or {}
    lookup = {**draft.lookup, "checked": _checked(reps, None)}
    if reps.mp is None:
        draft.lookup = {**lookup, "mp": None}
        db.session.commit()
        return (f"{old.get('name') or 'Your MP'} is no longer the MP for your constituency, so this letter cannot "
                "go to them. You can write to your council instead.")
    lookup["mp"] = {"name": reps.mp.name, "party": reps.mp.party, "email": reps.mp.email,
                    "member_id": reps.mp.member_id}
    changed = old.get("member_id") != reps.mp.member_id
    draft.lookup = lookup
    draft.updated_at = utcnow()
    db.session.commit()
    if changed:
        return (f"Your MP has changed since you wrote this letter: it is now addressed to {reps.mp.name}, "
                f"the MP for {(lookup.get('constituency') or {}).get('name') or 'your constituency'}.")
    return None


def _one_line(value: str) -> str:
    return " ".join(_CONTROL.sub(" ", value).split())


def area_name(lookup: dict[str, Any]) -> str:
    for key in ("authority", "council", "constituency"):
        if lookup.get(key) and lookup[key].get("name"):
            return lookup[key]["name"]
    return "my area"


def variant_names(lookup: dict[str, Any]) -> dict[str, str]:
    """What {area} and {constituency} mean in a campaign's subjects and openings for this letter."""
    constituency = (lookup.get("constituency") or {}).get("name") or area_name(lookup)
    return {"area": area_name(lookup), "constituency": constituency}


def pick_subject(campaign: Campaign, kind: str, lookup: dict[str, Any], variant: LetterVariant | None = None) -> str:
    """The subject of ``variant`` (or one chosen at random), filled in, on one line."""
    template = campaign.templates[kind]
    variant = variant or choose_variant(template)
    return _one_line(variant.subject(template, **variant_names(lookup)))[:300]


def letter_key(draft: LetterDraft) -> str:
    """The letter's key in the records that outlive the draft (choices, fingerprints): a hash, as in actions."""
    return _draft_hash(draft)


def draft_variant(draft: LetterDraft, campaign: Campaign) -> LetterVariant:
    """The subject and opening this letter was given (recorded when it was saved)."""
    template = campaign.templates[draft.kind]
    row = choice_for(letter_key(draft))
    data = {"subject_index": row.subject_index, "opening_index": row.opening_index} if row is not None else None
    return LetterVariant.from_dict(data, template)


def save_draft(campaign: Campaign, kind: str, answers: Answers, lookup: dict[str, Any],
               draft: LetterDraft | None = None, rng: random.Random | None = None) -> LetterDraft:
    """Create the draft, or update ``draft`` with new answers (Change). A new letter gets one of the
    campaign's subjects and openings at random (``rng``: a seeded random.Random fixes the draw), kept on
    Change unless the place changed, and recorded with the letter (advocacy.personalisation). A consent
    tick creates or updates the Supporter row staff export."""
    if kind not in KINDS:
        raise ValueError(f"unknown letter kind {kind!r}")
    template = campaign.templates[kind]
    if draft is None:
        draft = LetterDraft(campaign=campaign.slug, kind=kind, public_id=new_public_id())  # it keys the choices
        db.session.add(draft)
        variant = None
    else:
        variant = draft_variant(draft, campaign)
    if variant is None or draft.lookup != lookup or not draft.subject:
        variant = choose_variant(template, rng)
        draft.subject = pick_subject(campaign, kind, lookup, variant)
    draft.name = _one_line(answers.name)
    draft.address = "\n".join(_one_line(line) for line in answers.address_lines if _one_line(line))
    draft.postcode = answers.postcode
    draft.email = answers.email.strip() or None
    chosen = set(answers.asks)
    draft.asks = [ask.id for ask in campaign.asks if ask.id in chosen]
    draft.personal = answers.personal.strip()
    draft.consent_updates = answers.consent_updates
    draft.lookup = lookup
    draft.template_version = campaign.templates[kind].version
    draft.updated_at = utcnow()
    _remember_supporter(draft)
    db.session.commit()
    record_letter_choice(letter_key=letter_key(draft), campaign=campaign.slug, kind=kind,
                         subject_index=variant.subject_index, opening_index=variant.opening_index,
                         asks=len(draft.asks), personalised=bool(draft.personal), produced=False)
    return draft


def _remember_supporter(draft: LetterDraft) -> None:
    if not draft.email:
        return
    supporter = db.session.scalar(select(Supporter).where(
        Supporter.campaign == draft.campaign, func.lower(Supporter.email) == draft.email.lower()))
    if supporter is None:
        if not draft.consent_updates:
            return  # nobody to update, and no consent to keep their details for updates
        supporter = Supporter(campaign=draft.campaign, email=draft.email)
        db.session.add(supporter)
    supporter.name = draft.name
    supporter.address = draft.address
    supporter.postcode = draft.postcode
    supporter.consent_updates = draft.consent_updates


def find_draft(public_id: str, campaign: str | None = None) -> LetterDraft | None:
    query = select(LetterDraft).where(LetterDraft.public_id == public_id)
    if campaign is not None:
        query = query.where(LetterDraft.campaign == campaign)
    return db.session.scalar(query)


def _local(campaign: Campaign, lookup: dict[str, Any]) -> dict[str, Any]:
    """Figures of the resident's children's services authority; England's where the campaign's figures do
    not cover their nation or the data has none for their council."""
    measures = campaign.measures or None
    authority = lookup.get("authority") or lookup.get("council")
    figures = None
    if lookup.get("country") in campaign.countries and authority and authority.get("code"):
        figures = figures_for(authority["code"], measures)
    return (figures or figures_for_england(measures)).as_template_dict()


def template_context(draft: LetterDraft, campaign: Campaign, today: dt.date) -> dict[str, Any]:
    lookup = draft.lookup
    place = area_name(lookup)
    council = lookup.get("council") or lookup.get("authority") or {"name": place, "code": None}
    authority = lookup.get("authority") or council
    constituency = lookup.get("constituency") or {"name": place, "code": None}
    chosen = [campaign.ask(ask_id) for ask_id in draft.asks]
    context = {
        "campaign": {"title": campaign.title, "hashtag": campaign.hashtag, "slug": campaign.slug},
        "sender": {"name": draft.name, "address_lines": draft.address_lines, "postcode": draft.postcode,
                   "email": draft.email or ""},
        "council": {"name": council["name"], "code": council.get("code") or ""},
        "authority": {"name": authority["name"], "code": authority.get("code") or ""},
        "constituency": {"name": constituency["name"], "code": constituency.get("code") or ""},
        "local": _local(campaign, lookup),
        "asks": [{"id": a.id, "title": a.title, "text": a.text} for a in chosen if a is not None],
        "personal": personal_paragraphs(draft.personal),
        "date": format_date(today),
        "opening": draft_variant(draft, campaign).opening(campaign.templates[draft.kind], **variant_names(lookup)),
    }
    if draft.kind == "letter_mp":
        mp = lookup.get("mp") or {}
        context["mp"] = {"name": mp.get("name") or "", "party": mp.get("party") or "", "email": mp.get("email") or ""}
    else:
        context["leader"] = {"title": COUNCIL_LEADER, "name": None}
    return context


def personal_paragraphs(text: str) -> str:
    """Each line the resident typed becomes a paragraph: a single Enter means a new paragraph in a letter
    (Markdown would otherwise run the lines together)."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def council_name(draft: LetterDraft) -> str:
    lookup = draft.lookup
    return (lookup.get("authority") or lookup.get("council") or {"name": area_name(lookup)})["name"]


def letter_for(draft: LetterDraft, campaign: Campaign | None = None, today: dt.date | None = None) -> Letter:
    """The draft as a documents.Letter, ready for every rendering (PDF, preview, mailto, .eml, text)."""
    campaign = campaign or get_campaign(draft.campaign)
    if campaign is None:
        raise LookupError(f"campaign {draft.campaign!r} no longer exists")
    today = today or dt.date.today()
    body = render_template_for(campaign, draft.kind, template_context(draft, campaign, today))
    return letter_with_body(draft, body, today)


def letter_with_body(draft: LetterDraft, body: str, today: dt.date) -> Letter:
    """The draft's letter around an already rendered ``body`` (the staff editor renders unsaved templates)."""
    if draft.kind == "letter_mp":
        mp_name = (draft.lookup.get("mp") or {}).get("name") or "Member of Parliament"
        recipient, address, salutation = f"{mp_name} MP", HOUSE_OF_COMMONS, f"Dear {mp_name}"
    else:
        recipient, salutation = COUNCIL_LEADER, "Dear Council Leader"
        address = council_leader_address(council_name(draft))
    return Letter(sender_name=draft.name, sender_address=draft.address_lines, sender_postcode=draft.postcode,
                  sender_email=draft.email or "", date=today, recipient_name=recipient,
                  recipient_address=address, salutation=salutation, body=body, subject=draft.subject,
                  title=f"{draft.subject}: letter from {draft.name}")


def recipient_email(draft: LetterDraft) -> str | None:
    """Where the email draft goes: the MP's address, or the council's when we know one (we hold none yet)."""
    if draft.kind == "letter_mp":
        return (draft.lookup.get("mp") or {}).get("email") or None
    return (draft.lookup.get("council_contact") or {}).get("email") or None


def recipient_label(draft: LetterDraft) -> str:
    if draft.kind == "letter_mp":
        return (draft.lookup.get("mp") or {}).get("name") or "your MP"
    return f"{COUNCIL_LEADER}, {council_name(draft)}"


def _place(lookup: dict[str, Any]) -> Place:
    def part(key: str, item: str) -> Any:
        return (lookup.get(key) or {}).get(item)

    return Place(constituency_code=part("constituency", "code"), constituency_name=part("constituency", "name"),
                 mp_member_id=part("mp", "member_id"), council_code=part("council", "code"),
                 council_name=part("council", "name"), authority_code=part("authority", "code"),
                 authority_name=part("authority", "name"), region=lookup.get("region"),
                 country=lookup.get("country"))


def _draft_hash(draft: LetterDraft) -> str:
    # A hash, not the draft's id: the action outlives the draft and must not lead back to the person.
    return hashlib.sha256(f"{draft.public_id}:{draft.kind}".encode()).hexdigest()[:KEY_HASH]


def idempotency_key(draft: LetterDraft, channel: str) -> str:
    return f"{KEY_PREFIX}{_draft_hash(draft)}:{draft.kind}:{channel}"


def record_output(draft: LetterDraft, channel: str) -> bool:
    """Count one output of this draft (pdf, email_draft, eml, text, self_reported). A refresh, a double
    click or a second download finds the key taken and counts nothing: returns False. The letter's first
    output also fixes its recorded choices and keeps its fingerprint for the similarity meter. The chosen
    asks are recorded with the action (ids only), so evidence packs can say which asks residents chose most
    long after the draft itself is purged."""
    counted = record_action(campaign=draft.campaign, kind=draft.kind, channel=channel, place=_place(draft.lookup),
                            template_version=draft.template_version,
                            idempotency_key=idempotency_key(draft, channel), asks=tuple(draft.asks or ()))
    if mark_produced(letter_key(draft)):
        remember_sent(draft.campaign, similarity_recipient(draft), comparison_body(draft), letter_key(draft))
    return counted


def comparison_body(draft: LetterDraft, campaign: Campaign | None = None) -> str:
    """The letter's body as the similarity meter compares it: without the opening the campaign drew for it
    (that variety is the campaign's, not the writer's: two letters that differ only there are still the
    same letter). Greeting and sign-off are not in the body."""
    campaign = campaign or get_campaign(draft.campaign)
    context = {**template_context(draft, campaign, dt.date.today()), "opening": ""}
    return render_template_for(campaign, draft.kind, context)


def similarity_recipient(draft: LetterDraft) -> str:
    """Who the letter goes to, for comparing it with others sent to the same MP or council."""
    lookup = draft.lookup
    if draft.kind == "letter_mp":
        mp = lookup.get("mp") or {}
        return recipient_key(mp_member_id=mp.get("member_id"), name=mp.get("name"))
    council = lookup.get("authority") or lookup.get("council") or {}
    return recipient_key(council_code=council.get("code"), name=council.get("name"))


def similarity_for(draft: LetterDraft, campaign: Campaign | None = None) -> SimilarityReport:
    """How close this letter is to the letters of its campaign already sent to the same recipient."""
    return compare_with_sent(draft.campaign, similarity_recipient(draft), comparison_body(draft, campaign),
                             recipient_name=recipient_label(draft), exclude_letter_key=letter_key(draft))


def mark_sent(draft: LetterDraft) -> bool:
    """The resident says they sent it. Counted once per draft."""
    if draft.sent_at is None:
        draft.sent_at = utcnow()
        db.session.commit()
    return record_output(draft, "self_reported")


def public_count(campaign: str) -> int:
    """Letters written for a campaign: each draft that produced any output counts once, whatever it
    produced and however often. Read from action records only (they survive the purge of drafts)."""
    letter = func.substr(Action.idempotency_key, 1, len(KEY_PREFIX) + KEY_HASH)
    return db.session.scalar(select(func.count(distinct(letter))).where(
        Action.campaign == campaign, Action.kind.in_(KINDS), Action.idempotency_key.like(f"{KEY_PREFIX}%"))) or 0
