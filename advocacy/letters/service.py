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

from sqlalchemy import String, case, cast, distinct, func, literal, select

from ..actions import Place, record_action
from ..actions.models import Action, utcnow
from ..campaigns import Campaign, get_campaign, render_template_for
from ..campaigns.variants import LetterVariant, choose_variant
from ..db import db
from ..documents import HOUSE_OF_COMMONS, Letter, council_leader_address, format_date
from ..localdata import children_services_authority, figures_for, figures_for_england
from ..contacts import contact_for
from ..lookup import Representatives
from ..motions.models import Council
from ..nations import council_names, nation
from ..personalisation import choice_for, mark_produced, record_letter_choice
from ..similarity import SimilarityReport, compare_with_sent, recipient_key, remember_sent
from ..supporters import Supporter
from .models import KINDS, LetterDraft, new_public_id

PERSONAL_MAX = 2000
COUNCIL_LEADER = "The Leader of the Council"
CHILDREN_LEAD = "The Lead Member for Children's Services"
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
    consent_follow_up: bool = False  # "ask me once, later, whether my MP replied"


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
    """The resident's area as a sentence says it: 'Leeds', 'the Isles of Scilly' (the children's services
    authority's area, else the council's, else the constituency)."""
    for key in ("authority", "council"):
        if lookup.get(key) and lookup[key].get("name"):
            return council_names(lookup[key].get("code"), lookup[key]["name"]).area
    if (lookup.get("constituency") or {}).get("name"):
        return lookup["constituency"]["name"]
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


_CHOICE = "_advocacy_letter_choice"  # where draft_variant keeps the draft's LetterChoice row


def draft_variant(draft: LetterDraft, campaign: Campaign) -> LetterVariant:
    """The subject and opening this letter was given (recorded when it was saved)."""
    template = campaign.templates[draft.kind]
    if draft.subject_index is not None:
        return LetterVariant.from_dict({"subject_index": draft.subject_index,
                                        "opening_index": draft.opening_index}, template)
    # A draft saved before it held its variant: read the letter's choices, once per draft object (a request
    # builds the letter and its comparison body: two reads otherwise).
    if _CHOICE not in draft.__dict__:
        draft.__dict__[_CHOICE] = choice_for(letter_key(draft))
    row = draft.__dict__[_CHOICE]
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
    new_letter = draft is None
    if draft is None:
        draft = LetterDraft(campaign=campaign.slug, kind=kind, public_id=new_public_id())  # it keys the choices
        db.session.add(draft)
        variant = None
    else:
        variant = draft_variant(draft, campaign)
        draft.__dict__.pop(_CHOICE, None)  # about to change
    if variant is None or draft.lookup != lookup or not draft.subject:
        variant = choose_variant(template, rng)
        draft.subject = pick_subject(campaign, kind, lookup, variant)
    draft.subject_index, draft.opening_index = variant.subject_index, variant.opening_index
    draft.name = _one_line(answers.name)
    draft.address = "\n".join(_one_line(line) for line in answers.address_lines if _one_line(line))
    draft.postcode = answers.postcode
    draft.email = answers.email.strip() or None
    chosen = set(answers.asks)
    draft.asks = [ask.id for ask in campaign.asks if ask.id in chosen]
    draft.personal = answers.personal.strip()
    draft.consent_updates = answers.consent_updates
    draft.follow_up_consent = bool(answers.consent_follow_up and draft.email and kind == "letter_mp")
    draft.lookup = lookup
    draft.template_version = campaign.templates[kind].version
    draft.updated_at = utcnow()
    _remember_supporter(draft)
    choice = {"letter_key": letter_key(draft), "campaign": campaign.slug, "kind": kind,
              "subject_index": variant.subject_index, "opening_index": variant.opening_index,
              "asks": len(draft.asks), "personalised": bool(draft.personal), "produced": False}
    if new_letter:  # one transaction for the draft and its choices: a busy launch pays one commit
        record_letter_choice(**choice, new_letter=True)
        _commit_keeping_values()
    else:
        db.session.commit()
        record_letter_choice(**choice)
    return draft


def _commit_keeping_values() -> None:
    """Commit without expiring what the session holds: the new draft's values are exactly what was just
    written, so the page that follows need not read them back."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


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
    local_figures = campaign.offer_for(lookup.get("country")).local_figures and nation(lookup.get("country")).local_figures
    if local_figures and authority and authority.get("code"):
        figures = figures_for(authority["code"], measures)
    return (figures or figures_for_england(measures)).as_template_dict()


def figure_sources(draft: LetterDraft, campaign: Campaign) -> list[str]:
    """Where the figures in this draft's letter come from, one line per source (for the preview page)."""
    return _local(campaign, draft.lookup or {}).get("sources", [])


