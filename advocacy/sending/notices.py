"""One-off emails other features ask the queue to send: "your new MP is known" reminders after a general
election (advocacy.elections) and a councillor's private motion report-back link (advocacy.motions).

They go through the same outbox as letters: the worker delivers them, ``build_email`` makes their headers,
and each has an idempotency key, so a retried request or two workers racing never make a second copy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from datetime import datetime

from flask import current_app
from sqlalchemy.exc import IntegrityError

from ..actions.models import utcnow
from ..db import db
from ..documents.email import HeaderError, check_address
from . import texts
from .mail import SmtpSettings, sender_from_config
from .models import MOTION_LINK, NEW_MP_REMINDER, QUEUED, OutboxMessage
from .queue import enqueue

log = logging.getLogger("advocacy.sending")


def can_send_email() -> bool:
    """Whether this site sends email at all (ADVOCACY_SMTP_HOST set): the check the worker makes."""
    return SmtpSettings.from_config(current_app.config) is not None


def add_email(*, key: str, purpose: str, campaign: str, to_address: str, to_name: str, subject: str, body: str,
              now: datetime, reply_to: str | None = None, person_email: str | None = None,
              due: datetime | None = None, action: dict | None = None, scrub_after_send: bool = False,
              sender_name: str | None = None) -> OutboxMessage | None:
    """Add (not commit) one queued email from the campaign sender, or None when an email with this ``key``
    already exists. ``person_email``: whose personal data the message is (default: the recipient);
    ``due``: when to send (default: now); ``action``: recorded once it is sent."""
    if db.session.scalar(db.select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)) is not None:
        return None
    name, address = sender_from_config(current_app.config)
    message = OutboxMessage(
        public_id=secrets.token_urlsafe(18), idempotency_key=key, purpose=purpose, campaign=campaign,
        to_address=to_address, to_name=to_name, from_address=address, from_name=name or sender_name or "",
        reply_to=reply_to, subject=subject, body=body, resident_email=person_email or to_address, status=QUEUED,
        next_attempt_at=due or now, action_json=json.dumps(action) if action else None,
        scrub_after_send=scrub_after_send, created_at=now, updated_at=now)
    db.session.add(message)
    db.session.flush()
    return message


# --- new-MP reminders ---

def _reminder_key(reminder) -> str:
    # Reminder ids can be reused once deleted (SQLite), so the key also covers who, where and which MP:
    # two workers reading the same reminder make the same key, a later, different reminder does not.
    about = "\n".join([str(reminder.id), reminder.email.strip().lower(), reminder.campaign, reminder.constituency,
                       reminder.mp_name])
    return "new-mp:" + hashlib.sha256(about.encode("utf-8")).hexdigest()[:40]


def schedule_new_mp_reminders(now: datetime | None = None) -> int:
    """Queue one "your new MP is known" email for every reminder that is ready, and forget its address.

    Called by the worker's pass, not by `mps sync`: a reminder also becomes ready without a sync (when a
    configured ADVOCACY_DISSOLUTION_UNTIL passes after the post-election sync), the worker is the process
    that runs on a schedule with SMTP configured, and it already schedules the follow-ups the same way.
    """
    from ..campaigns import get_campaign
    from ..elections import reminder_sent, reminders_ready
    from .service import public_link

    now = now or utcnow()
    queued = []
    for reminder in reminders_ready():
        campaign = get_campaign(reminder.campaign)
        title = campaign.title if campaign else reminder.campaign
        link = (public_link("public.campaign", slug=reminder.campaign) if campaign
                else public_link("public.index"))
        try:
            address = check_address("email address", reminder.email.strip())
            message = add_email(
                key=_reminder_key(reminder), purpose=NEW_MP_REMINDER, campaign=reminder.campaign,
                to_address=address, to_name="", subject=texts.new_mp_subject(reminder.constituency),
                body=texts.new_mp_body(mp_name=reminder.mp_name, mp_party=reminder.mp_party,
                                       constituency=reminder.constituency, campaign_title=title, link=link),
                scrub_after_send=False, now=now, sender_name=title)
        except IntegrityError:  # another worker queued it between our check and our insert
            db.session.rollback()
            message = None
        except HeaderError as problem:  # an address no mail server takes: it never will, so forget it
            log.warning("new-MP reminder %s not sent: %s", reminder.id, problem)
            message = None
        except Exception:
            db.session.rollback()
            raise
        # reminder_sent deletes the reminder and commits: with the email added above in the same
        # transaction, the email is queued and the address forgotten together, or neither.
        reminder_sent(reminder.id)
        if message is not None:
            queued.append(message.id)
    for message_id in queued:
        enqueue(message_id)
    return len(queued)


# --- a councillor's motion report-back link ---

def queue_motion_link(*, report_key: str, campaign: str, campaign_title: str, to_address: str, proposer_name: str,
                      council_name: str, meeting: str, link: str, expires_on: str,
                      now: datetime | None = None) -> bool:
    """Queue the email with a motion's private report-back link, once per motion (``report_key`` is the
    motion record's unique submission key). False when it was queued before. Raises HeaderError for an
    address that cannot be used."""
    now = now or utcnow()
    address = check_address("email address", to_address.strip())
    return _queue_secret_link(
        key=f"motion-link:{report_key[:40]}", campaign=campaign, to_address=address, to_name=proposer_name,
        subject=texts.motion_link_subject(council_name),
        body=texts.motion_link_body(proposer_name=proposer_name, council_name=council_name, meeting=meeting,
                                    campaign_title=campaign_title, link=link, expires_on=expires_on),
        now=now, campaign_title=campaign_title)


# --- a seconder's private link ---

def queue_seconder_link(*, link_key: str, campaign: str, campaign_title: str, to_address: str, proposer_name: str,
                        council_name: str, meeting: str, link: str, expires_on: str,
                        now: datetime | None = None) -> bool:
    """Queue the email with a seconder's private link, once per link (``link_key``: the stored hash of the
    link's token). False when it was queued before. Raises HeaderError for an address that cannot be used."""
    now = now or utcnow()
    address = check_address("email address", to_address.strip())
    return _queue_secret_link(
        key=f"seconder-link:{link_key[:40]}", campaign=campaign, to_address=address, to_name="",
        subject=texts.seconder_link_subject(council_name),
        body=texts.seconder_link_body(proposer_name=proposer_name, council_name=council_name, meeting=meeting,
                                      campaign_title=campaign_title, link=link, expires_on=expires_on),
        now=now, campaign_title=campaign_title)


def _queue_secret_link(*, key: str, campaign: str, to_address: str, to_name: str, subject: str, body: str,
                       now: datetime, campaign_title: str) -> bool:
    """Queue one email carrying a private link, once per ``key``; its body is scrubbed once sent (the link
    is a secret). False when it was queued before."""
    try:
        message = add_email(key=key, purpose=MOTION_LINK, campaign=campaign, to_address=to_address,
                            to_name=to_name, subject=subject, body=body, scrub_after_send=True, now=now,
                            sender_name=campaign_title)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    if message is None:
        return False
    enqueue(message.id)
    return True
