"""Staff page for council contacts (on the staff blueprint): the postal addresses and emails council letters
are sent to. Every signed-in member of staff can read the list; admins upload a CSV (advocacy.contacts.importer)."""

from __future__ import annotations

import logging

from flask import render_template
from flask_login import current_user, login_required
from ..forms import CheckedForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from sqlalchemy import select

from ...contacts import CouncilContact
from ...contacts.importer import COLUMNS, ContactsFileRejected, import_contacts
from ...db import db
from ...motions.models import Council
from .auth import admin_required
from .views import bp

log = logging.getLogger("advocacy.contacts")


class ContactsUploadForm(CheckedForm):
    file = FileField("CSV file", validators=[
        FileRequired("Choose the CSV file to upload"),
        FileAllowed(["csv"], "The file must be a CSV (.csv): save the spreadsheet as CSV first"),
    ])


def _held() -> list[tuple[CouncilContact, str]]:
    rows = db.session.execute(select(CouncilContact, Council.name)
                              .outerjoin(Council, Council.code == CouncilContact.council_code))
    return sorted(((contact, name or contact.council_code) for contact, name in rows), key=lambda r: r[1])


@bp.get("/council-contacts/")
@login_required
def council_contacts():
    return render_template("staff/council_contacts.html", form=ContactsUploadForm(), report=None, held=_held(),
                           columns=COLUMNS, page_title="Council contacts for letters")


@bp.post("/council-contacts/")
@admin_required
def council_contacts_import():
    form = ContactsUploadForm()
    report, status = None, 200
    if form.validate_on_submit():
        try:
            report = import_contacts(form.file.data.stream, filename=form.file.data.filename)
            log.info("council contacts imported by staff member %s: %d saved, %d rows refused", current_user.id,
                     len(report.saved), len(report.problems))
        except ContactsFileRejected as exc:
            form.file.errors = [*form.file.errors, str(exc)]
            status = 400
    else:
        status = 400
    return render_template("staff/council_contacts.html", form=form, report=report, held=_held(), columns=COLUMNS,
                           page_title="Council contacts for letters"), status
