"""Emailing a councillor their private report-back link, when they gave an address and this site sends
email (ADVOCACY_SMTP_HOST set). The email goes through advocacy.sending's outbox and worker, once per motion."""

from __future__ import annotations

from ..campaigns import Campaign
from ..documents import HeaderError, format_date
from .models import MotionReport
from .service import MotionDraft


def email_report_link(campaign: Campaign, report: MotionReport, token: str, draft: MotionDraft) -> str | None:
    """Queue the email with the link. Returns None when nothing was queued because none is wanted (no
    address, or email is off), "queued", or the reason the address cannot be used."""
    from ..sending import can_send_email, queue_motion_link
    from ..sending.service import public_link

    if not draft.email or not can_send_email():
        return None
    try:
        queue_motion_link(report_key=report.submission_key, campaign=campaign.slug, campaign_title=campaign.title,
                          to_address=draft.email, proposer_name=draft.proposer_name,
                          council_name=report.council_name, meeting=draft.meeting_name,
                          link=public_link("councillors.report", token=token),
                          expires_on=format_date(report.token_expires_at.date()))
    except HeaderError as problem:
        return str(problem)
    return "queued"
