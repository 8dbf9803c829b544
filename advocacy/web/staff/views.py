"""The staff blueprint (/staff): sign-in, the dashboard and CSV exports. Campaign editing is in manage.py."""

from __future__ import annotations

import datetime as dt
import logging

from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request,
                   session, stream_with_context, url_for)
from flask_login import current_user, login_required, login_user, logout_user
from limits import parse as parse_limit

from ...campaigns import Campaign, get_campaign, registry
from ..limits import limit_downloads, limiter
from ...staff import accounts, sources
from .auth import admin_required, safe_next
from ...staff.chart import bar_chart
from ...staff.dashboard import LETTER_CHANNELS, LETTER_KINDS, Period, build_dashboard
from ...staff.exports import actions_csv, consenting_supporters_csv, motion_reports_csv
from .forms import PeriodForm, SignInForm, SignOutForm

bp = Blueprint("staff", __name__, url_prefix="/staff")
log = logging.getLogger("advocacy.staff")

MAX_PERIOD_DAYS = 3 * 366
CHANNEL_LABELS = {"pdf": "PDF downloaded", "email_draft": "Email draft opened", "eml": ".eml file downloaded",
                  "text": "Text copied", "self_reported": "Reported sent by the resident",
                  "sent": "Sent by the app", "confirmed": "Sent by the app after email confirmation"}
KIND_LABELS = {"letter_mp": "Letters to MPs", "letter_council": "Letters to councils"}


# --- sign-in, rate limited on failures only ---

def _sign_in_limit() -> str:
    return current_app.config["ADVOCACY_SIGNIN_LIMIT"]


def _sign_in_limit_message() -> str:
    minutes = max(1, round(parse_limit(_sign_in_limit()).get_expiry() / 60))
    return (f"There have been too many failed attempts to sign in. Wait {minutes} minutes and try again. "
            "If you have forgotten your password, ask an admin to set a new one.")


def _email_key() -> str:
    return "email:" + accounts.normalise_email(request.form.get("email", ""))[:320]


def _sign_in_failed(response: Response) -> bool:
    return bool(g.get("sign_in_failed"))


_failure_limit = dict(methods=["POST"], deduct_when=_sign_in_failed, error_message=_sign_in_limit_message)


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, **_failure_limit)  # per address
@limiter.limit(_sign_in_limit, key_func=_email_key, **_failure_limit)  # per account, from any address
def sign_in():
    next_url = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for(".home"))
    form = SignInForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            g.sign_in_failed = True
            log.info("failed staff sign-in for %s from %s", accounts.normalise_email(form.email.data),
                     request.remote_addr)
            form.email.errors.append("The email address or password is not right. Check both and try again.")
        else:
            session.clear()  # nothing from before signing in carries over into the signed-in session
            login_user(user)
            session.permanent = True  # expires after ADVOCACY_STAFF_SESSION_HOURS
            log.info("staff sign-in: %s", user.email)
            return redirect(next_url or url_for(".home"))
    return render_template("staff/sign_in.html", form=form, next_url=next_url, page_title="Sign in")


@bp.post("/sign-out")
@login_required
def sign_out():
    # A POST, so CSRFProtect (global) makes sure the request came from our own page.
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for(".sign_in"))


@bp.context_processor
def _staff_layout():
    return {"sign_out_form": SignOutForm() if current_user.is_authenticated else None}


# --- dashboard ---

def campaign_or_404(slug: str) -> Campaign:
    campaign = get_campaign(slug)
    if campaign is None:
        abort(404)
    return campaign


def today_utc() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def period_from_request(campaign: Campaign) -> tuple[PeriodForm, Period, bool]:
    """The period the filter asks for, defaulting to the campaign's opening day up to today.

    Returns (form, period, valid): when the dates are not valid the form carries the messages and the
    period is the default one.
    """
    form = PeriodForm(formdata=request.args)
    valid = form.validate() if request.args else True
    if valid and form.start.date and form.end.date and (form.end.date - form.start.date).days > MAX_PERIOD_DAYS:
        form.end.errors.append("Choose a period of at most 3 years")
        valid = False
    start = (form.start.date if valid else None) or campaign.opens
    end = (form.end.date if valid else None) or max(today_utc(), start)
    return form, Period(start, end), valid


@bp.get("/")
@login_required
def home():
    campaigns = sorted(registry().campaigns.values(), key=lambda c: c.title)
    return render_template("staff/home.html", campaigns=campaigns, page_title="Staff")


@bp.get("/c/<slug>/")
@login_required
def dashboard(slug: str):
    campaign = campaign_or_404(slug)
    form, period, _ = period_from_request(campaign)
    constituencies = sources.all_constituencies()
    authorities = sources.childrens_services_authorities()
    data = build_dashboard(slug, period, constituencies=constituencies, authorities=authorities,
                           motion_reports=sources.motion_report_counts)
    from ...personalisation import personalised_share

    return render_template(
        "staff/dashboard.html", campaign=campaign, form=form, data=data, chart=bar_chart(data.per_day),
        personalised=personalised_share(slug, period.start, period.end),
        kinds=LETTER_KINDS, channels=LETTER_CHANNELS, kind_labels=KIND_LABELS, channel_labels=CHANNEL_LABELS,
        have_constituencies=bool(constituencies), have_authorities=bool(authorities),
        export_args={k: v for k, v in request.args.items() if k in ("from", "to")},
        page_title=f"Dashboard: {campaign.title}")


# --- exports ---

def _csv_response(chunks, filename: str) -> Response:
    response = Response(stream_with_context(chunks), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/c/<slug>/actions.csv")
@login_required
@limit_downloads
def export_actions(slug: str):
    campaign = campaign_or_404(slug)
    _, period, valid = period_from_request(campaign)
    if not valid:  # show the messages on the dashboard, with what was typed
        return redirect(url_for(".dashboard", slug=slug, **request.args))
    log.info("actions export for %s by %s", slug, current_user.email)
    return _csv_response(actions_csv(slug, period), f"{slug}-actions-{period.start}-to-{period.end}.csv")


@bp.get("/c/<slug>/motion-reports.csv")
@login_required
def export_motion_reports(slug: str):
    campaign_or_404(slug)
    log.info("motion reports export for %s by %s", slug, current_user.email)
    return _csv_response(motion_reports_csv(slug), f"{slug}-motion-reports-{today_utc()}.csv")


@bp.get("/c/<slug>/supporters.csv")
@admin_required
@limit_downloads
def export_supporters(slug: str):
    campaign_or_404(slug)
    # Personal data leaving the app: keep a record of who took it.
    log.warning("supporters export (personal data) for %s by %s", slug, current_user.email)
    return _csv_response(consenting_supporters_csv(slug), f"{slug}-supporters-consented-{today_utc()}.csv")
