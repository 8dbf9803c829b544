"""The delivery queue: outbox rows in the database are the truth; a worker delivers the ones that are due.

``deliver_message(id)`` is the one job function, whether the database worker calls it or RQ runs it
(when ADVOCACY_REDIS_URL is set). It first *claims* the row with one conditional UPDATE (queued and due ->
sending); only the worker whose UPDATE changed the row sends it, so two workers, or a job enqueued twice,
never send one email twice. A row left in "sending" by a worker that died mid-send is marked failed for
staff to check, never sent again: at most once is the promise to MPs. So is one whose connection to the
SMTP server was lost after the whole message was handed over, before the server answered. Such a row is
marked ``outcome_unknown`` (it may have arrived), so staff are warned before anyone sends it again
(outbox.retry_failed). An email the SMTP server accepted is noted outside the database before "sent" is
committed (handover.py), so a database connection lost in between is put right on the next pass: recorded
exactly once as sent, never as failed.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

from flask import current_app, has_app_context

from ..actions import Place, record_action
from ..actions.models import utcnow
from ..db import db
from ..documents.email import HeaderError
from .failures import redact_addresses
from .handover import forget, handed_over, record_handover
from .mail import DeliveryError, SmtpSettings, build_email, send_email
from .models import FAILED, LETTER, QUEUED, SENDING, SENT, OutboxMessage

log = logging.getLogger("advocacy.sending")

RQ_QUEUE = "advocacy-email"
SEND_LEASE = timedelta(minutes=10)  # longer than any SMTP timeout: a "sending" row older than this was abandoned
SCRUBBED_BODY = "(Removed once sent: this email held a private link.)"


def retry_delay(attempts: int, base_seconds: float) -> timedelta:
    """Exponential backoff: base, 2 x base, 4 x base... capped at a day."""
    return timedelta(seconds=min(base_seconds * 2 ** max(attempts - 1, 0), 24 * 3600))


# --- putting work on the queue ---

def redis_connection():
    from redis import Redis

    from ..redis_link import CONNECT_TIMEOUT

    # A short connect timeout: a Redis that is gone must not hold up a resident's request. No read timeout,
    # which would cut the RQ worker's blocking wait for jobs.
    return Redis.from_url(current_app.config["ADVOCACY_REDIS_URL"], socket_connect_timeout=CONNECT_TIMEOUT)


def rq_queue():
    from rq import Queue

    return Queue(RQ_QUEUE, connection=redis_connection())


def enqueue(message_id: int) -> None:
    """Ask for ``message_id`` to be delivered soon. Without Redis the database worker finds it by itself."""
    if not current_app.config.get("ADVOCACY_REDIS_URL"):
        return
    try:
        rq_queue().enqueue(deliver_job, message_id, job_id=f"email-{message_id}-{utcnow():%Y%m%d%H%M%S%f}")
    except Exception:  # Redis down: the row is queued in the database, and the worker's sweep will find it
        log.warning("could not put email %s on the Redis queue; the worker's sweep will pick it up", message_id,
                    exc_info=True)


def deliver_job(message_id: int) -> str:
    """The RQ job. Runs in the worker's app context, or builds the app when started by a bare ``rq worker``."""
    if has_app_context():
        return deliver_message(message_id)
    from .. import create_app

    with create_app().app_context():
        return deliver_message(message_id)


# --- delivering one message ---

def claim(message_id: int, now: datetime) -> bool:
    """Atomically move one due, queued message to "sending". True only for the caller that moved it."""
    result = db.session.execute(
        db.update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == QUEUED,
               db.or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
        .values(status=SENDING, claimed_at=now, attempts=OutboxMessage.attempts + 1, updated_at=now))
    db.session.commit()
    return result.rowcount == 1


def deliver_message(message_id: int, now: datetime | None = None) -> str:
    """Deliver one outbox message if it is queued and due. Returns its status afterwards."""
    now = now or utcnow()
    settings = SmtpSettings.from_config(current_app.config)
    if settings is None:
        return "not configured"
    if not claim(message_id, now):
        return db.session.scalar(db.select(OutboxMessage.status).where(OutboxMessage.id == message_id)) or "missing"
    message = db.session.get(OutboxMessage, message_id)
    refusal = _mp_refusal() if message.purpose == LETTER else None
    if refusal:
        # Confirmed before Parliament was dissolved, not delivered yet: never to a former MP.
        _failed(message, f"Not sent: Parliament was dissolved before it went. {refusal}", now)
        db.session.commit()
        return message.status
    try:
        email = build_email(to_address=message.to_address, to_name=message.to_name,
                            from_address=message.from_address, from_name=message.from_name,
                            reply_to=message.reply_to, subject=message.subject, body=message.body,
                            message_id=message.public_id, automated=message.purpose != LETTER,
                            attachments=_attachments(message))
        send_email(email, envelope_from=message.from_address, recipient=message.to_address, settings=settings)
    except HeaderError as exc:
        _failed(message, f"The email could not be built: {exc}", now)
    except DeliveryError as exc:
        if exc.outcome_unknown:  # staff see it and decide, warned that it may arrive twice
            _failed(message, exc.reason, now, outcome_unknown=True)
        elif exc.temporary and message.attempts < current_app.config["ADVOCACY_SEND_MAX_ATTEMPTS"]:
            message.status = QUEUED
            message.next_attempt_at = now + retry_delay(message.attempts,
                                                        current_app.config["ADVOCACY_SEND_RETRY_SECONDS"])
            message.last_error = f"Attempt {message.attempts} failed, will retry: {exc.reason}"
            log.info("email %s: temporary failure, retry at %s: %s", message.public_id, message.next_attempt_at,
                     exc.reason)
        elif exc.temporary:
            _failed(message, f"Gave up after {message.attempts} attempts. Last error: {exc.reason}", now)
        else:
            _failed(message, exc.reason, now)
    except Exception as exc:  # a bug or an odd server: never leave the row in "sending", say what happened
        log.exception("email %s: unexpected error while sending", message.public_id)
        _failed(message, f"Unexpected error while sending ({type(exc).__name__}: {exc}). It was not retried, "
                         "in case the email did arrive.", now, outcome_unknown=True)
    else:
        # Noted outside the database first: if the commit below never reaches it, the next pass still
        # knows this email went (handover.py).
        record_handover(message.public_id, now)
        _mark_sent(message, now)
        log.info("email %s (%s) sent", message.public_id, message.purpose)
    db.session.commit()
    if message.status == SENT and message.action_json:
        _record_sent_action(message)
    return message.status


