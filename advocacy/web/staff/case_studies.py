"""Staff review of the case studies council officers send (admins only: the list shows contact emails)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField

from ...spread.case_studies import NoConsent, case_studies_for_review, set_published
from .auth import admin_required
from .views import bp, campaign_or_404


class PublishForm(FlaskForm):
    publish = HiddenField()


@bp.get("/c/<slug>/case-studies")
@admin_required
def case_studies(slug: str):
    campaign = campaign_or_404(slug)
    return render_template("staff/case_studies.html", campaign=campaign, items=case_studies_for_review(slug),
                           form=PublishForm(), page_title=f"Case studies: {campaign.title}")


@bp.post("/c/<slug>/case-studies/<int:case_study_id>/publish")
@admin_required
def publish_case_study(slug: str, case_study_id: int):
    campaign_or_404(slug)
    form = PublishForm()
    if not form.validate_on_submit() or form.publish.data not in ("yes", "no"):
        abort(400)
    publish = form.publish.data == "yes"
    try:
        case_study = set_published(slug, case_study_id, publish, by=current_user.email)
    except NoConsent as problem:
        flash(f"Not published: {problem}", "error")
        return redirect(url_for(".case_studies", slug=slug))
    if case_study is None:
        abort(404)
    flash(f"“{case_study.title}” is {'now published on the campaign page' if publish else 'no longer published'}.",
          "success")
    return redirect(url_for(".case_studies", slug=slug))
