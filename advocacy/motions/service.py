"""A council motion from a councillor's answers: the template context, the Motion document and its
downloads, and the action record for each download.

Plain functions over plain data, so the web layer, the CLI and the tests all build motions the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..actions import Place, record_action
from ..campaigns import Campaign, render_template_for
from ..documents import Motion, format_date, motion_docx, motion_pdf, motion_text
from ..localdata import Figures, figures_for, figures_for_england
from .finder import AreaMP, Authority, CouncilInfo, authority_for, mps_for_council

MEETINGS: dict[str, str] = {"full_council": "Full Council", "cabinet": "Cabinet", "committee": "Committee"}
FORMATS: dict[str, tuple[str, str]] = {  # channel -> (file extension, media type)
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("pdf", "application/pdf"),
    "text": ("txt", "text/plain; charset=utf-8"),
}


@dataclass(frozen=True)
class MotionDraft:
    """What the councillor typed and chose. Kept in their session until the motion is created."""

    council_code: str
    proposer_name: str
    proposer_ward: str
    meeting: str  # a MEETINGS key
    meeting_date: dt.date
    asks: tuple[str, ...]  # ask ids, in the campaign's order
    party: str = ""
    seconder_name: str = ""
    seconder_ward: str = ""
    email: str = ""
    # Seats a postcode lookup found for this councillor: (code, name).
    constituencies: tuple[tuple[str | None, str], ...] = field(default_factory=tuple)

    def to_session(self) -> dict[str, Any]:
        data = asdict(self)
        data["meeting_date"] = self.meeting_date.isoformat()
        data["asks"] = list(self.asks)
        data["constituencies"] = [list(seat) for seat in self.constituencies]
        return data

    @classmethod
    def from_session(cls, data: dict[str, Any]) -> "MotionDraft":
        values = dict(data)
        values["meeting_date"] = dt.date.fromisoformat(values["meeting_date"])
        values["asks"] = tuple(values.get("asks") or ())
        values["constituencies"] = tuple(tuple(seat) for seat in values.get("constituencies") or ())
        return cls(**values)

    @property
    def meeting_name(self) -> str:
        return MEETINGS[self.meeting]


@dataclass(frozen=True)
class DraftedMotion:
    """A motion ready to render, with what the page says about it."""

    motion: Motion
    council: CouncilInfo
    authority: Authority
    figures_area: str  # whose figures the motion quotes: "Kent", "England"
    sample_figures: bool
    mps: list[AreaMP]
    template_version: str | None


def _person(name: str, ward: str, party: str = "") -> dict[str, str]:
    return {"name": name, "ward": ward, "party": party}


def motion_context(campaign: Campaign, council: CouncilInfo, draft: MotionDraft, today: dt.date | None = None,
                   *, authority: Authority | None = None, figures: Figures | None = None,
                   mps: list[AreaMP] | None = None) -> dict[str, Any]:
    """What the motion template is filled with for this council and councillor (the staff editor's
    examples use it too, so they show what a councillor would get)."""
    authority = authority or authority_for(council)
    figures = figures or figures_for(council.code, campaign.measures) or figures_for_england(campaign.measures)
    local = figures.as_template_dict()
    mps = mps_for_council(council.code, list(draft.constituencies)) if mps is None else mps
    chosen = [a for a in campaign.asks if a.id in draft.asks]
    return {
        "campaign": {"title": campaign.title, "hashtag": campaign.hashtag, "slug": campaign.slug},
        "council": {"name": council.name, "code": council.code},
        "authority": {"name": authority.name, "code": authority.code or council.code},
        "local": local,
        "asks": [{"id": a.id, "title": a.title, "text": a.text} for a in chosen],
        "proposer": _person(draft.proposer_name, draft.proposer_ward, draft.party),
        "seconder": _person(draft.seconder_name, draft.seconder_ward) if draft.seconder_name else None,
        "meeting": {"name": draft.meeting_name, "date": format_date(draft.meeting_date)},
        "mps": [{"name": mp.name, "constituency": mp.constituency} for mp in mps if mp.name],
        "date": format_date(today or dt.date.today()),
    }


def build_motion(campaign: Campaign, council: CouncilInfo, draft: MotionDraft,
                 today: dt.date | None = None) -> DraftedMotion:
    """Render the campaign's motion template for this council and councillor."""
    authority = authority_for(council)
    figures = figures_for(council.code, campaign.measures) or figures_for_england(campaign.measures)
    mps = mps_for_council(council.code, list(draft.constituencies))
    context = motion_context(campaign, council, draft, today, authority=authority, figures=figures, mps=mps)
    body = render_template_for(campaign, "motion", context)
    proposer = f"{draft.proposer_name} ({draft.proposer_ward})"
    seconder = f"{draft.seconder_name} ({draft.seconder_ward})" if draft.seconder_name else ""
    motion = Motion(title=campaign.motion_title or campaign.title, body=body, council=council.name,
                    meeting=draft.meeting_name, meeting_date=draft.meeting_date, proposer=proposer,
                    seconder=seconder)
    template = campaign.templates.get("motion")
    return DraftedMotion(motion=motion, council=council, authority=authority, figures_area=figures.area_name,
                         sample_figures=figures.sample, mps=mps,
                         template_version=template.version if template else None)


def render_download(drafted: DraftedMotion, channel: str) -> bytes:
    """The motion as a .docx, PDF or plain text file."""
    if channel == "docx":
        return motion_docx(drafted.motion)
    if channel == "pdf":
        return motion_pdf(drafted.motion)
    if channel == "text":
        return motion_text(drafted.motion).encode("utf-8")
    raise ValueError(f"unknown motion format {channel!r}")


def download_name(campaign: Campaign, council: CouncilInfo, channel: str) -> str:
    """'bright-futures-motion-leeds-city-council.docx': ASCII only, safe in any header."""
    council_slug = re.sub(r"[^a-z0-9]+", "-", council.name.lower()).strip("-") or council.code.lower()
    return f"{campaign.slug}-motion-{council_slug}.{FORMATS[channel][0]}"


def record_download(campaign: Campaign, drafted: DraftedMotion, channel: str, submission: str) -> bool:
    """Count a download: one action per submission and format, however often it is downloaded."""
    council, authority = drafted.council, drafted.authority
    place = Place(council_code=council.code, council_name=council.name, authority_code=authority.code,
                  authority_name=authority.name, country="England")
    return record_action(campaign=campaign.slug, kind="motion", channel=channel, place=place,
                         template_version=drafted.template_version,
                         idempotency_key=f"motion:{submission_key(submission)[:40]}:{channel}")


def submission_key(submission: str) -> str:
    """The stored form of a submission's random id (the id itself stays in the councillor's session)."""
    return hashlib.sha256(submission.encode()).hexdigest()
