"""Public pages: the list of campaigns and each campaign's page."""

from flask import Blueprint, abort, redirect, render_template, url_for

from ..campaigns import get_campaign, open_campaigns
from .forms import PostcodeForm

bp = Blueprint("public", __name__)


@bp.get("/")
def index():
    campaigns = open_campaigns()
    if len(campaigns) == 1:
        return redirect(url_for("public.campaign", slug=campaigns[0].slug))
    return render_template("index.html", campaigns=campaigns)


@bp.get("/c/<slug>")
def campaign(slug: str):
    found = get_campaign(slug)
    if found is None:
        abort(404)
    return render_template("campaign.html", campaign=found, form=PostcodeForm())


@bp.get("/privacy")
def privacy():
    from ..privacy import personal_data_models

    return render_template("privacy.html", kept=personal_data_models())
