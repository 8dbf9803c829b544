"""Tables for sending email on a resident's behalf.

``outbox_messages`` is the queue: one row per email, whatever it is (a confirmation link, a letter to an MP,
a follow-up). ``send_requests`` is one resident's "send it for me" submission, ``send_tokens`` the hashed
single-use links emailed to them. Those three hold personal data and are purged with the rest.
``follow_up_results`` holds no personal data (the MP and party asked about, and the answer), so the reply
rates staff see survive the purge.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db
from ..privacy.registry import register_personal_data

# Status of one email. "sending" is held only while a worker talks to the SMTP server.
AWAITING_CONFIRMATION = "awaiting_confirmation"
QUEUED = "queued"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
STATUSES = (AWAITING_CONFIRMATION, QUEUED, SENDING, SENT, FAILED)

# What an email is for.
CONFIRMATION = "confirmation"
LETTER = "letter"
FOLLOW_UP = "follow_up"
NEW_MP_REMINDER = "new_mp_reminder"  # "your new MP is known", asked for during a general election
MOTION_LINK = "motion_link"  # a councillor's private report-back link for their motion
SEND_YOURSELF = "send_yourself"  # a letter we could not send, emailed back to the resident to send themselves
PURPOSES = (CONFIRMATION, LETTER, FOLLOW_UP, NEW_MP_REMINDER, MOTION_LINK, SEND_YOURSELF)

ANSWERS = ("yes", "no", "not_yet")


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)  # also the Message-ID's left part
    # Unique, so a retried request or a double click can never create a second copy of one email.
    idempotency_key: Mapped[str] = mapped_column(String(160), unique=True)
    purpose: Mapped[str] = mapped_column(String(20))
    campaign: Mapped[str] = mapped_column(String(80))
    to_address: Mapped[str] = mapped_column(String(320))
    to_name: Mapped[str] = mapped_column(String(200), default="")
    from_address: Mapped[str] = mapped_column(String(320))
    from_name: Mapped[str] = mapped_column(String(200), default="")
    reply_to: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # The resident this email is about (the recipient of a confirmation, the Reply-To of a letter), so
    # privacy export/erase find every email of one person.
    resident_email: Mapped[str] = mapped_column(String(320), index=True)
    status: Mapped[str] = mapped_column(String(24))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # Failed, but it may have arrived: the worker stopped (or broke) while handing it to the SMTP server.
    # Staff must then confirm they accept a possible duplicate before it is sent again (outbox.retry_failed).
    outcome_unknown: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Links in confirmation and follow-up emails are secrets: the body is blanked once it is sent.
    scrub_after_send: Mapped[bool] = mapped_column(Boolean, default=False)
    # The action record (JSON, public geography only) written when a letter is delivered.
    action_json: Mapped[str | None] = mapped_column(Text)
    # A "send it yourself" email: the failed letter it carries as .eml and PDF attachments.
    about_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_messages.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("ix_outbox_messages_status_next", "status", "next_attempt_at"),)


class SendRequest(db.Model):
    """One "send it for me" submission: the letter waits here until the resident confirms their email."""

    __tablename__ = "send_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)  # in the resident's status page URL
    # One submission (e.g. one letter draft) can only ever make one request, hence one letter.
    submission_key: Mapped[str] = mapped_column(String(120), unique=True)
    campaign: Mapped[str] = mapped_column(String(80))
    resident_name: Mapped[str] = mapped_column(String(200))
    resident_email: Mapped[str] = mapped_column(String(320), index=True)
    email_key: Mapped[str] = mapped_column(String(320))  # service.mailbox_key: "already wrote to this MP"
    mp_key: Mapped[str] = mapped_column(String(340))  # member id, or the MP's email address when typed
    mp_name: Mapped[str] = mapped_column(String(200))
    mp_party: Mapped[str | None] = mapped_column(String(120))
    mp_member_id: Mapped[int | None]
    constituency_code: Mapped[str | None] = mapped_column(String(12))
    constituency_name: Mapped[str | None] = mapped_column(String(120))
    letter_message_id: Mapped[int] = mapped_column(ForeignKey("outbox_messages.id", ondelete="CASCADE"))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    follow_up_message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_messages.id",
                                                                        ondelete="SET NULL"))
    follow_up_key: Mapped[str | None] = mapped_column(String(32))  # FollowUpResult.key once asked
    follow_up_consent: Mapped[bool] = mapped_column(default=False, server_default=false())  # "ask me later"
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    __table_args__ = (Index("ix_send_requests_duplicate", "campaign", "email_key", "mp_key"),)


class SendToken(db.Model):
    """A link emailed to a resident. Only a SHA-256 of the token is stored, so a copy of the database
    cannot be used to confirm or answer for anyone."""

    __tablename__ = "send_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(20))  # confirmation | follow_up
    request_id: Mapped[int] = mapped_column(ForeignKey("send_requests.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class FollowUpResult(db.Model):
    """One letter whose sender was asked "did your MP reply?", and the answer. No personal data."""

    __tablename__ = "follow_up_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)  # random; not derived from anything personal
    campaign: Mapped[str] = mapped_column(String(80))
    mp_member_id: Mapped[int | None]
    mp_name: Mapped[str] = mapped_column(String(200))
    mp_party: Mapped[str | None] = mapped_column(String(120))
    constituency_name: Mapped[str | None] = mapped_column(String(120))
    asked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    answer: Mapped[str | None] = mapped_column(String(10))  # yes | no | not_yet; None = not answered
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The hashed reply link of a letter the resident sent themselves (send-it-for-me links live in
    # send_tokens): a random token's SHA-256, so nothing here leads back to a person.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (Index("ix_follow_up_results_campaign", "campaign", "mp_party"),)


register_personal_data(OutboxMessage, created="created_at", email="resident_email",
                       description="Emails sent for residents: addresses, names, letters and links")
register_personal_data(SendRequest, created="created_at", email="resident_email",
                       description="Requests to send a letter for a resident: name, email, their MP")
register_personal_data(SendToken, created="created_at", email=None,
                       description="Hashed confirmation and follow-up links")
