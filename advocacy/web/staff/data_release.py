"""The official data for admins: which release is loaded, each source's date, and the same refresh as
`flask --app advocacy data update`."""

from __future__ import annotations

import logging

from flask import current_app, render_template
from flask_login import current_user
from ..forms import CheckedForm

from ...data.provenance import data_dates
from ...data.update import UpdateFailed, update_release
from .auth import admin_required
from .views import bp

log = logging.getLogger("advocacy.staff")


class DataUpdateForm(CheckedForm):
    """Only the CSRF token: pressing the button is the whole request."""


@bp.route("/data", methods=["GET", "POST"])
@admin_required
def data_release():
    form = DataUpdateForm()
    changes: list[str] = []
    problems: list[str] = []
    status = 200
    if form.validate_on_submit():
        try:
            report = update_release(current_app.config.get("ADVOCACY_DATA_SOURCE_URL"))
            changes = report.load.changes
            log.info("data release %s loaded by staff member %s", report.load.release, current_user.id)
        except UpdateFailed as exc:
            problems, status = exc.reasons, 502
    elif form.is_submitted():
        problems, status = ["The form expired. Press the button again."], 400
    return render_template("staff/data_release.html", form=form, dates=data_dates(), changes=changes,
                           problems=problems, page_title="Official data"), status
