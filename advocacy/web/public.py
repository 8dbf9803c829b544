"""Public pages: the list of campaigns and each campaign's page (step 1: the resident's postcode)."""

from flask import Blueprint, Response, abort, redirect, render_template, request, session, url_for

from ..campaigns import Campaign, get_campaign, open_campaigns
from ..lookup import LookupProblem, UpstreamUnavailable, find_representatives, normalise_postcode
from .forms import PostcodeForm
from .limits import limit_lookups
from .page_cache import public_page

bp = Blueprint("public", __name__)


@bp.get("/")
def index():
    campaigns = open_campaigns()
    if len(campaigns) == 1:
        return redirect(url_for("public.campaign", slug=campaigns[0].slug))
    return render_template("index.html", campaigns=campaigns)


@bp.route("/c/<slug>", methods=["GET", "POST"])
@limit_lookups
@public_page
def campaign(slug: str):
    """The campaign page. Its postcode form is a GET (?postcode=...): a look-up changes nothing, so the page
    needs no CSRF token and no cookie and is the same for everyone. A POST (from a page opened before the
    form became a GET) still works, with its CSRF token checked as for any POST."""
    found = get_campaign(slug)
    if found is None:
        abort(404)
    looking_up = request.method == "POST" or "postcode" in request.args
    form = PostcodeForm(formdata=(request.form if request.method == "POST" else request.args) if looking_up else None)
    if not looking_up and session.get("postcode"):
        form.postcode.data = session["postcode"]  # "Change postcode" comes back with it in the box
    if looking_up and form.validate() and found.is_open():
        next_step = start_journey(form, slug)
        if next_step is not None:
            return next_step
    return render_campaign_page(found, form)


def render_campaign_page(campaign: Campaign, form: PostcodeForm) -> str:
    from ..data.provenance import source_lines
    from ..spread.case_studies import published_case_studies

    return render_template("campaign.html", campaign=campaign, form=form,
                           case_studies=published_case_studies(campaign.slug),
                           figure_sources=source_lines(campaign.measures))


def start_journey(form: PostcodeForm, slug: str) -> Response | None:
    """Look up the postcode on a validated ``form``: the redirect to the next step, or None with the
    problem added to the form's postcode errors (the campaign page and the embedded widget share this)."""
    try:
        representatives = find_representatives(form.postcode.data)
    except UpstreamUnavailable:
        # Not the resident's fault and not a dead end: the next page offers the manual path.
        remember_postcode(normalise_postcode(form.postcode.data))  # it was well-formed to get this far
        return redirect(url_for("resident.you", slug=slug))
    except LookupProblem as problem:
        form.postcode.errors.append(problem.message)
        return None
    remember_postcode(representatives.postcode)
    return redirect(url_for("resident.you", slug=slug))


def remember_postcode(postcode: str) -> None:
    session["postcode"] = postcode
    session.pop("manual_mp", None)  # a new postcode: any MP chosen by hand was for the old one
    session.pop("council_choice", None)  # and any address picked


@bp.get("/privacy")
def privacy():
    from ..data.provenance import publications
    from ..privacy import personal_data_models

    return render_template("privacy.html", kept=personal_data_models(), sources=publications())
