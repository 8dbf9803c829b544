"""Two weeks after a letter is sent, one "Did your MP reply?" email, and the answers staff see as rates.

Whatever way the letter went (sent for the resident, or taken away as a PDF, an email draft or an .eml),
the resident is asked once, only if they gave an email address and agreed. Both paths share one outbox
idempotency key per letter (``follow-up:draft:<id>``), so the database itself refuses a second question.
The answers are kept in ``follow_up_results`` with the MP and party but nothing about the resident, so
the rates survive when personal data is purged.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app

from ..actions.models import utcnow
from ..db import db
from ..documents import format_date
from ..letters.models import LetterDraft
from ..secret_links import hash_token
from . import texts
from .mail import sender_from_config
from .models import ANSWERS, FOLLOW_UP, LETTER, QUEUED, SENT, FollowUpResult, OutboxMessage, SendRequest
from .queue import enqueue
from .tokens import FOLLOW_UP_LIFETIME, find_token, issue_token

ANSWER_LABELS = {"yes": "Yes, my MP replied", "no": "No, no reply", "not_yet": "Not yet"}


def due_follow_ups(now: datetime) -> list[SendRequest]:
    cutoff = now - timedelta(days=current_app.config["ADVOCACY_FOLLOW_UP_DAYS"])
    return list(db.session.scalars(
        db.select(SendRequest).join(OutboxMessage, OutboxMessage.id == SendRequest.letter_message_id)
        .where(OutboxMessage.purpose == LETTER, OutboxMessage.status == SENT, OutboxMessage.sent_at <= cutoff,
               SendRequest.follow_up_key.is_(None), SendRequest.follow_up_consent.is_(True))
        .order_by(SendRequest.id).limit(200)))


def _follow_up_key(submission_key: str) -> str:
    return f"follow-up:{submission_key}"


def _already_asked(submission_key: str) -> bool:
    return db.session.scalar(db.select(OutboxMessage.id).where(
        OutboxMessage.idempotency_key == _follow_up_key(submission_key))) is not None


def schedule_follow_ups(now: datetime | None = None) -> int:
    """Queue the follow-up email of every letter sent long enough ago, by us or by the resident. Each
    letter gets one, ever, and only with consent."""
    return _schedule_sent_for_residents(now or utcnow()) + schedule_draft_follow_ups(now or utcnow())


def _schedule_sent_for_residents(now: datetime) -> int:
    from ..campaigns import get_campaign
    from .service import public_link

    now = now or utcnow()
    sender_name, sender_address = sender_from_config(current_app.config)
    queued = []
    for request in due_follow_ups(now):
        # Claim the request first: of two workers, only the one whose UPDATE wins writes the email.
        key = secrets.token_urlsafe(18)
        won = db.session.execute(db.update(SendRequest).where(SendRequest.id == request.id,
                                                              SendRequest.follow_up_key.is_(None))
                                 .values(follow_up_key=key)).rowcount == 1
        if not won or _already_asked(request.submission_key):  # asked already through the draft
            db.session.commit() if won else db.session.rollback()
            continue
        letter = db.session.get(OutboxMessage, request.letter_message_id)
        campaign = get_campaign(request.campaign)
        title = campaign.title if campaign else request.campaign
        raw = issue_token(request.id, FOLLOW_UP, now, FOLLOW_UP_LIFETIME)
        links = {answer: public_link("sending.reply", token=raw, answer=answer) for answer in ANSWERS}
        message = OutboxMessage(
            public_id=secrets.token_urlsafe(18), idempotency_key=_follow_up_key(request.submission_key),
            purpose=FOLLOW_UP, campaign=request.campaign, to_address=request.resident_email,
            to_name=request.resident_name, from_address=sender_address, from_name=sender_name or title,
            reply_to=None, subject=texts.follow_up_subject(request.mp_name),
            body=texts.follow_up_body(name=request.resident_name, mp_name=request.mp_name, campaign_title=title,
                                      sent_on=format_date(letter.sent_at.date()), links=links, sent_by_us=True),
            resident_email=request.resident_email, status=QUEUED, next_attempt_at=now, scrub_after_send=True,
            created_at=now, updated_at=now)
        db.session.add(message)
        db.session.add(FollowUpResult(key=key, campaign=request.campaign, mp_member_id=request.mp_member_id,
                                      mp_name=request.mp_name, mp_party=request.mp_party,
                                      constituency_name=request.constituency_name, asked_at=now))
        db.session.flush()
        request.follow_up_message_id = message.id
        db.session.commit()
        queued.append(message.id)
    for message_id in queued:
        enqueue(message_id)
    return len(queued)


def due_draft_follow_ups(now: datetime) -> list[LetterDraft]:
    """Letters to MPs the resident took away (PDF, email draft, .eml, "I've sent it") long enough ago,
    with an email address and consent, not yet asked about; not those we sent for them (asked above)."""
    cutoff = now - timedelta(days=current_app.config["ADVOCACY_FOLLOW_UP_DAYS"])
    left = db.func.coalesce(LetterDraft.taken_at, LetterDraft.sent_at)
    sent_for_them = (db.select(SendRequest.id)
                     .join(OutboxMessage, OutboxMessage.id == SendRequest.letter_message_id)
                     .where(SendRequest.submission_key == db.literal("draft:") + LetterDraft.public_id,
                            OutboxMessage.status == SENT))
    return list(db.session.scalars(
        db.select(LetterDraft)
        .where(LetterDraft.follow_up_consent.is_(True), LetterDraft.follow_up_key.is_(None),
               LetterDraft.kind == "letter_mp", LetterDraft.email.is_not(None), left <= cutoff,
               ~sent_for_them.exists())
        .order_by(LetterDraft.id).limit(200)))


def schedule_draft_follow_ups(now: datetime | None = None) -> int:
    """Queue "did your MP reply?" for letters residents sent themselves. Once per letter, with consent."""
    from ..campaigns import get_campaign
    from .service import public_link

    now = now or utcnow()
    sender_name, sender_address = sender_from_config(current_app.config)
    queued = []
    for draft in due_draft_follow_ups(now):
        key = secrets.token_urlsafe(18)
        won = db.session.execute(db.update(LetterDraft).where(LetterDraft.id == draft.id,
                                                              LetterDraft.follow_up_key.is_(None))
                                 .values(follow_up_key=key)).rowcount == 1
        submission_key = f"draft:{draft.public_id}"
        if not won or _already_asked(submission_key):
            db.session.commit() if won else db.session.rollback()
            continue
        mp = draft.lookup.get("mp") or {}
        constituency = draft.lookup.get("constituency") or {}
        campaign = get_campaign(draft.campaign)
        title = campaign.title if campaign else draft.campaign
        raw = secrets.token_urlsafe(32)
        links = {answer: public_link("sending.reply", token=raw, answer=answer) for answer in ANSWERS}
        # Named as the letter and the send-it-for-me path name them ("Alex Sobel MP"), so each MP's answers
        # are counted in one row of the staff table, whatever way the letter went.
        mp_name = f"{mp['name']} MP" if mp.get("name") else "your MP"
        message = OutboxMessage(
            public_id=secrets.token_urlsafe(18), idempotency_key=_follow_up_key(submission_key),
            purpose=FOLLOW_UP, campaign=draft.campaign, to_address=draft.email, to_name=draft.name,
            from_address=sender_address, from_name=sender_name or title, reply_to=None,
            subject=texts.follow_up_subject(mp_name),
            body=texts.follow_up_body(name=draft.name, mp_name=mp_name, campaign_title=title,
                                      sent_on=format_date((draft.taken_at or draft.sent_at).date()), links=links,
                                      sent_by_us=False),
            resident_email=draft.email, status=QUEUED, next_attempt_at=now, scrub_after_send=True,
            created_at=now, updated_at=now)
        db.session.add(message)
        db.session.add(FollowUpResult(key=key, campaign=draft.campaign, mp_member_id=mp.get("member_id"),
                                      mp_name=mp_name, mp_party=mp.get("party"),
                                      constituency_name=constituency.get("name"), asked_at=now,
                                      token_hash=hash_token(raw), expires_at=now + FOLLOW_UP_LIFETIME))
        db.session.commit()
        queued.append(message.id)
    for message_id in queued:
        enqueue(message_id)
    return len(queued)


@dataclass(frozen=True)
class ReplyLink:
    result: str  # ready | unknown | expired
    mp_name: str | None = None
    answer: str | None = None  # the answer already given, if any


def _result_for(raw_token: str) -> tuple[FollowUpResult | None, datetime | None, object]:
    """The result a reply link answers, the link's expiry, and the send-it-for-me token (None for a letter
    the resident sent themselves, whose link is kept hashed on the result itself)."""
    token = find_token(raw_token, FOLLOW_UP)
    if token is not None:
        request = db.session.get(SendRequest, token.request_id)
        result = db.session.scalar(db.select(FollowUpResult).where(FollowUpResult.key == request.follow_up_key))
        if result is None:  # asked, and the answers table lost the row: still name the MP
            result = FollowUpResult(key="", campaign=request.campaign, mp_name=request.mp_name)
        return result, token.expires_at, token
    if not raw_token or len(raw_token) > 100:
        return None, None, None
    result = db.session.scalar(db.select(FollowUpResult).where(FollowUpResult.token_hash == hash_token(raw_token)))
    return result, (result.expires_at if result else None), None


def check_reply_link(raw_token: str, now: datetime | None = None) -> ReplyLink:
    now = now or utcnow()
    result, expires_at, _ = _result_for(raw_token)
    if result is None:
        return ReplyLink("unknown")
    if expires_at is not None and expires_at <= now:
        return ReplyLink("expired", result.mp_name)
    return ReplyLink("ready", result.mp_name, result.answer)


def record_answer(raw_token: str, answer: str, now: datetime | None = None) -> ReplyLink:
    """Record (or change) the resident's answer. One letter has one answer, however often it is clicked."""
    now = now or utcnow()
    if answer not in ANSWERS:
        raise ValueError(f"unknown answer {answer!r}")
    link = check_reply_link(raw_token, now)
    if link.result != "ready":
        return link
    result, _, token = _result_for(raw_token)
    if result.key:
        db.session.execute(db.update(FollowUpResult).where(FollowUpResult.key == result.key)
                           .values(answer=answer, answered_at=now))
    if token is not None:
        token.used_at = token.used_at or now
    db.session.commit()
    return ReplyLink("ready", result.mp_name, answer)


@dataclass(frozen=True)
class ReplyRate:
    group: str  # the MP's or party's name
    asked: int
    yes: int
    no: int
    not_yet: int

    @property
    def answered(self) -> int:
        return self.yes + self.no + self.not_yet

    @property
    def reply_rate(self) -> float | None:
        """Share of answers that said the MP replied; None before anyone answered."""
        return self.yes / self.answered if self.answered else None


def reply_rates(campaign: str, by: str) -> list[ReplyRate]:
    """Aggregates of the follow-up answers for one campaign, per ``by`` = "mp" or "party"."""
    column = FollowUpResult.mp_name if by == "mp" else db.func.coalesce(FollowUpResult.mp_party, "Party not known")
    rows = db.session.execute(
        db.select(column.label("group"), db.func.count(),
                  *[db.func.sum(db.case((FollowUpResult.answer == a, 1), else_=0)) for a in ANSWERS])
        .where(FollowUpResult.campaign == campaign).group_by(column).order_by(db.func.count().desc(), column))
    return [ReplyRate(group, asked, yes or 0, no or 0, not_yet or 0) for group, asked, yes, no, not_yet in rows]
