"""The councillor's journey: find the council (postcode or a searchable list), fill in the motion,
check it, download it (.docx, PDF, text) with a private link to report back; the report-back page;
and each campaign's public record of motions tabled and passed. Logic lives in advocacy.motions.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict

from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session,
                   url_for)

from ..campaigns import Campaign, get_campaign
from ..councilrules import journey as council_rules
from ..councilrules import notices
from .staff.council_rules_forms import ProposerEmailForm
from ..documents import format_date, motion_preview_html
from ..lookup import LookupProblem, UpstreamUnavailable, normalise_postcode
from ..motions import emails, finder, service, tracking
from ..motions.finder import CouncilInfo
from ..motions.models import OUTCOMES
from ..motions.service import FORMATS, MotionDraft
from .. import seconders
from .seconder_forms import InviteForm
from wtforms import SelectChoice

from .councillor_forms import MotionForm, ReportForm
from .forms import PostcodeForm
from .limits import limit_downloads, limit_form_submits, limit_lookups

bp = Blueprint("councillors", __name__)
SEARCH_LIMIT = 60
SESSION_KEY = "motion"  # the motion being drafted: council, answers, submission id, report token
FOUND_KEY = "councillor_found"  # what the councillor's postcode found


def _campaign(slug: str) -> Campaign:
    campaign = get_campaign(slug)
    if campaign is None or "council" not in campaign.targets or "motion" not in campaign.templates:
        abort(404)
    return campaign


def _open_campaign(slug: str) -> Campaign:
    """Drafting needs an open campaign; reporting on a motion already drafted and the public record do not."""
    campaign = _campaign(slug)
    if not campaign.is_open():
        abort(redirect(url_for(".find", slug=slug)))
    return campaign


def _council(code: str) -> CouncilInfo:
    """From the register, or (for a council the register lacks) from what the postcode found."""
    council = finder.get_council(code)
    if council is None:
        for found in (session.get(FOUND_KEY) or {}).get("councils", []):
            if found["code"] == code:
                council = CouncilInfo(**found)
    if council is None:
        abort(404)
    return council


@bp.route("/c/<slug>/councillors", methods=["GET", "POST"])
@limit_lookups
def find(slug: str):
    campaign = _campaign(slug)
    query = (request.args.get("q") or "").strip()[:100]
    show_all = request.args.get("all") == "1"
    results = finder.search_councils(query, SEARCH_LIMIT + 1) if (query or show_all) else []
    more = len(results) > SEARCH_LIMIT
    form = PostcodeForm()
    if campaign.is_open() and form.validate_on_submit():
        try:
            found = finder.councils_for_postcode(form.postcode.data)
        except UpstreamUnavailable:
            form.postcode.errors.append("We cannot look up postcodes right now. Search for your council by name "
                                        "below instead.")
        except LookupProblem as problem:
            form.postcode.errors.append(problem.message)
        else:
            if not found.councils:
                where = found.country or "that area"
                form.postcode.errors.append(f"This campaign's motion is for councils in England, and that postcode "
                                            f"is in {where}. Check the postcode, or search for your council by name.")
            else:
                session[FOUND_KEY] = {"postcode": normalise_postcode(form.postcode.data),
                                      "councils": [asdict(c) for c in found.councils],
                                      "constituency": list(found.constituency) if found.constituency else None}
                return redirect(url_for(".find", slug=slug) + "#your-councils")
    return render_template("councillors/find.html", campaign=campaign, form=form, query=query, show_all=show_all,
                           results=results[:SEARCH_LIMIT], more=more, found=session.get(FOUND_KEY),
                           register_loaded=finder.register_loaded(), page_title="Draft a council motion")


def _draft_from_form(form: MotionForm, council: CouncilInfo) -> MotionDraft:
    found = session.get(FOUND_KEY) or {}
    seats = ()
    if found.get("constituency") and any(c["code"] == council.code for c in found.get("councils", [])):
        seats = (tuple(found["constituency"]),)
    def text(field) -> str:
        return (field.data or "").strip()

    return MotionDraft(council_code=council.code, proposer_name=text(form.proposer_name),
                       proposer_ward=text(form.proposer_ward), party=text(form.party),
                       seconder_name=text(form.seconder_name), seconder_ward=text(form.seconder_ward),
                       meeting=form.meeting.data, meeting_date=form.meeting_date.date,
                       asks=tuple(form.asks.data), email=text(form.email), constituencies=seats)


def _current(slug: str) -> dict | None:
    current = session.get(SESSION_KEY)
    return current if current and current.get("slug") == slug else None


@bp.route("/c/<slug>/councillors/<code>/motion", methods=["GET", "POST"])
@limit_form_submits
def motion_form(slug: str, code: str):
    campaign = _open_campaign(slug)
    council = _council(code)
    form = MotionForm()
    form.asks.choices = [SelectChoice(ask.id, ask.title) for ask in campaign.asks]
    current = _current(slug)
    if request.method == "GET":
        if current and current["council"]["code"] == council.code:  # "Change": back with every answer
            draft = MotionDraft.from_session(current["draft"])
            for name in ("proposer_name", "proposer_ward", "party", "seconder_name", "seconder_ward", "email"):
                getattr(form, name).data = getattr(draft, name)
            form.meeting.data = draft.meeting
            form.meeting_date.data = draft.meeting_date.isoformat()
            form.asks.data = list(draft.asks)
        else:
            form.asks.data = [ask.id for ask in campaign.asks]
    rules = council_rules.offered_meetings(council.code)
    if request.method == "GET" and not form.meeting_date.data and rules is not None and rules.next is not None:
        # Offer the next Full Council whose notice deadline has not passed.
        form.meeting.data, form.meeting_date.data = council_rules.FULL_COUNCIL, rules.next.meeting.isoformat()
    if form.validate_on_submit() and not _too_late(form, council):
        draft = _draft_from_form(form, council)
        session[SESSION_KEY] = {"slug": slug, "council": asdict(council), "draft": draft.to_session(),
                                "submission": secrets.token_urlsafe(16), "token": None, "created": False}
        return redirect(url_for(".preview", slug=slug))
    authority = finder.authority_for(council)
    return render_template("councillors/motion_form.html", campaign=campaign, council=council, form=form,
                           authority=authority, rules=rules, page_title=f"Your motion for {council.name}")


def _too_late(form: MotionForm, council: CouncilInfo) -> bool:
    """A Full Council whose notice deadline has passed cannot be chosen: say so on the date field."""
    message = council_rules.too_late(council.code, form.meeting.data, form.meeting_date.date)
    if message:
        form.meeting_date.errors = [*form.meeting_date.errors, message]
    return message is not None


def _drafted(slug: str, *, drafting: bool = False):
    """The motion in this session. While ``drafting`` the campaign must be open; a motion already
    created can still be downloaded after the campaign closes."""
    campaign = _open_campaign(slug) if drafting else _campaign(slug)
    current = _current(slug)
    if current is None:
        return campaign, None, None
    council = CouncilInfo(**current["council"])
    draft = MotionDraft.from_session(current["draft"])
    if current.get("created"):
        draft = seconders.with_confirmed_seconder(draft, current["submission"])
    return campaign, current, service.build_motion(campaign, council, draft)


@bp.route("/c/<slug>/councillors/motion/check", methods=["GET", "POST"])
@limit_form_submits
def preview(slug: str):
    campaign, current, drafted = _drafted(slug, drafting=True)
    if drafted is None:
        return redirect(url_for(".find", slug=slug))
    if request.method == "POST":  # "Create the motion": the tracking record and the private link, once
        draft = MotionDraft.from_session(current["draft"])
        created = tracking.create_report(slug, drafted, draft, current["submission"],
                                         link_days=current_app.config["ADVOCACY_MOTION_LINK_DAYS"])
        if created.token:  # just created: the only moment the token is known, so the email goes now, once
            current["token"] = created.token
            current["emailed"] = emails.email_report_link(campaign, created.report, created.token, draft)
        current["created"] = True
        session[SESSION_KEY] = current
        return redirect(url_for(".ready", slug=slug))
    return render_template("councillors/preview.html", campaign=campaign, drafted=drafted,
                           preview=motion_preview_html(drafted.motion), current=current,
                           page_title="Check your motion")


@bp.get("/c/<slug>/councillors/motion/ready")
def ready(slug: str):
    campaign, current, drafted = _drafted(slug)
    if drafted is None or not current.get("created"):
        return redirect(url_for(".preview", slug=slug) if drafted else url_for(".find", slug=slug))
    return _ready_page(campaign, current, drafted, report=seconders.report_for_submission(current["submission"]))


def _ready_page(campaign, current, drafted, *, report=None, send_form=None, reminder_form=None, status: int = 200):
    public = current_app.config["ADVOCACY_PUBLIC_URL"].rstrip("/")
    link = public + url_for(".report", token=current["token"]) if current.get("token") else None
    seconder_link = (public + url_for("seconders.second", token=current["seconder_token"])
                     if current.get("seconder_token") else None)
    draft = MotionDraft.from_session(current["draft"])
    queue = notices.queue_available()
    emails = {}
    if queue and report is not None:
        emails = {what: notices.email_status(report.id, what) for what in ("democratic-services", "reminder")}
    return render_template(
        "councillors/ready.html", campaign=campaign, drafted=drafted, link=link, email=draft.email, formats=FORMATS,
        emailed=current.get("emailed"),
        page_title="Download your motion", rules=council_rules.get_rules(drafted.council.code),
        notice=council_rules.notice_for(drafted.council.code, draft.meeting, draft.meeting_date),
        seconder=seconders.seconder_status(report) if report else None, seconder_link=seconder_link,
        invite_form=InviteForm(), queue=queue, emails=emails,
        send_form=send_form or ProposerEmailForm(prefix="send", data={"email": draft.email}),
        reminder_form=reminder_form or ProposerEmailForm(prefix="remind", data={"email": draft.email})), status


def _created(slug: str):
    campaign, current, drafted = _drafted(slug)
    if drafted is None or not current.get("created"):
        return campaign, None, None, None
    return campaign, current, drafted, seconders.report_for_submission(current["submission"])


@bp.post("/c/<slug>/councillors/motion/send")
@limit_form_submits
def send_to_democratic_services(slug: str):
    """Email the finished motion to democratic services through the outbox queue (once per motion)."""
    campaign, current, drafted, report = _created(slug)
    if report is None or not notices.queue_available():
        return redirect(url_for(".ready", slug=slug))
    form = ProposerEmailForm(prefix="send")
    draft = MotionDraft.from_session(current["draft"])
    if form.validate_on_submit():
        try:
            notices.send_motion(report=report, drafted=drafted, rules=council_rules.get_rules(drafted.council.code),
                                proposer_email=form.email.data,
                                notice=council_rules.notice_for(drafted.council.code, draft.meeting, draft.meeting_date),
                                seconder_confirmed=bool(drafted.motion.seconder))
        except notices.NoticeRefused as exc:
            form.email.errors = [*form.email.errors, str(exc)]
        else:
            flash("Your motion is queued to be emailed to democratic services. Replies will come to you.", "success")
            return redirect(url_for(".ready", slug=slug) + "#notice")
    return _ready_page(campaign, current, drafted, report=report, send_form=form, status=400)


@bp.post("/c/<slug>/councillors/motion/reminder")
@limit_form_submits
def remind_before_deadline(slug: str):
    """Ask for an email two days before the notice deadline (a queued email due then)."""
    campaign, current, drafted, report = _created(slug)
    if report is None or not notices.queue_available():
        return redirect(url_for(".ready", slug=slug))
    form = ProposerEmailForm(prefix="remind")
    draft = MotionDraft.from_session(current["draft"])
    notice = council_rules.notice_for(drafted.council.code, draft.meeting, draft.meeting_date)
    if notice is None:
        return redirect(url_for(".ready", slug=slug))
    if form.validate_on_submit():
        try:
            notices.schedule_reminder(report=report, drafted=drafted, notice=notice, proposer_email=form.email.data)
        except notices.NoticeRefused as exc:
            form.email.errors = [*form.email.errors, str(exc)]
        else:
            flash(f"We will email you on {notices.long_date(notices.reminder_time(notice.deadline).date())}, two days "
                  "before the notice deadline.", "success")
            return redirect(url_for(".ready", slug=slug) + "#notice")
    return _ready_page(campaign, current, drafted, report=report, reminder_form=form, status=400)


@bp.post("/c/<slug>/councillors/motion/seconder")
@limit_form_submits
def invite_seconder(slug: str):
    """Create the private link the proposer sends their seconder (a new one replaces an earlier one)."""
    campaign, current, drafted = _drafted(slug)
    if drafted is None or not current.get("created"):
        return redirect(url_for(".find", slug=slug))
    report = seconders.report_for_submission(current["submission"])
    if report is None:
        abort(404)
    current["seconder_token"] = seconders.invite_seconder(report, days=current_app.config["ADVOCACY_MOTION_LINK_DAYS"])
    session[SESSION_KEY] = current
    return redirect(url_for(".ready", slug=slug) + "#seconder")


@bp.get("/c/<slug>/councillors/motion/evidence.<any(pdf, csv):fmt>")
@limit_downloads
def council_evidence(slug: str, fmt: str):
    """The evidence pack for the councillor's own council (counts only, as staff see it)."""
    from .staff.evidence import pack_response

    campaign, current, drafted = _drafted(slug)
    if drafted is None or not current.get("created"):
        return redirect(url_for(".find", slug=slug))
    return pack_response(campaign, "council", drafted.council.code, fmt)


