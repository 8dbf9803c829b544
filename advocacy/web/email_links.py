"""Pages a resident reaches from our emails: confirm sending, see where the letter is, answer the follow-up.

Links in emails only ever show a page with a button; the button POSTs. Mail scanners and link previews
open links (GET) on their own, and must never confirm a letter or answer for the resident.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ..campaigns import get_campaign
from ..sending import texts
from ..sending.followup import ANSWER_LABELS, check_reply_link, record_answer
from ..sending.models import ANSWERS
from ..sending.service import check_confirmation, confirm_request, request_status

bp = Blueprint("sending", __name__, url_prefix="/send")


class ButtonForm(FlaskForm):
    """A form that is only a button (and its CSRF token)."""


def _no_referrer(response):
    # The URL holds a secret token: do not leak it to other sites or keep it in shared caches.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


bp.after_request(_no_referrer)


def _campaign_title(slug: str) -> str:
    campaign = get_campaign(slug)
    return campaign.title if campaign else slug


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    form = ButtonForm()
    outcome = check_confirmation(token)
    if outcome.result == "ready" and form.validate_on_submit():
        outcome = confirm_request(token)
        if outcome.request is not None:
            return redirect(url_for(".status", public_id=outcome.request.public_id))
    status = 404 if outcome.result == "unknown" else 200
    return render_template("sending/confirm.html", form=form, outcome=outcome,
                           campaign_title=_campaign_title(outcome.request.campaign) if outcome.request else None,
                           page_title="Confirm sending your letter"), status


@bp.get("/status/<public_id>")
def status(public_id: str):
    view = request_status(public_id)
    if view is None:
        abort(404)
    return render_template("sending/status.html", view=view, label=texts.STATUS_LABELS[view.status],
                           campaign=get_campaign(view.campaign), page_title="Your letter")


@bp.route("/reply/<token>", methods=["GET", "POST"])
def reply(token: str):
    answer = request.values.get("answer", "")
    if answer not in ANSWERS:
        answer = ""
    form = ButtonForm()
    link = check_reply_link(token)
    recorded = False
    if link.result == "ready" and answer and form.validate_on_submit():
        link = record_answer(token, answer)
        recorded = True
    status = 404 if link.result == "unknown" else 200
    return render_template("sending/reply.html", form=form, link=link, answer=answer, recorded=recorded,
                           labels=ANSWER_LABELS, answers=ANSWERS, token=token,
                           page_title="Did your MP reply?"), status
