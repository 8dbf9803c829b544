"""Staff pages for council rules (on the staff blueprint): every signed-in member of staff can read them,
admins can edit them one council at a time or import a CSV."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from .auth import admin_required
from .views import bp
from ...councilrules.deadlines import describe_notice, london_today
from .council_rules_forms import RulesForm, RulesUploadForm
from ...councilrules.importer import RulesFileRejected, import_rules
from ...councilrules.service import RulesInput, all_rules, deadlines_for, get_rules, save_rules

log = logging.getLogger("advocacy.councilrules")


@bp.get("/council-rules/")
@login_required
def council_rules():
    today = london_today()
    rows = [(rules, deadlines_for(rules.council_code, today)) for rules in all_rules()]
    return render_template("staff/council_rules.html", rows=rows, describe_notice=describe_notice,
                           page_title="Council rules for motions")


@bp.route("/council-rules/new", methods=["GET", "POST"])
@admin_required
def council_rules_new():
    return _edit(None)


@bp.route("/council-rules/<code>", methods=["GET", "POST"])
@admin_required
def council_rules_edit(code: str):
    rules = get_rules(code)
    if rules is None:
        abort(404)
    return _edit(rules)


def _edit(rules):
    form = RulesForm(obj=rules)
    if rules is not None and not form.is_submitted():
        form.meetings.data = "\n".join(m.meeting_date.isoformat() for m in rules.meetings)
        form.last_checked.data = rules.last_checked.isoformat() if rules.last_checked else ""
    if form.validate_on_submit():
        if rules is not None and form.council_code.data != rules.council_code:
            form.council_code.errors.append("The council code cannot change; add the other council as a new one")
        elif rules is None and get_rules(form.council_code.data) is not None:
            form.council_code.errors.append("This council already has rules: edit them from the list")
        else:
            saved = save_rules(RulesInput(
                council_code=form.council_code.data, council_name=form.council_name.data.strip(),
                notice_days=form.notice_days.data, notice_kind=form.notice_kind.data,
                seconder_required=form.seconder_required.data,
                democratic_services_email=form.democratic_services_email.data or None,
                meetings=form.meeting_dates(), last_checked=form.checked_date()), by=current_user.email)
            log.info("council rules for %s saved by staff member %s", saved.council_code, current_user.id)
            flash(f"Saved the rules of {saved.council_name}.", "success")
            return redirect(url_for(".council_rules"))
    status = 400 if form.is_submitted() else 200
    return render_template("staff/council_rules_edit.html", form=form, rules=rules,
                           page_title=f"Edit rules: {rules.council_name}" if rules else "Add a council's rules"), status


@bp.route("/council-rules/import", methods=["GET", "POST"])
@admin_required
def council_rules_import():
    form = RulesUploadForm()
    report, status = None, 200
    if form.validate_on_submit():
        try:
            report = import_rules(form.file.data.stream, filename=form.file.data.filename, by=current_user.email)
            log.info("council rules imported by staff member %s: %d saved, %d rows refused", current_user.id,
                     len(report.saved), len(report.problems))
        except RulesFileRejected as exc:
            form.file.errors = [*form.file.errors, str(exc)]
            status = 400
    elif form.is_submitted():
        status = 400
    return render_template("staff/council_rules_import.html", form=form, report=report,
                           page_title="Import council rules"), status
