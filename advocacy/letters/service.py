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
from ..db import db
from ..documents import HOUSE_OF_COMMONS, Letter, council_leader_address, format_date
from ..localdata import children_services_authority, figures_for, figures_for_england
from ..lookup import Representatives
from ..supporters import Supporter
from .models import KINDS, LetterDraft

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
    }


def _one_line(value: str) -> str:
    return " ".join(_CONTROL.sub(" ", value).split())


def area_name(lookup: dict[str, Any]) -> str:
    for key in ("authority", "council", "constituency"):
        if lookup.get(key) and lookup[key].get("name"):
            return lookup[key]["name"]
    return "my area"


def pick_subject(campaign: Campaign, kind: str, lookup: dict[str, Any]) -> str:
    """One of the campaign's subjects, chosen at random (so MPs' inboxes see variety), on one line."""
    subject = random.choice(campaign.templates[kind].subjects)
    return _one_line(subject.replace("{area}", area_name(lookup)))[:300]


def save_draft(campaign: Campaign, kind: str, answers: Answers, lookup: dict[str, Any],
               draft: LetterDraft | None = None) -> LetterDraft:
    """Create the draft, or update ``draft`` with new answers (Change). Keeps the subject unless the
    place changed. A consent tick creates or updates the Supporter row staff export."""
    if kind not in KINDS:
        raise ValueError(f"unknown letter kind {kind!r}")
    if draft is None:
        draft = LetterDraft(campaign=campaign.slug, kind=kind)
        db.session.add(draft)
    if draft.lookup != lookup or not draft.subject:
        draft.subject = pick_subject(campaign, kind, lookup)
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
    click or a second download finds the key taken and counts nothing: returns False."""
    return record_action(campaign=draft.campaign, kind=draft.kind, channel=channel, place=_place(draft.lookup),
                         template_version=draft.template_version,
                         idempotency_key=idempotency_key(draft, channel))


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
