"""Which motion reports the public may see: a report is verified automatically when its minutes link is
on the council's own website (the domain of the council's homepage in the register, subdomains such as
democracy.leeds.gov.uk included), otherwise by a member of staff from the queue. Staff can withdraw a
false report. Every change is kept in ``motion_report_changes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import func, select

from ..actions.models import utcnow
from ..db import db
from .models import VERIFIED, Council, MotionReport, MotionReportChange

# Domains shared by many owners: a homepage directly on one of these (e.g. a page on www.gov.uk) names
# no council's own domain, so nothing is verified automatically for it. Councils' own domains are one
# label below these ("leeds.gov.uk"). Kept short on purpose: UK councils use .gov.uk, with a few
# .gov.wales/.llyw.cymru/.gov.scot style government domains and .org.uk/.co.uk exceptions.
SHARED_SUFFIXES = frozenset({"uk", "gov.uk", "org.uk", "co.uk", "ac.uk", "nhs.uk", "police.uk", "sch.uk",
                             "net.uk", "me.uk", "ltd.uk", "plc.uk", "scot", "gov.scot", "wales", "gov.wales",
                             "cymru", "llyw.cymru", "com", "org", "net", "gov"})


def _host(url: str, *, https_only: bool) -> str | None:
    """The lower-case ASCII (IDNA) host of ``url``; None for anything a look-alike could hide in: another
    scheme (or http when ``https_only``), a user name or password, a port other than the default, a
    host that is not a valid domain name."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in (("https",) if https_only else ("https", "http")):
        return None
    if "@" in parts.netloc or parts.username or parts.password:
        return None
    if port not in (None, 443 if parts.scheme.lower() == "https" else 80):
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return None
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    labels = host.split(".")
    if len(labels) < 2 or not all(labels) or any(not (label.replace("-", "").isalnum() and label.isascii())
                                                  for label in labels):
        return None  # an IP address, "localhost", or characters no domain name has
    if labels[-1].isdigit():
        return None
    return host


def council_domain(homepage_url: str | None) -> str | None:
    """'leeds.gov.uk' from 'https://www.leeds.gov.uk/'; None when the homepage names no domain of the
    council's own (missing, or on a shared domain such as gov.uk)."""
    host = _host(homepage_url or "", https_only=False)
    if host is None:
        return None
    labels = host.split(".")
    if labels[0] == "www":  # www.gov.uk is gov.uk's, not a council's
        labels = labels[1:]
    for size in (2, 1):  # the longest shared suffix the host ends with, then one label more
        if ".".join(labels[-size:]) in SHARED_SUFFIXES:
            return ".".join(labels[-size - 1:]) if len(labels) > size else None
    return ".".join(labels[-2:]) if len(labels) >= 2 else None


def minutes_on_council_site(minutes_url: str | None, homepage_url: str | None) -> bool:
    """True when ``minutes_url`` is an https address on the council's own domain or a subdomain of it
    (democracy.leeds.gov.uk for leeds.gov.uk), and never for look-alikes such as leeds.gov.uk.evil.com,
    evil-leeds.gov.uk, https://leeds.gov.uk@evil.com or an unusual port."""
    domain = council_domain(homepage_url)
    host = _host(minutes_url or "", https_only=True)
    if domain is None or host is None:
        return False
    return host == domain or host.endswith("." + domain)


def _record(report: MotionReport, *, actor: str, action: str, note: str | None = None) -> None:
    db.session.add(MotionReportChange(report_id=report.id, changed_at=utcnow(), actor=actor, action=action,
                                      outcome=report.outcome, tabled_on=report.tabled_on,
                                      minutes_url=report.minutes_url, verification=report.verification,
                                      note=note))


def check_automatically(report: MotionReport) -> None:
    """Set the report's verification after the councillor changed it: "automatic" when the minutes are on
    the council's own website, else "unverified" (back in the staff queue, even if checked before: the
    outcome that was checked is not the one now reported). Does not commit."""
    council = db.session.get(Council, report.council_code)
    homepage = council.homepage_url if council is not None else None
    if minutes_on_council_site(report.minutes_url, homepage):
        report.verification, report.verified_at = "automatic", utcnow()
    else:
        report.verification, report.verified_at = "unverified", None


def record_councillor_report(report: MotionReport) -> None:
    """Keep what the councillor just reported and how it was checked. Does not commit."""
    _record(report, actor="councillor", action="reported")


class NotAllowed(Exception):
    """A staff action that does not apply to this report (e.g. verifying one with nothing reported)."""


def verify(report: MotionReport, *, staff_email: str, note: str | None = None) -> None:
    """A member of staff checked the report (the minutes say what the councillor reported). Commits."""
    if report.tabled_on is None:
        raise NotAllowed("There is nothing to verify: the councillor has not reported on this motion yet.")
    report.verification, report.verified_at = "staff", utcnow()
    _record(report, actor=f"staff: {staff_email}", action="verified", note=note)
    db.session.commit()


def withdraw(report: MotionReport, *, staff_email: str, note: str | None = None) -> None:
    """A member of staff found the report false: it leaves every public page and count. Commits."""
    report.verification, report.verified_at = "withdrawn", None
    _record(report, actor=f"staff: {staff_email}", action="withdrawn", note=note)
    db.session.commit()


@dataclass(frozen=True)
class QueueEntry:
    report: MotionReport
    homepage_url: str | None
    reports_for_council: int  # other reports of this campaign for the same council: several is suspicious


def queue(campaign: str, *, include_checked: bool = False) -> list[QueueEntry]:
    """Reports waiting for a check (oldest first), or every reported one when ``include_checked``."""
    query = select(MotionReport, Council.homepage_url).outerjoin(
        Council, Council.code == MotionReport.council_code).where(
        MotionReport.campaign == campaign, MotionReport.tabled_on.is_not(None))
    if not include_checked:
        query = query.where(MotionReport.verification == "unverified")
    rows = db.session.execute(query.order_by(MotionReport.reported_at, MotionReport.id)).all()
    per_council = dict(db.session.execute(
        select(MotionReport.council_code, func.count(MotionReport.id))
        .where(MotionReport.campaign == campaign, MotionReport.tabled_on.is_not(None))
        .group_by(MotionReport.council_code)).all())
    return [QueueEntry(report, homepage, per_council.get(report.council_code, 1)) for report, homepage in rows]


def history(report: MotionReport) -> list[MotionReportChange]:
    """Every change of the report, oldest first."""
    return list(db.session.scalars(select(MotionReportChange).where(MotionReportChange.report_id == report.id)
                                   .order_by(MotionReportChange.changed_at, MotionReportChange.id)))


def is_verified(report: MotionReport) -> bool:
    return report.verification in VERIFIED
