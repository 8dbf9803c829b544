""""Send it for me": a resident asks, confirms their email address, and only then is the letter queued.

    request = request_send(campaign=..., submission_key=draft.public_id, resident_name=..., resident_email=...,
                           recipient=Recipient(...), subject=..., body=letter_text, action={...})
    outcome = confirm_request(raw_token)       # from the link in the confirmation email
    view = request_status(request.public_id)   # what the resident's status page shows

The letter is written into the outbox when the resident asks (status "awaiting confirmation"), so what is
sent is exactly what they saw; confirming only changes its status. The letter's idempotency key is the
submission's, and the status change is one conditional UPDATE, so a second click, a second confirmation
link or a retried request never makes a second letter.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from urllib.parse import urlsplit

from flask import current_app

from ..actions.models import utcnow
from ..db import db
from ..documents.email import HeaderError, check_address, check_header_value
from ..public_url import public_base_url
from . import texts
from .mail import sender_from_config
from .models import (AWAITING_CONFIRMATION, CONFIRMATION, FAILED, LETTER, QUEUED, SENDING, SENT, OutboxMessage,
                     SendRequest, SendToken)
from .queue import enqueue
from .tokens import CONFIRMATION_LIFETIME, find_token, issue_token, use_token


@dataclass(frozen=True)
class Recipient:
    """The MP (public information): who the letter goes to and what staff aggregates are grouped by."""

    name: str
    email: str
    member_id: int | None = None
    party: str | None = None
    constituency_code: str | None = None
    constituency_name: str | None = None

    @property
    def key(self) -> str:
        return f"member:{self.member_id}" if self.member_id else f"email:{self.email.strip().lower()}"


class SendRefused(Exception):
    """The request cannot be accepted; ``message`` says why in plain language, and what to do instead."""

    def __init__(self, message: str, *, existing: SendRequest | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.existing = existing


def mailbox_key(email: str) -> str:
    """One key per mailbox, for "one letter per resident" and the per-email limit: case and a sub-address
    ("+tag", which most mail services deliver to the same inbox) do not make another resident."""
    local, at, domain = email.strip().lower().rpartition("@")
    if not at:
        return email.strip().lower()
    return f"{local.split('+', 1)[0] or local}@{domain}"


def _public_id() -> str:
    return secrets.token_urlsafe(18)


def public_link(endpoint: str, **values: Any) -> str:
    """An absolute link for an email, on ADVOCACY_PUBLIC_URL (the request's own host only when that is
    unset: see advocacy/public_url.py)."""
    # Built from the URL map, not url_for: the worker has no request, and emailed links must not depend
    # on the Host header of whoever triggered them.
    base = urlsplit(public_base_url())
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def letter_status(request: SendRequest) -> str:
    return db.session.scalar(db.select(OutboxMessage.status).where(OutboxMessage.id == request.letter_message_id))


def _live_token(request: SendRequest, now: datetime) -> bool:
    return db.session.scalar(db.select(db.func.count()).select_from(SendToken).where(
        SendToken.request_id == request.id, SendToken.purpose == CONFIRMATION, SendToken.used_at.is_(None),
        SendToken.expires_at > now)) > 0


def find_duplicate(campaign: str, email: str, recipient: Recipient, now: datetime,
                   submission_key: str | None = None) -> SendRequest | None:
    """An earlier request from this email to this MP in this campaign that still counts: sent, on its way,
    or waiting for a confirmation link that has not expired."""
    candidates = db.session.scalars(db.select(SendRequest).where(
        SendRequest.campaign == campaign, SendRequest.email_key == mailbox_key(email),
        SendRequest.mp_key == recipient.key, SendRequest.submission_key != (submission_key or ""))).all()
    for request in candidates:
        status = letter_status(request)
        if status in (QUEUED, SENDING, SENT) or (status == AWAITING_CONFIRMATION and _live_token(request, now)):
            return request
    return None


def request_send(*, campaign: str, campaign_title: str, submission_key: str, resident_name: str,
                 resident_email: str, recipient: Recipient, subject: str, body: str,
                 action: dict[str, Any] | None = None, now: datetime | None = None,
                 follow_up_consent: bool = False) -> SendRequest:
    """Store the letter awaiting confirmation and queue the confirmation email. Returns the request.
    ``follow_up_consent``: the resident agreed to be asked once, later, whether the MP replied.

    Asking again for the same submission sends a fresh confirmation link (while unconfirmed) and never a
    second letter. When this email already wrote to this MP in this campaign, the answer is the same but the
    email explains that and holds no link. Raises HeaderError for an unusable name or address, SendRefused
    when no letter may go to an MP now.
    """
    now = now or utcnow()
    refusal = mp_refusal()
    if refusal:
        raise SendRefused(refusal)
    resident_email = check_address("email address", resident_email.strip())
    if not resident_email.isascii():
        # Many mail servers cannot take such addresses yet (SMTPUTF8), and the MP's reply must reach them.
        raise HeaderError("We cannot send from email addresses with accented or non-Latin letters yet. Use "
                          "another email address, or send your letter yourself from the letter page.")
    resident_name = " ".join(check_header_value("name", resident_name).split())
    if not resident_name:
        raise HeaderError("Enter your full name, so your MP knows who wrote.")
    mp_email = check_address("MP's email address", recipient.email.strip())
    check_header_value("subject", subject)

    existing = db.session.scalar(db.select(SendRequest).where(SendRequest.submission_key == submission_key))
    if existing is not None:
        if letter_status(existing) != AWAITING_CONFIRMATION:
            return existing  # already confirmed: nothing more to do, whatever was clicked
        # Asked again before confirming, perhaps after changing the letter: the link will send this version.
        _update_letter(existing, resident_name=resident_name, recipient=recipient, mp_email=mp_email,
                       subject=subject, body=body, action=action, campaign_title=campaign_title)
        existing.follow_up_consent = follow_up_consent
        if existing.resident_email.lower() != resident_email.lower():
            # A different address for the same letter: the old link must not confirm it any more.
            db.session.execute(db.update(SendToken).where(SendToken.request_id == existing.id,
                                                          SendToken.used_at.is_(None)).values(used_at=now))
            existing.resident_email, existing.email_key = resident_email, mailbox_key(resident_email)
            letter = db.session.get(OutboxMessage, existing.letter_message_id)
            letter.reply_to = letter.resident_email = resident_email
        _queue_confirmation(existing, campaign_title, now)
        return existing

    # Whether this address already wrote is told only to the mailbox (in the email), never on the page:
    # the page must not tell a stranger which addresses have written (enumeration).
    duplicate = find_duplicate(campaign, resident_email, recipient, now, submission_key)

    sender_name, sender_address = sender_from_config(current_app.config)
    letter = OutboxMessage(
        public_id=_public_id(), idempotency_key=f"letter:{submission_key}", purpose=LETTER, campaign=campaign,
        to_address=mp_email, to_name=recipient.name, from_address=sender_address,
        from_name=f"{resident_name} via {sender_name or campaign_title}", reply_to=resident_email,
        subject=subject, body=body, resident_email=resident_email, status=AWAITING_CONFIRMATION,
        action_json=json.dumps(action) if action else None, created_at=now, updated_at=now)
    db.session.add(letter)
    db.session.flush()
    request = SendRequest(
        public_id=_public_id(), submission_key=submission_key, campaign=campaign, resident_name=resident_name,
        resident_email=resident_email, email_key=mailbox_key(resident_email), mp_key=recipient.key,
        mp_name=recipient.name, mp_party=recipient.party, mp_member_id=recipient.member_id,
        constituency_code=recipient.constituency_code, constituency_name=recipient.constituency_name,
        letter_message_id=letter.id, follow_up_consent=follow_up_consent, created_at=now)
    db.session.add(request)
    db.session.flush()
    if duplicate is None:
        _queue_confirmation(request, campaign_title, now)
    else:
        _queue_duplicate_notice(request, letter_status(duplicate), campaign_title, now)
    return request


def _update_letter(request: SendRequest, *, resident_name: str, recipient: Recipient, mp_email: str,
                   subject: str, body: str, action: dict[str, Any] | None, campaign_title: str) -> None:
    letter = db.session.get(OutboxMessage, request.letter_message_id)
    sender_name, _ = sender_from_config(current_app.config)
    letter.to_address, letter.to_name = mp_email, recipient.name
    letter.from_name = f"{resident_name} via {sender_name or campaign_title}"
    letter.subject, letter.body = subject, body
    letter.action_json = json.dumps(action) if action else None
    request.resident_name = resident_name
    request.mp_key, request.mp_name, request.mp_party = recipient.key, recipient.name, recipient.party
    request.mp_member_id = recipient.member_id
    request.constituency_code, request.constituency_name = recipient.constituency_code, recipient.constituency_name


def _queue_confirmation(request: SendRequest, campaign_title: str, now: datetime) -> None:
    raw = issue_token(request.id, CONFIRMATION, now, CONFIRMATION_LIFETIME)
    letter = db.session.get(OutboxMessage, request.letter_message_id)
    _queue_to_resident(
        request, campaign_title, now, subject=texts.confirmation_subject(request.mp_name),
        body=texts.confirmation_body(name=request.resident_name, mp_name=request.mp_name,
                                     campaign_title=campaign_title, link=public_link("sending.confirm", token=raw),
                                     status_link=public_link("sending.status", public_id=request.public_id),
                                     letter_subject=letter.subject, letter_body=letter.body))


def _queue_duplicate_notice(request: SendRequest, earlier_status: str, campaign_title: str, now: datetime) -> None:
    """Like a confirmation, but the email explains that this address already wrote and has no link: the
    letter is never sent. The request looks like any other waiting one (a live link exists, unknown to
    anyone), so its status page is the same too."""
    issue_token(request.id, CONFIRMATION, now, CONFIRMATION_LIFETIME)  # never sent: nobody can confirm
    _queue_to_resident(
        request, campaign_title, now, subject=texts.duplicate_subject(request.mp_name),
        body=texts.duplicate_body(name=request.resident_name, mp_name=request.mp_name, campaign_title=campaign_title,
                                  earlier=texts.already_written(request.mp_name, earlier_status)))


def _queue_to_resident(request: SendRequest, campaign_title: str, now: datetime, *, subject: str, body: str) -> None:
    """The email answering one "send it for me" request (a confirmation or a duplicate notice): one per
    confirmation token issued, so asking again queues a fresh email and a retried request never two."""
    sender_name, sender_address = sender_from_config(current_app.config)
    number = db.session.scalar(db.select(db.func.count()).select_from(SendToken).where(
        SendToken.request_id == request.id, SendToken.purpose == CONFIRMATION))
    message = OutboxMessage(
        public_id=_public_id(), idempotency_key=f"confirm:{request.submission_key}:{number}", purpose=CONFIRMATION,
        campaign=request.campaign, to_address=request.resident_email, to_name=request.resident_name,
        from_address=sender_address, from_name=sender_name or campaign_title, reply_to=None,
        subject=subject, body=body, resident_email=request.resident_email, status=QUEUED, next_attempt_at=now,
        scrub_after_send=True, created_at=now, updated_at=now)
    db.session.add(message)
    db.session.commit()
    enqueue(message.id)


def mp_refusal() -> str | None:
    """Why no letter may go to an MP now (Parliament dissolved: the MP is a former MP), or None."""
    from ..elections import mp_letter_refusal  # elections builds on lookup; imported late, as it is optional here

    return mp_letter_refusal()


@dataclass(frozen=True)
class ConfirmOutcome:
    result: str  # ready | confirmed | already_confirmed | expired | refused | unknown
    request: SendRequest | None = None
    message: str | None = None  # for "refused": why, in plain language


def check_confirmation(raw_token: str, now: datetime | None = None) -> ConfirmOutcome:
    """What a confirmation link would do, without doing it (for the page with the confirm button)."""
    now = now or utcnow()
    token = find_token(raw_token, CONFIRMATION)
    if token is None:
        return ConfirmOutcome("unknown")
    request = db.session.get(SendRequest, token.request_id)
    if letter_status(request) != AWAITING_CONFIRMATION:
        return ConfirmOutcome("already_confirmed", request)
    if token.used_at is not None:
        return ConfirmOutcome("unknown", request)  # replaced by a newer link
    if token.expires_at <= now:
        return ConfirmOutcome("expired", request)
    refusal = mp_refusal()
    if refusal:  # asked before Parliament was dissolved: the MP it is addressed to is a former MP now
        return ConfirmOutcome("refused", request, refusal)
    return ConfirmOutcome("ready", request)


def confirm_request(raw_token: str, now: datetime | None = None) -> ConfirmOutcome:
    """Confirm the resident's email: queue their letter, once. Safe to call any number of times."""
    now = now or utcnow()
    outcome = check_confirmation(raw_token, now)
    if outcome.result != "ready":
        return outcome
    request = outcome.request
    token = find_token(raw_token, CONFIRMATION)
    if not use_token(token, now):
        db.session.rollback()
        return ConfirmOutcome("already_confirmed", request)
    queued = db.session.execute(
        db.update(OutboxMessage).where(OutboxMessage.id == request.letter_message_id,
                                       OutboxMessage.status == AWAITING_CONFIRMATION)
        .values(status=QUEUED, next_attempt_at=now, updated_at=now)).rowcount == 1
    if not queued:
        db.session.rollback()
        return ConfirmOutcome("already_confirmed", request)
    # Any other confirmation link for this letter is spent too.
    db.session.execute(db.update(SendToken).where(SendToken.request_id == request.id,
                                                  SendToken.purpose == CONFIRMATION,
                                                  SendToken.used_at.is_(None)).values(used_at=now))
    request.confirmed_at = now
    db.session.commit()
    enqueue(request.letter_message_id)
    return ConfirmOutcome("confirmed", request)


@dataclass(frozen=True)
class StatusView:
    """What the resident's status page shows."""

    status: str  # awaiting_confirmation | queued | sent | failed
    mp_name: str
    campaign: str
    sent_at: datetime | None
    link_expired: bool


def request_status(public_id: str, now: datetime | None = None) -> StatusView | None:
    now = now or utcnow()
    request = db.session.scalar(db.select(SendRequest).where(SendRequest.public_id == public_id))
    if request is None:
        return None
    letter = db.session.get(OutboxMessage, request.letter_message_id)
    status = QUEUED if letter.status == SENDING else letter.status
    expired = status == AWAITING_CONFIRMATION and not _live_token(request, now)
    return StatusView(status=status, mp_name=request.mp_name, campaign=request.campaign, sent_at=letter.sent_at,
                      link_expired=expired)


def request_for_submission(submission_key: str) -> SendRequest | None:
    return db.session.scalar(db.select(SendRequest).where(SendRequest.submission_key == submission_key))


__all__ = ["ConfirmOutcome", "FAILED", "Recipient", "SendRefused", "StatusView", "check_confirmation",
           "confirm_request", "find_duplicate", "mailbox_key", "mp_refusal", "request_for_submission", "request_send", "request_status"]