def _attachments(message: OutboxMessage) -> list:
    from .outbox import attachments_for  # outbox builds on this module

    return attachments_for(message)


def _mark_sent(message: OutboxMessage, when: datetime) -> None:
    message.status = SENT
    message.sent_at = when
    message.last_error = None
    message.next_attempt_at = None
    message.outcome_unknown = False  # the SMTP server's acceptance is on record: it did arrive
    if message.scrub_after_send:
        message.body = SCRUBBED_BODY


def reconcile_handed_over() -> int:
    """Mark as sent every email the SMTP server accepted whose "sent" never reached the database (the
    connection dropped in between), and record its action. Returns how many were put right."""
    accepted = handed_over()
    if not accepted:
        return 0
    rows = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.public_id.in_(list(accepted)))).all()
    fixed = [row for row in rows if row.status in (SENDING, FAILED)]
    for message in fixed:
        _mark_sent(message, accepted[message.public_id])
        log.warning("email %s (%s): the SMTP server had accepted it before the database connection was lost; "
                    "marked sent", message.public_id, message.purpose)
    db.session.commit()
    for message in fixed:
        if message.action_json:
            _record_sent_action(message)  # idempotent: once per letter however often this runs
    forget(set(accepted))  # rows not found were purged since: nothing left to put right
    return len(fixed)


def _mp_refusal() -> str | None:
    from .service import mp_refusal

    return mp_refusal()


def _failed(message: OutboxMessage, reason: str, now: datetime, *, outcome_unknown: bool = False) -> None:
    """Mark ``message`` failed. ``outcome_unknown``: it may have reached the recipient all the same."""
    message.status = FAILED
    message.last_error = reason = redact_addresses(reason)
    message.next_attempt_at = None
    message.outcome_unknown = outcome_unknown
    log.warning("email %s (%s) failed: %s", message.public_id, message.purpose, reason)


def _record_sent_action(message: OutboxMessage) -> None:
    action = json.loads(message.action_json)
    record_action(campaign=action["campaign"], kind=action["kind"], channel=action["channel"],
                  place=Place(**action.get("place", {})), template_version=action.get("template_version"),
                  idempotency_key=action.get("idempotency_key") or f"sent:{message.public_id}")


# --- the worker's sweep ---

def fail_abandoned(now: datetime) -> int:
    """Messages a dead worker left in "sending": mark them failed with the reason and as outcome unknown
    (the SMTP server may have taken them before the worker stopped), never resend them."""
    stale = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.status == SENDING,
                                                              OutboxMessage.claimed_at < now - SEND_LEASE)).all()
    for message in stale:
        _failed(message, "The worker stopped while sending this email, so it may or may not have arrived. "
                         "It was not sent again, to be sure the recipient never gets it twice.", now,
                outcome_unknown=True)
    db.session.commit()
    return len(stale)


def due_message_ids(now: datetime, limit: int = 100) -> list[int]:
    return list(db.session.scalars(
        db.select(OutboxMessage.id)
        .where(OutboxMessage.status == QUEUED,
               db.or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)))


def run_pass(now: datetime | None = None, *, use_rq: bool = False) -> int:
    """One pass of the worker: ask due follow-ups, queue new-MP reminders that are ready, fail abandoned
    sends, then deliver what is due (or, with Redis, put it on the RQ queue). Returns how many messages were
    handled."""
    from .followup import schedule_follow_ups
    from .notices import schedule_new_mp_reminders

    now = now or utcnow()
    reconcile_handed_over()  # before fail_abandoned: a "sending" row the server accepted was sent
    schedule_follow_ups(now)
    schedule_new_mp_reminders(now)
    fail_abandoned(now)
    due = due_message_ids(now)
    for message_id in due:
        if use_rq:
            enqueue(message_id)
        else:
            deliver_message(message_id, now)
    return len(due)
