"""The seconder's page: open the private link, confirm name and ward. A wrong or expired link is a 404."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for

from ..campaigns import get_campaign
from ..documents import format_date
from ..motions.service import MEETINGS
from .limits import limit_form_submits
from .seconder_forms import SeconderForm
from ..seconders.service import confirm_seconder, invitation_for_token

bp = Blueprint("seconders", __name__)


@bp.route("/motions/second/<token>", methods=["GET", "POST"])
@limit_form_submits
def second(token: str):
    invitation = invitation_for_token(token)
    if invitation is None:
        abort(404)
    report, proposer = invitation.report, invitation.proposer
    campaign = get_campaign(report.campaign)
    form = SeconderForm()
    if form.validate_on_submit():
        confirm_seconder(invitation, name=form.name.data, ward=form.ward.data)
        flash("Thank you: you are the seconder. The motion's PDF and Word files now show your name.", "success")
        return redirect(url_for(".second", token=token))
    if not form.is_submitted() and invitation.invite.confirmed_at:
        form.name.data, form.ward.data = proposer.seconder_name, proposer.seconder_ward
    response = Response(render_template(
        "seconders/second.html", form=form, report=report, proposer=proposer, campaign=campaign,
        meeting=MEETINGS.get(report.meeting, report.meeting),
        meeting_date=format_date(report.meeting_date) if report.meeting_date else None,
        confirmed_on=format_date(invitation.invite.confirmed_at.date()) if invitation.invite.confirmed_at else None,
        page_title=f"Second a motion to {report.council_name}"), status=400 if form.errors else 200)
    response.headers["Referrer-Policy"] = "no-referrer"  # the link is the key
    response.headers["Cache-Control"] = "private, no-store"
    return response
