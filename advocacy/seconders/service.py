"""The seconder link: the proposer creates a private link, the seconder opens it and confirms their name
and ward, and from then on the motion's PDF and Word files name both councillors.

The token is random and only its sha256 is stored; a wrong or expired token finds nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from ..actions.models import utcnow
from ..db import db
from ..secret_links import hash_token
from ..motions.models import MotionProposer, MotionReport
from ..motions.service import MotionDraft, submission_key
from .models import SeconderInvite

TOKEN_BYTES = 32


def report_for_submission(submission: str) -> MotionReport | None:
    """The motion record created from the councillor's submission (their session holds the submission id)."""
    return db.session.scalar(select(MotionReport).where(MotionReport.submission_key == submission_key(submission)))


def _proposer(report: MotionReport) -> MotionProposer | None:
    return db.session.scalar(select(MotionProposer).where(MotionProposer.report_id == report.id))


def invite_seconder(report: MotionReport, *, days: int) -> str:
    """A new private link token for the seconder (an earlier link stops working). Commits. The invitation
    it belongs to: ``invitation_for_token(token)``."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invite = db.session.scalar(select(SeconderInvite).where(SeconderInvite.report_id == report.id))
    if invite is None:
        invite = SeconderInvite(report_id=report.id)
        db.session.add(invite)
    invite.token_hash = hash_token(token)
    invite.expires_at = utcnow() + dt.timedelta(days=days)
    db.session.commit()
    return token


@dataclass(frozen=True)
class Invitation:
    invite: SeconderInvite
    report: MotionReport
    proposer: MotionProposer | None  # None once personal data was purged


def invitation_for_token(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    invite = db.session.scalar(select(SeconderInvite).where(SeconderInvite.token_hash == hash_token(token)))
    if invite is None or invite.expires_at < utcnow():
        return None
    report = db.session.get(MotionReport, invite.report_id)
    proposer = _proposer(report)
    if proposer is None:  # the motion's personal data has been purged: nothing left to second
        return None
    return Invitation(invite, report, proposer)


def confirm_seconder(invitation: Invitation, *, name: str, ward: str) -> None:
    """Save the seconder's name and ward on the motion and mark the link confirmed. Commits."""
    invitation.proposer.seconder_name = name.strip()
    invitation.proposer.seconder_ward = ward.strip()
    invitation.invite.confirmed_at = utcnow()
    db.session.commit()


@dataclass(frozen=True)
class SeconderStatus:
    invited: bool
    confirmed_at: dt.datetime | None
    name: str | None
    ward: str | None

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


def seconder_status(report: MotionReport) -> SeconderStatus:
    invite = db.session.scalar(select(SeconderInvite).where(SeconderInvite.report_id == report.id))
    proposer = _proposer(report)
    confirmed = invite.confirmed_at if invite else None
    return SeconderStatus(invited=invite is not None, confirmed_at=confirmed,
                          name=proposer.seconder_name if proposer and confirmed else None,
                          ward=proposer.seconder_ward if proposer and confirmed else None)


def with_confirmed_seconder(draft: MotionDraft, submission: str) -> MotionDraft:
    """The draft with the seconder who confirmed through their link (what they typed wins over the proposer's)."""
    import dataclasses

    report = report_for_submission(submission)
    if report is None:
        return draft
    status = seconder_status(report)
    if not status.confirmed or not status.name:
        return draft
    return dataclasses.replace(draft, seconder_name=status.name, seconder_ward=status.ward or "")
