"""Telling staff that a case study arrived: one function, so the way mail leaves can change in one place.

Sent straight through the app's SMTP settings (ADVOCACY_SMTP_*) to every admin account. When no SMTP
server is configured nothing is sent and the log says so: the case study is stored either way and waits
on the staff review page.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app
from sqlalchemy import select

from ..db import db
from ..staff.models import StaffUser
from .models import CaseStudy

log = logging.getLogger("advocacy.spread")
SMTP_TIMEOUT = 10  # seconds; the officer is waiting for the thank-you page


def _one_line(text: str) -> str:
    return " ".join(text.split())


def staff_to_notify() -> list[str]:
    return list(db.session.scalars(select(StaffUser.email).where(StaffUser.role == "admin").order_by(StaffUser.email)))


def case_study_text(case_study: CaseStudy) -> tuple[str, str]:
    """(subject, body) of the notification: what arrived and where to review it. No contact details
    (they stay in the app)."""
    # Built from the URL map, not url_for, so it works outside a request too (CLI, a queued job).
    path = current_app.url_map.bind("").build("staff.case_studies", {"slug": case_study.campaign})
    review = current_app.config["ADVOCACY_PUBLIC_URL"] + path
    consent = ("They agreed to it being published." if case_study.consent_to_publish
               else "They did not agree to it being published: it is for the campaign team only.")
    subject = _one_line(f"New case study to review: {case_study.title}")[:200]
    body = (f"A council officer sent a case study for the campaign '{case_study.campaign}'.\n\n"
            f"Title: {_one_line(case_study.title)}\nCouncil: {_one_line(case_study.council)}\n{consent}\n\n"
            f"Read it and decide whether to publish it:\n{review}\n")
    return subject, body


def case_study_email(case_study: CaseStudy, recipients: list[str]) -> EmailMessage:
    subject, body = case_study_text(case_study)
    message = EmailMessage()
    message["From"] = current_app.config["ADVOCACY_MAIL_FROM"]
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="raise-your-voice")
    message.set_content(body)
    return message


def notify_staff_of_case_study(case_study: CaseStudy) -> bool:
    """Email the admins about a new case study. True when sent; False when there is nobody to tell or no
    SMTP server is configured. A mail failure is logged, never raised: the case study is already stored."""
    config = current_app.config
    recipients = staff_to_notify()
    if not recipients:
        log.warning("case study %s stored; no admin account to notify", case_study.id)
        return False
    if not config.get("ADVOCACY_SMTP_HOST"):
        log.info("case study %s stored; not emailed to staff: ADVOCACY_SMTP_HOST is not set", case_study.id)
        return False
    message = case_study_email(case_study, recipients)
    try:
        with smtplib.SMTP(config["ADVOCACY_SMTP_HOST"], config["ADVOCACY_SMTP_PORT"], timeout=SMTP_TIMEOUT) as smtp:
            if config["ADVOCACY_SMTP_STARTTLS"]:
                smtp.starttls()
            if config.get("ADVOCACY_SMTP_USERNAME"):
                smtp.login(config["ADVOCACY_SMTP_USERNAME"], config.get("ADVOCACY_SMTP_PASSWORD") or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        log.error("case study %s stored; emailing staff failed: %s", case_study.id, exc)
        return False
    return True
