"""Telling staff that a case study arrived: one function, so the way mail leaves can change in one place.

Queued in the app's mail queue (advocacy.sending) for every admin account; the worker delivers it. When no
SMTP server is configured nothing is queued and the log says so: the case study is stored either way and
waits on the staff review page.
"""

from __future__ import annotations

import logging
import secrets

from flask import current_app
from sqlalchemy import select

from ..actions.models import utcnow
from ..db import db
from ..public_url import public_base_url
from ..staff.models import StaffUser
from .models import CaseStudy

log = logging.getLogger("advocacy.spread")
PURPOSE = "case_study"  # the outbox row's purpose


def _one_line(text: str) -> str:
    return " ".join(text.split())


def staff_to_notify() -> list[str]:
    return list(db.session.scalars(select(StaffUser.email).where(StaffUser.role == "admin").order_by(StaffUser.email)))


def case_study_text(case_study: CaseStudy) -> tuple[str, str]:
    """(subject, body) of the notification: what arrived and where to review it. No contact details
    (they stay in the app)."""
    # Built from the URL map, not url_for, so it works outside a request too (CLI, a queued job).
    path = current_app.url_map.bind("").build("staff.case_studies", {"slug": case_study.campaign})
    review = public_base_url() + path
    consent = ("They agreed to it being published." if case_study.consent_to_publish
               else "They did not agree to it being published: it is for the campaign team only.")
    subject = _one_line(f"New case study to review: {case_study.title}")[:200]
    body = (f"A council officer sent a case study for the campaign '{case_study.campaign}'.\n\n"
            f"Title: {_one_line(case_study.title)}\nCouncil: {_one_line(case_study.council)}\n{consent}\n\n"
            f"Read it and decide whether to publish it:\n{review}\n")
    return subject, body


def notify_staff_of_case_study(case_study: CaseStudy) -> bool:
    """Queue an email to each admin about a new case study, through the app's mail queue (advocacy.sending:
    outbox, worker, retries, each email sent once). True when queued; False when there is nobody to tell or
    no SMTP server is configured (the log says so). The case study is stored either way."""
    from ..sending.mail import sender_from_config
    from ..sending.models import QUEUED, OutboxMessage
    from ..sending.queue import enqueue

    config = current_app.config
    recipients = staff_to_notify()
    if not recipients:
        log.warning("case study %s stored; no admin account to notify", case_study.id)
        return False
    if not config.get("ADVOCACY_SMTP_HOST"):
        log.info("case study %s stored; not emailed to staff: ADVOCACY_SMTP_HOST is not set", case_study.id)
        return False
    sender_name, sender_address = sender_from_config(config)
    subject, body = case_study_text(case_study)
    now = utcnow()
    messages = [OutboxMessage(
        public_id=secrets.token_urlsafe(18), idempotency_key=f"case-study:{case_study.id}:{email}"[:160],
        purpose=PURPOSE, campaign=case_study.campaign, to_address=email, to_name="", from_address=sender_address,
        from_name=sender_name, reply_to=None, subject=subject, body=body, resident_email=email, status=QUEUED,
        next_attempt_at=now, created_at=now, updated_at=now) for email in recipients]
    db.session.add_all(messages)
    db.session.commit()
    for message in messages:
        enqueue(message.id)
    return True
