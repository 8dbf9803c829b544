"""Case studies from council officers: stored for staff review, published by an admin, shown on the
campaign page. Plain functions that the views, CLI and tests call."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..actions.models import utcnow
from ..db import db
from .models import PUBLISHED, SUBMITTED, CaseStudy, CaseStudyContact
from .notify import notify_staff_of_case_study


class NoConsent(ValueError):
    """The officer did not agree to publication, so the case study cannot be published."""


@dataclass(frozen=True)
class Submission:
    title: str
    council: str
    what_they_did: str
    outcome: str
    email: str
    consent_to_publish: bool


def submit_case_study(campaign: str, submission: Submission) -> CaseStudy:
    """Store a case study for review (and its contact apart from it), then tell staff."""
    case_study = CaseStudy(campaign=campaign, title=submission.title.strip(), council=submission.council.strip(),
                           what_they_did=submission.what_they_did.strip(), outcome=submission.outcome.strip(),
                           consent_to_publish=submission.consent_to_publish, status=SUBMITTED)
    db.session.add(case_study)
    db.session.flush()
    db.session.add(CaseStudyContact(case_study_id=case_study.id, email=submission.email.strip()))
    db.session.commit()
    notify_staff_of_case_study(case_study)
    return case_study


def case_studies_for_review(campaign: str) -> list[tuple[CaseStudy, str | None]]:
    """Every case study of the campaign with its contact email (None once purged), newest first."""
    rows = db.session.execute(
        select(CaseStudy, CaseStudyContact.email)
        .outerjoin(CaseStudyContact, CaseStudyContact.case_study_id == CaseStudy.id)
        .where(CaseStudy.campaign == campaign).order_by(CaseStudy.created_at.desc(), CaseStudy.id.desc()))
    return [(case_study, email) for case_study, email in rows]


def published_case_studies(campaign: str) -> list[CaseStudy]:
    """The case studies shown on the campaign page, most recently published first."""
    return list(db.session.scalars(
        select(CaseStudy).where(CaseStudy.campaign == campaign, CaseStudy.status == PUBLISHED)
        .order_by(CaseStudy.published_at.desc(), CaseStudy.id.desc())))


def set_published(campaign: str, case_study_id: int, publish: bool, *, by: str) -> CaseStudy | None:
    """Publish or withdraw a case study. None when there is no such case study in this campaign; raises
    NoConsent when asked to publish one whose author did not agree to it."""
    case_study = db.session.get(CaseStudy, case_study_id)
    if case_study is None or case_study.campaign != campaign:
        return None
    if publish and not case_study.consent_to_publish:
        raise NoConsent("The officer who sent this case study did not agree to it being published.")
    case_study.status = PUBLISHED if publish else SUBMITTED
    case_study.published_at = utcnow() if publish else None
    case_study.published_by = by if publish else None
    db.session.commit()
    return case_study