def template_context(draft: LetterDraft, campaign: Campaign, today: dt.date) -> dict[str, Any]:
    lookup = draft.lookup
    place = area_name(lookup)
    council = lookup.get("council") or lookup.get("authority") or {"name": place, "code": None}
    authority = lookup.get("authority") or council
    constituency = lookup.get("constituency") or {"name": place, "code": None}
    applies = {ask.id for ask in campaign.asks_for(lookup.get("country"))}
    chosen = [campaign.ask(ask_id) for ask_id in draft.asks if ask_id in applies]
    context = {
        "campaign": {"title": campaign.title, "hashtag": campaign.hashtag, "slug": campaign.slug},
        "sender": {"name": draft.name, "address_lines": draft.address_lines, "postcode": draft.postcode,
                   "email": draft.email or ""},
        "council": council_names(council.get("code"), council["name"]).as_template_dict(),
        "authority": council_names(authority.get("code"), authority["name"]).as_template_dict(),
        "nation": nation(lookup.get("country")).as_template_dict(),
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


def council_recipient(draft: LetterDraft, campaign: Campaign) -> CouncilRecipient:
    """Who a council letter goes to and where: the Leader (and the lead member for children's services when
    the campaign says so) at the postal address and email we hold, else what to do to find them."""
    lookup = draft.lookup
    council = lookup.get("authority") or lookup.get("council") or {"name": area_name(lookup), "code": None}
    say = council_names(council.get("code"), council["name"])
    contact = contact_for(council.get("code"))
    registered = db.session.get(Council, council["code"]) if council.get("code") else None
    website = ((lookup.get("council_contact") or {}).get("website")
               or (registered.homepage_url if registered is not None else None))
    people = [COUNCIL_LEADER] + ([CHILDREN_LEAD] if "children_lead" in campaign.council_recipients else [])
    lines = tuple(contact.address_lines) if contact is not None and contact.address_lines else ()
    postcode = contact.postcode if contact is not None and lines else None
    return CouncilRecipient(people=tuple(people), council=say.official, address_lines=lines, postcode=postcode,
                            email=(contact.email if contact is not None else None) or None, website=website,
                            source=contact.source if contact is not None else None,
                            checked_on=contact.checked_on if contact is not None else None)


@dataclass(frozen=True)
class CouncilRecipient:
    people: tuple[str, ...]  # "The Leader of the Council", maybe "The Lead Member for Children's Services"
    council: str  # official name
    address_lines: tuple[str, ...]  # () when we hold no postal address
    postcode: str | None
    email: str | None
    website: str | None  # where to find the address when we hold none
    source: str | None = None
    checked_on: dt.date | None = None

    @property
    def has_address(self) -> bool:
        return bool(self.address_lines and self.postcode)

    @property
    def address_to_fill(self) -> str:
        """What the PDF prints in the address block when we hold no postal address."""
        if self.has_address:
            return ""
        where = self.website or FIND_YOUR_COUNCIL
        return f"Postal address not known to us: find it on the council's website ({where}) and write it here."

    @property
    def salutation(self) -> str:
        return "Dear Council Leader" if len(self.people) == 1 else "Dear Council Leader and Lead Member"

    @property
    def label(self) -> str:
        """'The Leader of the Council and The Lead Member for Children's Services, Kent County Council'."""
        return f"{' and '.join(self.people)}, {self.council}"


def personal_paragraphs(text: str) -> str:
    """Each line the resident typed becomes a paragraph: a single Enter means a new paragraph in a letter
    (Markdown would otherwise run the lines together)."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def council_name(draft: LetterDraft) -> str:
    """The official name of the council a council letter goes to ("Kent County Council")."""
    lookup = draft.lookup
    council = lookup.get("authority") or lookup.get("council") or {"name": area_name(lookup)}
    return council_names(council.get("code"), council["name"]).official


def letter_for(draft: LetterDraft, campaign: Campaign | None = None, today: dt.date | None = None) -> Letter:
    """The draft as a documents.Letter, ready for every rendering (PDF, preview, mailto, .eml, text)."""
    campaign = campaign or get_campaign(draft.campaign)
    if campaign is None:
        raise LookupError(f"campaign {draft.campaign!r} no longer exists")
    today = today or dt.date.today()
    body = render_template_for(campaign, draft.kind, template_context(draft, campaign, today))
    return letter_with_body(draft, body, today, campaign)


def letter_with_body(draft: LetterDraft, body: str, today: dt.date, campaign: Campaign | None = None) -> Letter:
    """The draft's letter around an already rendered ``body`` (the staff editor renders unsaved templates)."""
    campaign = campaign or get_campaign(draft.campaign)
    if draft.kind == "letter_mp":
        mp_name = (draft.lookup.get("mp") or {}).get("name") or "Member of Parliament"
        recipient, address, salutation = f"{mp_name} MP", HOUSE_OF_COMMONS, f"Dear {mp_name}"
        to_fill = ""
    else:
        to = council_recipient(draft, campaign)
        recipient, salutation, to_fill = to.people[0], to.salutation, to.address_to_fill
        address = (*to.people[1:], *council_leader_address(to.council, to.address_lines),
                   *((to.postcode,) if to.postcode else ()))
    return Letter(sender_name=draft.name, sender_address=draft.address_lines, sender_postcode=draft.postcode,
                  sender_email=draft.email or "", date=today, recipient_name=recipient,
                  recipient_address=address, salutation=salutation, body=body, subject=draft.subject,
                  title=f"{draft.subject}: letter from {draft.name}", recipient_address_to_fill=to_fill)


def recipient_email(draft: LetterDraft) -> str | None:
    """Where the email draft goes: the MP's address, or the council's from its imported contact."""
    if draft.kind == "letter_mp":
        return (draft.lookup.get("mp") or {}).get("email") or None
    council = draft.lookup.get("authority") or draft.lookup.get("council") or {}
    contact = contact_for(council.get("code"))
    return (contact.email if contact is not None else None) or None


def recipient_label(draft: LetterDraft) -> str:
    if draft.kind == "letter_mp":
        return (draft.lookup.get("mp") or {}).get("name") or "your MP"
    council = draft.lookup.get("authority") or draft.lookup.get("council") or {"name": area_name(draft.lookup)}
    return f"{COUNCIL_LEADER}, {council_names(council.get('code'), council['name']).official}"


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


# Outputs after which the letter has left us, as far as we can know: the follow-up counts from the first.
TAKEN_CHANNELS = ("pdf", "email_draft", "eml", "self_reported")


def record_output(draft: LetterDraft, channel: str) -> bool:
    """Count one output of this draft (pdf, email_draft, eml, text, self_reported). A refresh, a double
    click or a second download finds the key taken and counts nothing: returns False. The letter's first
    output also fixes its recorded choices and keeps its fingerprint for the similarity meter. The chosen
    asks are recorded with the action (ids only), so evidence packs can say which asks residents chose most
    long after the draft itself is purged."""
    if channel in TAKEN_CHANNELS and draft.taken_at is None:
        draft.taken_at = utcnow()  # the follow-up question counts its days from here
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
    return compare_with_sent(draft.campaign, similarity_recipient(draft), lambda: comparison_body(draft, campaign),
                             recipient_name=recipient_label(draft), exclude_letter_key=letter_key(draft))


def mark_sent(draft: LetterDraft) -> bool:
    """The resident says they sent it. Counted once per draft."""
    if draft.sent_at is None:
        draft.sent_at = utcnow()
        db.session.commit()
    return record_output(draft, "self_reported")


def letter_identity():
    """One SQL value per letter written: the letter journey records each output of a draft (PDF, email draft,
    .eml, text, "I've sent it", sent for them) as its own action, with an idempotency key that starts with
    the draft's hash, so a letter downloaded three times and emailed is one letter. Any other action (an
    import, an old record without such a key) is a letter of its own."""
    return case((Action.idempotency_key.like(f"{KEY_PREFIX}%"),
                 func.substr(Action.idempotency_key, 1, len(KEY_PREFIX) + KEY_HASH)),
                else_=literal("action:") + cast(Action.id, String))


@dataclass(frozen=True)
class LettersWritten:
    """Letters written (one per draft that produced anything), the one count every page shows."""

    to_mps: int
    to_councils: int

    @property
    def total(self) -> int:
        return self.to_mps + self.to_councils


def _written_where(campaign: str, start: dt.date | None, end: dt.date | None) -> list:
    where = [Action.campaign == campaign, Action.kind.in_(KINDS)]
    if start is not None:
        where.append(Action.created_at >= dt.datetime.combine(start, dt.time.min))
    if end is not None:
        where.append(Action.created_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return where


def letters_written(campaign: str, start: dt.date | None = None, end: dt.date | None = None) -> LettersWritten:
    """Letters written for a campaign (with any output between the UTC days ``start`` and ``end``, both
    included; None leaves that end open). Read from action records only: they survive the purge of drafts."""
    rows = db.session.execute(select(Action.kind, func.count(distinct(letter_identity())))
                              .where(*_written_where(campaign, start, end)).group_by(Action.kind))
    found = {kind: int(n) for kind, n in rows}
    return LettersWritten(to_mps=found.get("letter_mp", 0), to_councils=found.get("letter_council", 0))


def letters_written_by(campaign: str, column) -> dict[Any, int]:
    """Letters written per value of an Action column expression (e.g. the region), each letter once."""
    rows = db.session.execute(select(column, func.count(distinct(letter_identity())))
                              .where(*_written_where(campaign, None, None)).group_by(column))
    return {value: int(n) for value, n in rows}


def public_count(campaign: str) -> int:
    """Letters written for a campaign, for the thank-you page: the same count as every other page."""
    return letters_written(campaign).total