@bp.get("/c/<slug>/councillors/motion/download/<channel>")
@limit_downloads
def download(slug: str, channel: str):
    if channel not in FORMATS:
        abort(404)
    campaign, current, drafted = _drafted(slug)
    if drafted is None or not current.get("created"):
        return redirect(url_for(".preview", slug=slug) if drafted else url_for(".find", slug=slug))
    data = service.render_download(drafted, channel)
    service.record_download(campaign, drafted, channel, current["submission"])
    response = Response(data, mimetype=FORMATS[channel][1])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{service.download_name(campaign, drafted.council, channel)}"')
    response.headers["Cache-Control"] = "private, no-store"  # holds the proposer's name
    return response


@bp.route("/motions/report/<token>", methods=["GET", "POST"])
@limit_form_submits
def report(token: str):
    found = tracking.report_for_token(token)
    if found is None:
        abort(404)
    campaign = get_campaign(found.campaign)
    form = ReportForm()
    if request.method == "GET" and found.tabled_on:
        form.tabled_on.data, form.outcome.data = found.tabled_on.isoformat(), found.outcome
        form.minutes_url.data = found.minutes_url or ""
    if form.validate_on_submit():
        tracking.save_report(found, tabled_on=form.tabled_on.date, outcome=form.outcome.data,
                             minutes_url=(form.minutes_url.data or "").strip())
        flash("Thank you: your report is saved. You can change it with this link at any time.", "success")
        return redirect(url_for(".report", token=token))
    response = Response(render_template("councillors/report.html", report=found, campaign=campaign, form=form,
                                        meeting=service.MEETINGS.get(found.meeting, found.meeting),
                                        meeting_date=format_date(found.meeting_date) if found.meeting_date else None,
                                        page_title=f"Report on your motion at {found.council_name}"))
    response.headers["Referrer-Policy"] = "no-referrer"  # the link is the key: never leak it to the minutes site
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/motions/report/<token>/evidence.<any(pdf, csv):fmt>")
@limit_downloads
def report_evidence(token: str, fmt: str):
    """A councillor with their motion's private link downloads their own council's evidence pack."""
    from .staff.evidence import pack_response

    found = tracking.report_for_token(token)
    campaign = get_campaign(found.campaign) if found else None
    if found is None or campaign is None:
        abort(404)
    response = pack_response(campaign, "council", found.council_code, fmt)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/c/<slug>/motions")
def public_list(slug: str):
    campaign = _campaign(slug)
    record = tracking.public_record(slug)
    return render_template("councillors/public_list.html", campaign=campaign, record=record, outcomes=OUTCOMES,
                           format_date=format_date, page_title=f"Councils that have tabled the motion: {campaign.title}")
