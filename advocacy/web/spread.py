"""Public pages for spreading the word: progress, the embeddable widget and its snippet, the share card
picture, the case study form and the printable summary. Thin: the work is in this package's modules."""

from __future__ import annotations

import hashlib
import logging

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.utils import secure_filename

from ..campaigns import Campaign, get_campaign
from ..localdata import why_no_figures
from ..staff.chart import horizontal_bar_chart
from .forms import PostcodeForm
from .limits import limiter
from .public import render_campaign_page, start_journey
from .security import allow_framing
from ..spread.case_studies import Submission, submit_case_study
from .spread_forms import CaseStudyForm, SummaryCouncilForm
from ..spread.progress import campaign_progress
from ..spread.share_image import share_image_png
from ..spread.summary import build_summary, summary_councils, summary_pdf

bp = Blueprint("spread", __name__)
log = logging.getLogger("advocacy.spread")

EMBED_HEIGHT = 560  # pixels: the whole widget without scrolling from about 400 px wide (the page says so)


def campaign_or_404(slug: str) -> Campaign:
    campaign = get_campaign(slug)
    if campaign is None:
        abort(404)
    return campaign


def _attribute(text: str) -> str:
    """Text for a double-quoted HTML attribute in the snippet: escaped, but readable when pasted."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def public_url(endpoint: str, **values) -> str:
    """An absolute address on this site (ADVOCACY_PUBLIC_URL): for share cards and pasted snippets."""
    return current_app.config["ADVOCACY_PUBLIC_URL"] + url_for(endpoint, **values)


@bp.get("/c/<slug>/progress")
def progress(slug: str):
    campaign = campaign_or_404(slug)
    data = campaign_progress(slug)
    chart = horizontal_bar_chart([(region.name, region.letters) for region in data.regions])
    return render_template("spread/progress.html", campaign=campaign, data=data, chart=chart,
                           page_title=f"Progress: {campaign.title}")


@bp.get("/c/<slug>/start")
def start(slug: str):
    """The widget's postcode box lands here (a GET, so it works from another site's page without our
    session cookie or CSRF token): the same next step as the campaign page's own form."""
    campaign = campaign_or_404(slug)
    form = PostcodeForm(formdata=request.args, meta={"csrf": False})
    if form.validate() and campaign.is_open():
        next_step = start_journey(form, slug)
        if next_step is not None:
            return next_step
    # Problems are shown on the campaign page with what was typed, in its own form (with a CSRF token,
    # as this is now our page in the whole window), which takes it from there.
    page_form = PostcodeForm(formdata=None)
    page_form.postcode.data = form.postcode.data
    page_form.postcode.errors = list(form.postcode.errors)
    return render_campaign_page(campaign, page_form)


@bp.get("/embed/<slug>")
@allow_framing
def embed(slug: str):
    campaign = campaign_or_404(slug)
    return render_template("spread/embed.html", campaign=campaign)


@bp.get("/c/<slug>/share")
def share(slug: str):
    campaign = campaign_or_404(slug)
    embed_url = public_url("spread.embed", slug=slug)
    snippet = (f'<iframe src="{embed_url}" title="{_attribute(campaign.title)}: raise your voice" width="100%" '
               f'height="{EMBED_HEIGHT}" style="border:0;max-width:40rem" loading="lazy"></iframe>')
    return render_template("spread/share.html", campaign=campaign, snippet=snippet, embed_url=embed_url,
                           embed_height=EMBED_HEIGHT,
                           page_title=f"Share on your website: {campaign.title}")


@bp.get("/c/<slug>/share.png")
def share_image(slug: str):
    campaign = campaign_or_404(slug)
    png = share_image_png(campaign)
    response = Response(png, mimetype="image/png")
    response.set_etag(hashlib.sha256(png).hexdigest()[:32])
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response.make_conditional(request)


# --- case studies from council officers ---

def _case_study_limit() -> str:
    return current_app.config["ADVOCACY_CASE_STUDY_LIMIT"]


def _case_study_counted(response: Response) -> bool:
    return bool(g.get("case_study_counted"))


@bp.route("/c/<slug>/case-studies/new", methods=["GET", "POST"])
@limiter.limit(_case_study_limit, methods=["POST"], deduct_when=_case_study_counted,
               error_message="You have sent several case studies in a short time. Wait an hour and try again, "
                             "or email the campaign team.")
def case_study(slug: str):
    campaign = campaign_or_404(slug)
    form = CaseStudyForm()
    if form.validate_on_submit():
        g.case_study_counted = True  # only stored (or honeypot) submissions count towards the limit
        if form.website.data:
            # A bot filled in the hidden field: thank it as usual and keep nothing.
            log.info("case study for %s dropped: honeypot filled in", slug)
        else:
            submit_case_study(slug, Submission(
                title=form.title.data, council=form.council.data, what_they_did=form.what_they_did.data,
                outcome=form.outcome.data, email=form.email.data, consent_to_publish=form.consent.data))
        return redirect(url_for(".case_study_sent", slug=slug))
    return render_template("spread/case_study.html", campaign=campaign, form=form,
                           page_title=f"Send a case study: {campaign.title}")


@bp.get("/c/<slug>/case-studies/sent")
def case_study_sent(slug: str):
    campaign = campaign_or_404(slug)
    return render_template("spread/case_study_sent.html", campaign=campaign,
                           page_title=f"Case study sent: {campaign.title}")


# --- the printable summary ---

@bp.get("/c/<slug>/summary")
def summary(slug: str):
    campaign = campaign_or_404(slug)
    councils = summary_councils()
    form = SummaryCouncilForm(formdata=request.args or None, meta={"csrf": False})
    form.council.choices = [("", "Choose your council")] + councils
    if request.args and form.validate():
        code = form.council.data.strip().upper()
        made = build_summary(campaign, code, campaign_url=public_url("public.campaign", slug=slug))
        if made is not None:
            response = Response(summary_pdf(made), mimetype="application/pdf")
            name = secure_filename(f"{slug}-summary-{made.council_name}.pdf".lower().replace(" ", "-"))
            response.headers["Content-Disposition"] = f'inline; filename="{name}"'
            return response
        form.council.errors.append(why_no_figures(code) if councils else
                                   "There are no figures for any council yet. Try again later.")
    return render_template("spread/summary.html", campaign=campaign, form=form, have_councils=bool(councils),
                           page_title=f"Print a summary: {campaign.title}")
