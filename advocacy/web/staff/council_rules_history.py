"""Deleting a council's motion rules (admins), and the history of every save and deletion (all staff)."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ...councilrules.deadlines import describe_notice
from ...councilrules.service import delete_rules, get_rules, rules_as_saved, rules_history
from .auth import admin_required
from .forms import ConfirmForm
from .views import bp

log = logging.getLogger("advocacy.councilrules")


@bp.route("/council-rules/<code>/delete", methods=["GET", "POST"])
@admin_required
def council_rules_delete(code: str):
    rules = get_rules(code)
    if rules is None:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        change = delete_rules(rules.council_code, by=current_user.email)
        if change is not None:
            log.info("council rules for %s deleted by staff member %s", change.council_code, current_user.id)
            flash(f"Deleted the rules of {change.council_name}. What they were is kept in the history below.",
                  "success")
        return redirect(url_for(".council_rules_history"))
    return render_template("staff/council_rules_delete.html", rules=rules, form=form,
                           describe_notice=describe_notice, page_title=f"Delete the rules of {rules.council_name}")


@bp.get("/council-rules/history")
@login_required
def council_rules_history():
    changes = [(change, rules_as_saved(change)) for change in rules_history()]
    return render_template("staff/council_rules_history.html", changes=changes, describe_notice=describe_notice,
                           page_title="Changes to council rules")
