"""Browser edits of campaign files, and opening/closing campaigns, stored in the database.

Campaign texts and templates are files (``letters/<slug>/campaign.toml``, ``letter_mp.md`` ...). When
staff edit one in the browser, the new text is saved as a numbered version of that file; the newest
version overrides the file on disk, and every earlier version is kept so it can be restored. Restoring
saves a copy of the old version as a new one, so history only ever grows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db

STATUSES = ("open", "closed")  # no row (or status None): follow the dates in campaign.toml


class CampaignFileVersion(db.Model):
    __tablename__ = "campaign_file_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(80))
    filename: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    sha: Mapped[str] = mapped_column(String(64))  # sha256 of content; its first 12 are the template version
    restored_from: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(320))

    __table_args__ = (UniqueConstraint("campaign", "filename", "version",
                                       name="uq_campaign_file_versions_version"),)


class CampaignStatus(db.Model):
    __tablename__ = "campaign_statuses"

    campaign: Mapped[str] = mapped_column(String(80), primary_key=True)
    status: Mapped[str | None] = mapped_column(String(10))
    # Bumped on every change so the sum over all rows is a cheap "has anything changed" stamp.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(320))


class VersionConflict(Exception):
    """Someone saved the same file after the editor was opened."""


def content_sha(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


def change_stamp() -> tuple[int, int]:
    """Changes whenever any file version is saved or any status changes. Two indexed aggregates."""
    newest = db.session.scalar(select(func.coalesce(func.max(CampaignFileVersion.id), 0)))
    statuses = db.session.scalar(select(func.coalesce(func.sum(CampaignStatus.revision), 0)))
    return int(newest), int(statuses)


def latest_versions(campaign: str | None = None) -> dict[str, dict[str, CampaignFileVersion]]:
    """The newest saved version of each file: {campaign slug: {file name: version}}."""
    newest = (select(CampaignFileVersion.campaign, CampaignFileVersion.filename,
                     func.max(CampaignFileVersion.version).label("version"))
              .group_by(CampaignFileVersion.campaign, CampaignFileVersion.filename))
    if campaign is not None:
        newest = newest.where(CampaignFileVersion.campaign == campaign)
    newest = newest.subquery()
    rows = db.session.scalars(select(CampaignFileVersion).join(newest, (
        (CampaignFileVersion.campaign == newest.c.campaign)
        & (CampaignFileVersion.filename == newest.c.filename)
        & (CampaignFileVersion.version == newest.c.version))))
    found: dict[str, dict[str, CampaignFileVersion]] = {}
    for row in rows:
        found.setdefault(row.campaign, {})[row.filename] = row
    return found


def versions_of(campaign: str, filename: str) -> list[CampaignFileVersion]:
    """Every saved version of one file, newest first."""
    return list(db.session.scalars(
        select(CampaignFileVersion)
        .where(CampaignFileVersion.campaign == campaign, CampaignFileVersion.filename == filename)
        .order_by(CampaignFileVersion.version.desc())))


def get_version(campaign: str, filename: str, version: int) -> CampaignFileVersion | None:
    return db.session.scalar(select(CampaignFileVersion).where(
        CampaignFileVersion.campaign == campaign, CampaignFileVersion.filename == filename,
        CampaignFileVersion.version == version))


def save_version(campaign: str, filename: str, content: str, *, created_by: str, based_on: int,
                 restored_from: int | None = None) -> CampaignFileVersion:
    """Save ``content`` as the next version of a file and commit.

    ``based_on`` is the version the editor started from (0 = the file on disk); if someone saved a newer
    one meanwhile, VersionConflict is raised and nothing is saved, so no one's edit is silently lost.
    """
    current = db.session.scalar(select(func.coalesce(func.max(CampaignFileVersion.version), 0)).where(
        CampaignFileVersion.campaign == campaign, CampaignFileVersion.filename == filename))
    if current != based_on:
        raise VersionConflict(f"version {current} was saved after you opened version {based_on}")
    row = CampaignFileVersion(campaign=campaign, filename=filename, version=current + 1, content=content,
                              sha=content_sha(content), restored_from=restored_from, created_by=created_by)
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:  # two saves raced past the check; the unique constraint let one in
        db.session.rollback()
        raise VersionConflict("another version was saved at the same moment") from None
    _saved()
    return row


def _saved() -> None:
    from .registry import recheck_soon  # the registry reads this module; imported late to avoid a cycle

    recheck_soon()


def save_versions(campaign: str, contents: Mapping[str, str], *, created_by: str,
                  based_on: Mapping[str, int]) -> list[CampaignFileVersion]:
    """Save several files of one campaign as their next versions, all or none, and commit.

    ``based_on`` gives, per file, the version the form started from (0: none yet); VersionConflict as in
    ``save_version``. A file that had no version before may be new to the campaign (e.g. a template added
    when the campaign starts writing to councils).
    """
    rows = _add_versions(campaign, contents, created_by=created_by, based_on=based_on)
    _commit_or_conflict()
    return rows


def create_campaign(campaign: str, files: Mapping[str, str], *, created_by: str) -> None:
    """Save a campaign made on the staff pages: version 1 of each file, closed until staff open it.

    One transaction. Raises VersionConflict when a campaign with that slug already has saved files.
    """
    taken = db.session.scalar(select(CampaignFileVersion.id).where(CampaignFileVersion.campaign == campaign).limit(1))
    if taken is not None:
        raise VersionConflict(f"a campaign called {campaign} was saved a moment ago")
    _add_versions(campaign, files, created_by=created_by, based_on={name: 0 for name in files})
    _put_status(campaign, "closed", updated_by=created_by)
    _commit_or_conflict()


def _add_versions(campaign: str, contents: Mapping[str, str], *, created_by: str,
                  based_on: Mapping[str, int]) -> list[CampaignFileVersion]:
    current = dict(db.session.execute(
        select(CampaignFileVersion.filename, func.max(CampaignFileVersion.version))
        .where(CampaignFileVersion.campaign == campaign, CampaignFileVersion.filename.in_(list(contents)))
        .group_by(CampaignFileVersion.filename)).all())
    rows = []
    for filename, content in contents.items():
        latest = current.get(filename, 0)
        if latest != based_on.get(filename, 0):
            raise VersionConflict(f"version {latest} of {filename} was saved after you opened the page")
        rows.append(CampaignFileVersion(campaign=campaign, filename=filename, version=latest + 1, content=content,
                                        sha=content_sha(content), created_by=created_by))
    db.session.add_all(rows)
    return rows


def _commit_or_conflict() -> None:
    try:
        db.session.commit()
    except IntegrityError:  # two saves raced past the check; the unique constraints let one in
        db.session.rollback()
        raise VersionConflict("another version was saved at the same moment") from None
    _saved()  # this process serves the change on its next request


@dataclass(frozen=True)
class StatusOverride:
    status: str | None
    updated_at: datetime
    updated_by: str


def status_overrides() -> dict[str, str]:
    """{campaign slug: 'open' | 'closed'} for campaigns whose dates are overridden."""
    rows = db.session.execute(select(CampaignStatus.campaign, CampaignStatus.status)
                              .where(CampaignStatus.status.is_not(None)))
    return {slug: status for slug, status in rows}


def status_of(campaign: str) -> StatusOverride | None:
    row = db.session.get(CampaignStatus, campaign)
    return StatusOverride(row.status, row.updated_at, row.updated_by) if row else None


def set_status(campaign: str, status: str | None, *, updated_by: str) -> None:
    """Open or close a campaign regardless of its dates (``None``: follow the dates again). Commits."""
    _put_status(campaign, status, updated_by=updated_by)
    db.session.commit()


def _put_status(campaign: str, status: str | None, *, updated_by: str) -> None:
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown campaign status {status!r}")
    row = db.session.get(CampaignStatus, campaign)
    if row is None:
        db.session.add(CampaignStatus(campaign=campaign, status=status, revision=1, updated_by=updated_by))
    else:
        row.status, row.revision, row.updated_by, row.updated_at = status, row.revision + 1, updated_by, utcnow()
    db.session.commit()
    _saved()
