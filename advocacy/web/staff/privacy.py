"""Admins find, export or erase one person's personal data by email address (UK GDPR subject requests).

The work is done by advocacy.privacy (the same functions as `flask --app advocacy privacy export/erase`);
these views only ask for the address, show what is held, and ask once more before erasing. Logs record
which staff member did it and how many records, never the address.
"""

from __future__ import annotations

import json
import logging

from flask import Response, flash, redirect, render_template, url_for
from flask_login import current_user

from ...privacy import erase_person, export_person, personal_data_models
from ..limits import limit_downloads
from .auth import admin_required
from .forms import PersonForm
from .views import bp

log = logging.getLogger("advocacy.staff")


def _held(email: str) -> list[tuple[str, int]]:
    """(description, number of records) for every kind of personal data that can hold this address."""
    found = export_person(email)
    descriptions = {entry.model.__tablename__: entry.description for entry in personal_data_models()}
    return [(descriptions.get(table, table), len(rows)) for table, rows in found.items()]


@bp.route("/privacy", methods=["GET", "POST"])
@admin_required
def privacy():
    form = PersonForm()
    held = None
    if form.validate_on_submit():
        held = _held(form.email.data)
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template("staff/privacy.html", form=form, held=held,
                           total=sum(n for _, n in held) if held else 0,
                           page_title="Error: Personal data" if form.errors else "Personal data"), status


@bp.post("/privacy/export")
@admin_required
@limit_downloads
def privacy_export():
    form = PersonForm()
    if not form.validate():
        return render_template("staff/privacy.html", form=form, held=None, total=0,
                               page_title="Error: Personal data"), 400
    log.warning("personal data export (one person) by staff member %s", current_user.id)
    body = json.dumps(export_person(form.email.data), indent=2, default=str, ensure_ascii=False)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return response


@bp.post("/privacy/erase")
@admin_required
def privacy_erase():
    form = PersonForm()
    if not form.validate():
        return render_template("staff/privacy.html", form=form, held=None, total=0,
                               page_title="Error: Personal data"), 400
    if form.confirm.data != "yes":  # first step: say exactly what will go, and ask again
        held = _held(form.email.data)
        return render_template("staff/privacy_erase.html", form=form, held=held, total=sum(n for _, n in held),
                               page_title="Erase personal data?")
    deleted = erase_person(form.email.data)
    total = sum(deleted.values())
    log.warning("personal data erased (one person; records deleted: %d) by staff member %s", total, current_user.id)
    # The flash message lives in the session cookie: it must not carry the erased address.
    flash(f"Erased {total} record{'s' if total != 1 else ''} held about that email address. Counts of letters "
          "and motions are kept; they hold nothing about the person.", "success")
    return redirect(url_for(".privacy"))
