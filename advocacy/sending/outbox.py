"""What staff can do about an email that failed: send it again, or, for a letter, email it back to the
resident as an .eml and a PDF so they can send it themselves.

    retry_failed(message_id)      failed -> queued again, with a fresh set of attempts (an email that may have
                                  arrived only with duplicate_risk_accepted=True)
    tell_resident(letter_id)      queue "we could not send your letter: here it is" to the resident, once
    attachments_for(message)      the .eml and PDF a "send it yourself" email carries (built when it is sent)
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import false

from ..actions.models import utcnow
from ..db import db
from ..documents import eml_bytes
from . import texts
from .mail import sender_from_config
from .models import FAILED, LETTER, QUEUED, SEND_YOURSELF, OutboxMessage, SendRequest
from .queue import enqueue


class OutboxRefused(Exception):
    """The action does not apply to this email; the message says why in plain words."""


MAY_HAVE_ARRIVED = ("This email may already have arrived: sending it was cut short. It was not queued "
                    "again. Ask the recipient (for a letter, the MP's office or the resident) whether it came; if "
                    "it did not, use “Send again anyway” and tick that you accept it may arrive twice.")


def retry_failed(message_id: int, now: datetime | None = None, *,
                 duplicate_risk_accepted: bool = False) -> OutboxMessage:
    """Queue a failed email again. One conditional UPDATE, so two staff pressing Retry queue it once.

    An email whose outcome is unknown (it may have arrived) is refused unless ``duplicate_risk_accepted``:
    the staff member said they accept the recipient may get it twice. The check is in the same UPDATE, so
    no caller (page, CLI, script) can send it again without saying so."""
    now = now or utcnow()
    retryable = [OutboxMessage.id == message_id, OutboxMessage.status == FAILED]
    if not duplicate_risk_accepted:
        retryable.append(OutboxMessage.outcome_unknown == false())
    moved = db.session.execute(
        db.update(OutboxMessage).where(*retryable)
        # The flag describes the latest attempt: this new one starts with nothing unknown about it.
        .values(status=QUEUED, attempts=0, next_attempt_at=now, claimed_at=None, updated_at=now,
                outcome_unknown=False,
                last_error=db.func.coalesce(OutboxMessage.last_error, "") + " (retried by staff)")).rowcount
    db.session.commit()
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        raise OutboxRefused("There is no such email: it may have been deleted with the personal data it held.")
    if not moved and message.status == FAILED and message.outcome_unknown:
        raise OutboxRefused(MAY_HAVE_ARRIVED)
    if not moved:
        raise OutboxRefused(f"This email is not failed any more (it is {message.status.replace('_', ' ')}), "
                            "so it was not queued again.")
    enqueue(message.id)
    return message


def told(letter_ids: list[int]) -> set[int]:
    """Which of these letters the resident has been (or is being) emailed to send themselves."""
    if not letter_ids:
        return set()
    return set(db.session.scalars(db.select(OutboxMessage.about_id).where(
        OutboxMessage.purpose == SEND_YOURSELF, OutboxMessage.about_id.in_(letter_ids))))


def tell_resident(letter_id: int, campaign_title: str, now: datetime | None = None) -> OutboxMessage:
    """Queue an email to the resident with their failed letter attached (.eml and PDF), to send
    themselves. Asking twice queues one email (its idempotency key is the letter's)."""
    now = now or utcnow()
    letter = db.session.get(OutboxMessage, letter_id)
    if letter is None or letter.purpose != LETTER:
        raise OutboxRefused("Only a letter to an MP can be sent back to the resident.")
    if letter.status != FAILED:
        raise OutboxRefused("Only a letter that failed can be sent back to the resident.")
    if _mp_refusal():  # Parliament is dissolved: the letter is addressed to a former MP
        raise OutboxRefused("Not now: Parliament is dissolved, so the MP this letter is addressed to is a former "
                            "MP. Residents can ask to be emailed when their new MP is known.")
    key = f"yourself:{letter.public_id}"
    existing = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.idempotency_key == key))
    if existing is not None:
        return existing
    sender_name, sender_address = sender_from_config(current_app.config)
    request = db.session.scalar(db.select(SendRequest).where(SendRequest.letter_message_id == letter.id))
    name = request.resident_name if request else ""
    message = OutboxMessage(
        public_id=secrets.token_urlsafe(18), idempotency_key=key, purpose=SEND_YOURSELF, campaign=letter.campaign,
        to_address=letter.resident_email, to_name=name, from_address=sender_address,
        from_name=sender_name or campaign_title, reply_to=None,
        subject=texts.send_yourself_subject(letter.to_name),
        body=texts.send_yourself_body(name=name, mp_name=letter.to_name, mp_email=letter.to_address,
                                      campaign_title=campaign_title),
        resident_email=letter.resident_email, status=QUEUED, next_attempt_at=now, about_id=letter.id,
        created_at=now, updated_at=now)
    db.session.add(message)
    db.session.commit()
    enqueue(message.id)
    return message


def _mp_refusal() -> str | None:
    from .service import mp_refusal  # service builds on the queue, as this module does

    return mp_refusal()


@dataclass(frozen=True)
class Attachment:
    filename: str
    maintype: str
    subtype: str
    content: bytes


def attachments_for(message: OutboxMessage) -> list[Attachment]:
    """The letter a "send it yourself" email carries: an .eml draft addressed to the MP and, while the
    resident's draft is still kept, the letter as a PDF. Empty for every other email."""
    if message.purpose != SEND_YOURSELF or message.about_id is None:
        return []
    letter = db.session.get(OutboxMessage, message.about_id)
    if letter is None:
        return []
    request = db.session.scalar(db.select(SendRequest).where(SendRequest.letter_message_id == letter.id))
    found = [Attachment("letter.eml", "application", "octet-stream", eml_bytes(
        to_address=letter.to_address, to_name=letter.to_name, subject=letter.subject, body=letter.body,
        from_address=letter.resident_email, from_name=request.resident_name if request else ""))]
    pdf = _letter_pdf(request)
    if pdf is not None:
        found.append(Attachment("letter.pdf", "application", "pdf", pdf))
    return found


def _letter_pdf(request: SendRequest | None) -> bytes | None:
    """The letter as a PDF from the resident's draft; None once the draft has been deleted on schedule."""
    from ..documents import letter_pdf
    from ..letters import find_draft, letter_for

    if request is None or not request.submission_key.startswith("draft:"):
        return None
    draft = find_draft(request.submission_key.removeprefix("draft:"), request.campaign)
    if draft is None:
        return None
    try:
        return letter_pdf(letter_for(draft))
    except LookupError:  # the campaign is gone: the .eml still carries the letter
        return None
