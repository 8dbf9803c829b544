"""Staff check councillors' motion reports: a queue of reports waiting for a check (the minutes link, the
council, who reported), with "Verify" and "Withdraw", and each report's history. Reading needs any staff
account; verifying and withdrawing need an editor or admin. Logic lives in advocacy.motions.verification.
"""

from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from sqlalchemy import select
from wtforms import HiddenField, StringField
from wtforms.validators import Length, Optional

from ...db import db
from ...motions import verification
from ...motions.models import MotionProposer, MotionReport
from ...motions.service import MEETINGS
from ..forms import CheckedForm, OneLine
from .views import bp, campaign_or_404

CHECKERS = ("admin", "editor")  # roles that may verify or withdraw a report


def can_check(user) -> bool:  # noqa: ANN001
    return getattr(user, "role", None) in CHECKERS


def checker_required(view: Callable) -> Callable:
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not can_check(current_user):
            from ..errors import render_error

            return render_error(403, "You do not have permission to do that",
                                "Verifying or withdrawing a motion report needs an editor or admin account.")
        return view(*args, **kwargs)

    return wrapped


class CheckForm(CheckedForm):
    decision = HiddenField()
    note = StringField("Note (optional)", validators=[
        Optional(), Length(max=500, message="The note must be 500 characters or fewer"), OneLine("The note")])


@bp.get("/c/<slug>/motion-reports")
@login_required
def motion_reports(slug: str):
    campaign = campaign_or_404(slug)
    show_all = request.args.get("all") == "1"
    entries = verification.queue(slug, include_checked=show_all)
    ids = [entry.report.id for entry in entries]
    proposers = {p.report_id: p for p in db.session.scalars(
        select(MotionProposer).where(MotionProposer.report_id.in_(ids)))} if ids else {}
    histories = {entry.report.id: verification.history(entry.report) for entry in entries}
    return render_template("staff/motion_reports.html", campaign=campaign, entries=entries, show_all=show_all,
                           proposers=proposers, histories=histories, meetings=MEETINGS, form=CheckForm(),
                           can_check=can_check(current_user), council_domain=verification.council_domain,
                           page_title=f"Motion reports to check: {campaign.title}")


@bp.post("/c/<slug>/motion-reports/<int:report_id>")
@checker_required
def check_motion_report(slug: str, report_id: int):
    campaign_or_404(slug)
    report = db.session.get(MotionReport, report_id)
    if report is None or report.campaign != slug:
        abort(404)
    form = CheckForm()
    if not form.validate_on_submit() or form.decision.data not in ("verify", "withdraw"):
        problem = next(iter(form.note.errors), "The form was out of date: try again")
        flash(f"Nothing changed for {report.council_name}: {problem}", "error")
        return redirect(url_for(".motion_reports", slug=slug))
    note = (form.note.data or "").strip() or None
    try:
        if form.decision.data == "verify":
            verification.verify(report, staff_email=current_user.email, note=note)
            flash(f"Verified: {report.council_name}'s report now counts on the public pages.", "success")
        else:
            verification.withdraw(report, staff_email=current_user.email, note=note)
            flash(f"Withdrawn: {report.council_name}'s report is no longer shown or counted anywhere public.",
                  "success")
    except verification.NotAllowed as problem:
        flash(str(problem), "error")
    return redirect(url_for(".motion_reports", slug=slug))
