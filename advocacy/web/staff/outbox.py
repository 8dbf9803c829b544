"""Admin actions on failed emails, from the staff sending page: retry, send again one that may have
arrived (with the duplicate risk confirmed), or send a letter back to the resident to send themselves."""

from __future__ import annotations

import logging

from flask import flash, redirect, url_for
from flask_login import current_user

from ...campaigns import get_campaign
from ...db import db
from ...sending.models import OutboxMessage
from ...sending.outbox import OutboxRefused, retry_failed, tell_resident
from .auth import admin_required
from .forms import ConfirmForm
from .sending import send_again_form, sending_page
from .views import bp

log = logging.getLogger("advocacy.staff")
EXPIRED = "That button had expired (the page was open too long). Press it again."


def _checked_form() -> bool:
    if ConfirmForm().validate_on_submit():
        return True
    flash(EXPIRED, "error")
    return False


@bp.post("/sending/<int:id>/retry")
@admin_required
def retry_email(id: int):  # noqa: A002  ("id": the URL variable the route tests know)
    message_id = id
    if _checked_form():
        try:
            retry_failed(message_id)
        except OutboxRefused as refused:
            flash(str(refused), "error")
        else:
            log.info("email %s queued again by staff member %s", message_id, current_user.id)
            flash("The email is queued again: the worker sends it within a minute or so. Its status below "
                  "changes once it has gone, or failed again.", "success")
    return redirect(url_for(".sending", _anchor="failed-heading"))


@bp.post("/sending/<int:id>/send-again")
@admin_required
def send_again_email(id: int):  # noqa: A002
    """Send again an email that may have arrived: only with "I understand the recipient may get this email
    twice" ticked in the same form."""
    message_id = id
    form = send_again_form(message_id)
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            flash(EXPIRED, "error")
            return redirect(url_for(".sending", _anchor="failed-heading"))
        return sending_page(refused=(message_id, form), status=400)
    try:
        retry_failed(message_id, duplicate_risk_accepted=True)
    except OutboxRefused as refused:
        flash(str(refused), "error")
    else:
        # Who accepted a possible duplicate, for when an office asks why it got the letter twice.
        log.warning("email %s sent again by staff member %s, accepting it may arrive twice", message_id,
                    current_user.id)
        flash("The email is queued again: the worker sends it within a minute or so. Its status below changes "
              "once it has gone, or failed again.", "success")
    return redirect(url_for(".sending", _anchor="failed-heading"))


@bp.post("/sending/<int:id>/tell-resident")
@admin_required
def tell_resident_email(id: int):  # noqa: A002
    message_id = id
    if _checked_form():
        letter = db.session.get(OutboxMessage, message_id)
        campaign = get_campaign(letter.campaign) if letter else None
        try:
            tell_resident(message_id, campaign.title if campaign else (letter.campaign if letter else ""))
        except OutboxRefused as refused:
            flash(str(refused), "error")
        else:
            log.info("letter %s sent back to its resident by staff member %s", message_id, current_user.id)
            flash("We are emailing the resident their letter (.eml and PDF) to send themselves.", "success")
    return redirect(url_for(".sending", _anchor="failed-heading"))
