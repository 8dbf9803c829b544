"""Emailing a seconder their private link, when the proposer gives the address and this site sends email
(ADVOCACY_SMTP_HOST set). Through advocacy.sending's outbox and worker, once per link."""

from __future__ import annotations

from ..campaigns import Campaign
from ..documents import HeaderError, format_date
from ..motions.models import MotionProposer, MotionReport
from ..motions.service import MEETINGS
from ..secret_links import hash_token
from .models import SeconderInvite


def email_seconder_link(campaign: Campaign, report: MotionReport, proposer: MotionProposer, invite: SeconderInvite,
                        token: str, to_address: str) -> str | None:
    """Queue the email with the link. None when nothing was queued because email is off; "queued"; or the
    reason the address cannot be used."""
    from ..sending import can_send_email, queue_seconder_link
    from ..sending.service import public_link

    if not to_address or not can_send_email():
        return None
    try:
        queue_seconder_link(link_key=hash_token(token), campaign=campaign.slug, campaign_title=campaign.title,
                            to_address=to_address, proposer_name=proposer.proposer_name,
                            council_name=report.council_name, meeting=MEETINGS.get(report.meeting, report.meeting),
                            link=public_link("seconders.second", token=token),
                            expires_on=format_date(invite.expires_at.date()))
    except HeaderError as problem:
        return str(problem)
    return "queued"
