"""Sending letters for residents: outbox, confirmation links, delivery worker, follow-ups.

    request_send(...)            store a letter awaiting confirmation and email the resident a link
    confirm_request(token)       the resident confirmed: queue their letter, once
    deliver_message(id)          the job function (database worker and RQ alike): claim, send, retry
    schedule_follow_ups(now)     "did your MP reply?" two weeks after sending
    schedule_new_mp_reminders()  "your new MP is known" after a general election (the worker calls it)
    queue_motion_link(...)       a councillor's private motion report-back link, once per motion
    can_send_email()             whether SMTP is configured (ADVOCACY_SMTP_HOST)
    reply_rates(campaign, by)    aggregates for staff
    `flask --app advocacy worker [--once|--burst]`
"""

from flask import Flask

from .followup import record_answer, reply_rates, schedule_follow_ups
from .models import (AWAITING_CONFIRMATION, FAILED, QUEUED, SENT, FollowUpResult, OutboxMessage, SendRequest,
                     SendToken)
from .notices import can_send_email, queue_motion_link, schedule_new_mp_reminders
from .queue import deliver_job, deliver_message, run_pass
from .service import (Recipient, SendRefused, confirm_request, request_for_submission, request_send,
                      request_status)


def sending_enabled(app_config, campaign) -> bool:
    """Whether "Send it for me" is offered: SMTP is configured and the campaign opted in."""
    return bool(app_config.get("ADVOCACY_SMTP_HOST")) and bool(getattr(campaign, "send_for_me", False))


def init_app(app: Flask) -> None:
    from . import cli

    cli.init_app(app)


__all__ = ["AWAITING_CONFIRMATION", "FAILED", "FollowUpResult", "OutboxMessage", "QUEUED", "Recipient", "SENT",
           "SendRefused", "SendRequest", "SendToken", "can_send_email", "confirm_request", "deliver_job", "deliver_message",
           "init_app", "queue_motion_link", "record_answer", "reply_rates", "request_for_submission", "request_send", "request_status",
           "run_pass", "schedule_follow_ups", "schedule_new_mp_reminders", "sending_enabled"]
