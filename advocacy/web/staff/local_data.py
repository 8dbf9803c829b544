"""Local figures upload for admins: the same importer as `flask localdata import`, from the browser."""

from __future__ import annotations

import logging

from flask import render_template
from flask_login import current_user
from sqlalchemy import select

from ...db import db
from ...localdata.ees import ImportRejected
from ...localdata.importer import import_lookup, import_measure, import_population, where_from_texts
from ...localdata.models import Dataset
from .auth import admin_required
from .forms import LocalDataUploadForm
from .views import bp

log = logging.getLogger("advocacy.staff")


def _datasets() -> list[Dataset]:
    return db.session.scalars(select(Dataset).order_by(Dataset.name)).all()


def _import(form: LocalDataUploadForm) -> list[str]:
    where = where_from_texts(line for line in (form.where.data or "").splitlines() if line.strip())
    upload = form.file.data
    if form.kind.data == "population":
        report = import_population(upload.stream, where=where or None, filename=upload.filename)
    elif form.kind.data == "lookup":
        report = import_lookup(upload.stream, filename=upload.filename)
    else:
        report = import_measure(upload.stream, measure=form.measure.data.strip(),
                                name=(form.name.data or "").strip() or None,
                                label=(form.label.data or "").strip() or None,
                                where=where or None, filename=upload.filename)
    log.info("local data imported by staff member %s: %s", current_user.id, report.name)
    return report.lines()


@bp.route("/local-data", methods=["GET", "POST"])
@admin_required
def local_data():
    form = LocalDataUploadForm()
    report_lines: list[str] = []
    status = 200
    if form.validate_on_submit():
        try:
            report_lines = _import(form)
        except ImportRejected as exc:
            # The importer says what is wrong with the file and how to fix it; nothing was imported.
            form.file.errors = [*form.file.errors, str(exc)]
            status = 400
        except ValueError as exc:  # a row filter not written as column="value"
            form.where.errors = [*form.where.errors, str(exc)]
            status = 400
    elif form.is_submitted():
        status = 400
    return render_template("staff/local_data.html", form=form, report_lines=report_lines,
                           datasets=_datasets()), status
