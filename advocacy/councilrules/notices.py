"""Emails about a motion's notice, through the sending capability's outbox queue: the finished motion to
the council's democratic services (Reply-To the proposer), and a reminder to the proposer two days before
the notice deadline (a queued email due then; the worker sends it when it is due).

Each email has an idempotency key made from the motion's record, so pressing a button twice never sends
anything twice. The proposer's address is stored in the outbox as the person the email is about, so
`privacy export/erase` find it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo


from ..db import db
from ..documents import motion_text
from .deadlines import MeetingDeadline, long_date
from .models import CouncilRules

MOTION_PURPOSE = "motion"
REMINDER_PURPOSE = "reminder"
REMINDER_DAYS_BEFORE = 2
REMINDER_HOUR = 8  # 08:00 in England on the day
LONDON = ZoneInfo("Europe/London")


class NoticeRefused(ValueError):
    """The email cannot be queued; the message says why and what to do instead."""


def queue_available() -> bool:
    """Emails can be sent: the sending capability is installed and SMTP is configured."""
    from ..sending.notices import can_send_email

    return can_send_email()


@dataclass(frozen=True)
class QueuedEmail:
    status: str  # queued, sending, sent, failed
    due: dt.datetime | None  # UTC
    sent_at: dt.datetime | None
    error: str | None


def _key(report_id: int, what: str) -> str:
    return f"motion:{report_id}:{what}"


def email_status(report_id: int, what: str) -> QueuedEmail | None:
    """What became of this motion's email ("democratic-services" or "reminder"); None if never queued."""
    from ..sending.models import OutboxMessage

    message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.idempotency_key == _key(report_id, what)))
    if message is None:
        return None
    return QueuedEmail(message.status, message.next_attempt_at, message.sent_at, message.last_error)


def _queue(*, key: str, purpose: str, campaign: str, to_address: str, to_name: str, reply_to: str | None,
           subject: str, body: str, person_email: str, due: dt.datetime | None = None,
           action: dict | None = None) -> bool:
    """Put one email in the outbox; False when this key is already there (nothing new is queued)."""
    from ..documents.email import HeaderError, check_address, check_header_value
    from ..sending.notices import add_email
    from ..sending.queue import enqueue

    try:
        check_address("democratic services address", to_address)
        check_address("your email address", person_email)
        check_header_value("subject", subject)
    except HeaderError as exc:
        raise NoticeRefused(str(exc)) from None
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    message = add_email(key=key, purpose=purpose, campaign=campaign, to_address=to_address, to_name=to_name,
                        reply_to=reply_to, subject=subject, body=body, person_email=person_email, now=now, due=due,
                        action=action)
    if message is None:
        return False
    db.session.commit()
    if due is None:
        enqueue(message.id)  # with Redis, deliver now; otherwise the worker's next pass finds it
    return True


def send_motion(*, report, drafted, rules: CouncilRules, proposer_email: str, notice: MeetingDeadline | None,
                seconder_confirmed: bool) -> bool:
    """Queue the finished motion to the council's democratic services. Raises NoticeRefused with the reason
    (no address known, a seconder still to confirm, the deadline passed)."""
    if not rules.democratic_services_email:
        raise NoticeRefused(f"We do not know {rules.council_name}'s democratic services email address: download "
                            "the motion and send it yourself.")
    if notice is not None and not notice.open:
        raise NoticeRefused(f"The notice deadline for this meeting was {long_date(notice.deadline)}. Choose a later "
                            "meeting, or ask democratic services whether they will still accept it.")
    if rules.seconder_required and not drafted.motion.seconder:
        raise NoticeRefused(f"{rules.council_name} needs a seconder to sign the motion. Send your seconder their link "
                            "and send the motion once they have confirmed.")
    motion = drafted.motion
    names = motion.proposer + (f", seconded by {motion.seconder}" if motion.seconder else "")
    body = (f"Dear democratic services,\n\nPlease accept the notice of motion below for {motion.heading_line}, "
            f"proposed by {names}.\n\nReplies go to the proposer at {proposer_email}.\n\n"
            f"{motion_text(motion)}\n\n--\nSent on the proposer's behalf by the campaign's motion tool.\n")
    council = drafted.council
    action = {"campaign": report.campaign, "kind": "motion", "channel": "sent",
              "place": {"council_code": council.code, "council_name": council.name,
                        "authority_code": drafted.authority.code, "authority_name": drafted.authority.name,
                        "country": "England"},
              "template_version": drafted.template_version, "idempotency_key": f"motion-sent:{report.id}"}
    return _queue(key=_key(report.id, "democratic-services"), purpose=MOTION_PURPOSE, campaign=report.campaign,
                  to_address=rules.democratic_services_email, to_name=f"{rules.council_name} democratic services",
                  reply_to=proposer_email, subject=f"Notice of motion: {motion.title} ({motion.heading_line})",
                  body=body, person_email=proposer_email, action=action)


def reminder_time(deadline: dt.date) -> dt.datetime:
    """08:00 in England two days before the deadline, as naive UTC (the outbox's clock)."""
    local = dt.datetime.combine(deadline - dt.timedelta(days=REMINDER_DAYS_BEFORE), dt.time(REMINDER_HOUR),
                                tzinfo=LONDON)
    return local.astimezone(dt.timezone.utc).replace(tzinfo=None)


def schedule_reminder(*, report, drafted, notice: MeetingDeadline, proposer_email: str,
                      now: dt.datetime | None = None) -> bool:
    """Queue a reminder email due two days before the notice deadline. Raises NoticeRefused when that is
    already past."""
    due = reminder_time(notice.deadline)
    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    if due <= now:
        raise NoticeRefused(f"The notice deadline is {long_date(notice.deadline)}, less than two days away, so "
                            "there is no time for a reminder: send the motion now.")
    motion = drafted.motion
    body = (f"This is the reminder you asked for.\n\nNotice of your motion \"{motion.title}\" for "
            f"{motion.heading_line} must reach {drafted.council.name}'s democratic services by "
            f"{long_date(notice.deadline)}, in two days.\n\nIf you have already sent it, there is nothing to do.\n")
    return _queue(key=_key(report.id, "reminder"), purpose=REMINDER_PURPOSE, campaign=report.campaign,
                  to_address=proposer_email, to_name=motion.proposer, reply_to=None,
                  subject=f"Reminder: notice of your motion is due by {long_date(notice.deadline)}",
                  body=body, person_email=proposer_email, due=due)
