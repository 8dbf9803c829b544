"""The letter journey (steps 3 to 6): form, preview with Change, outputs, "I've sent it", thank you.

Thin: the draft, the Letter and the counting are advocacy.letters; documents render it. A draft lives in
the database under an unguessable id in the URL, so Change, refresh and every download use the same answers.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import (Blueprint, Response, abort, current_app, flash, make_response, redirect, render_template, request, session,
                   url_for)

from ..campaigns import Campaign, TemplateProblems, get_campaign
from ..documents import (DocumentError, HeaderError, letter_compose_links, letter_eml, letter_pdf, letter_text,
                        
                         letter_preview_html, mailto_fits_everywhere)
from ..letters import (FIND_YOUR_COUNCIL, PERSONAL_MAX, Answers, LetterDraft, find_draft, letter_for, lookup_snapshot, mark_sent,
                       public_count, recipient_email, recipient_label, record_output, save_draft)
from ..letters.service import council_recipient, figure_sources, freshness_of, refresh_mp, similarity_for
from ..elections import mp_letter_refusal
from ..lookup import LookupProblem, UpstreamUnavailable, find_representatives, normalise_postcode
from ..lookup.errors import PostcodeProblem
from ..letters.contacts import council_website
from ..nations import CouncilName, council_names
from ..personalisation import PROMPTS
from ..public_url import public_base_url
from .letter_forms import LetterForm
from .errors import render_error
from .limits import limit_downloads, limit_form_submits
from .resident import chosen_council, situation

bp = Blueprint("letters", __name__)
bp.add_app_template_global(freshness_of, "freshness_of")


@bp.app_template_global("say_council")
def say_council(area: dict | None) -> CouncilName | None:
    """How pages say a council from a stored lookup ({"name", "code"}): advocacy.nations.names."""
    return council_names(area.get("code"), area["name"]) if area and area.get("name") else None
TO = {"mp": "letter_mp", "council": "letter_council"}
# Rate limits (advocacy/web/limits.py, settings ADVOCACY_FORM_LIMIT and ADVOCACY_DOWNLOAD_LIMIT) are generous
# for people sharing one address (a library, an office) and stop a script filling the database with drafts
# or keeping the PDF renderer busy.


def _campaign(slug: str) -> Campaign:
    campaign = get_campaign(slug)
    if campaign is None:
        abort(404)
    return campaign


def _draft(slug: str, draft_id: str) -> tuple[Campaign, LetterDraft]:
    campaign = _campaign(slug)
    draft = find_draft(draft_id, campaign.slug)
    if draft is None:
        abort(404)
    if draft.kind == "letter_mp":
        refusal = mp_letter_refusal()
        if refusal:  # a draft from before the dissolution: never produce it for the former MP
            flash(refusal, "error")
            abort(redirect(url_for("resident.you", slug=campaign.slug)))
        changed = refresh_mp(draft, current_app.config["ADVOCACY_MP_CACHE_SECONDS"])
        if changed:
            flash(changed, "error" if not draft.lookup.get("mp") else "success")
        if not draft.lookup.get("mp"):  # the seat fell vacant since: no letter to a former MP
            abort(redirect(url_for("resident.you", slug=campaign.slug)))
    return campaign, draft


class CannotWrite(Exception):
    """This resident cannot write this letter (closed campaign, no MP, campaign's country rules)."""


def _lookup(campaign: Campaign, kind: str, postcode: str) -> dict:
    """The lookup for ``postcode`` as stored with a draft. Raises LookupProblem (its message says what to
    do) or CannotWrite."""
    manual = session.get("manual_mp") if session.get("postcode") == postcode else None
    if kind == "letter_mp":
        refusal = mp_letter_refusal()
        if refusal:
            raise CannotWrite(refusal)
    reps = None
    try:
        reps = find_representatives(postcode, council_slug=chosen_council(postcode))
    except UpstreamUnavailable:
        if not manual:
            raise
    if reps is not None and not reps.mp_unavailable:
        manual = None
    can = situation(campaign, reps, manual)
    if not campaign.is_open():
        raise CannotWrite("This campaign is closed, so it is not taking letters any more.")
    if not can.letters_offered:
        offer = campaign.offer_for(reps.country if reps is not None else None)
        raise CannotWrite(f"This campaign does not offer letters in {offer.nation}. {offer.why}".strip())
    if kind == "letter_mp" and not can.can_write_to_mp:
        raise CannotWrite("We do not have an MP to write to for this postcode. If the seat is vacant, you can "
                          "write to your council instead.")
    if kind == "letter_council" and not can.can_write_to_council:
        offer = campaign.offer_for(reps.country if reps is not None else None)
        raise CannotWrite(f"This campaign does not take letters to councils in {offer.nation}. {offer.why}".strip()
                          if reps is not None and "council" not in offer.offers else
                          "This campaign does not take letters to your council from this postcode.")
    lookup = lookup_snapshot(reps, manual, postcode)
    if kind == "letter_council":
        council, authority = lookup.get("council") or {}, lookup.get("authority") or {}
        lookup["council_contact"] = council_website(postcode, upper_tier=council.get("code") != authority.get("code"),
                                                    council_slug=chosen_council(postcode))
    return lookup


def _answers(form: LetterForm, postcode: str) -> Answers:
    return Answers(name=form.name.data, address_lines=(form.address.data or "").splitlines(), postcode=postcode,
                   email=(form.email.data or "").strip(), asks=list(form.asks.data or []),
                   personal=form.personal.data or "", consent_updates=bool(form.consent_updates.data),
                   consent_follow_up=bool(form.consent_follow_up.data))


def _form_page(campaign: Campaign, kind: str, form: LetterForm, lookup: dict | None, draft: LetterDraft | None,
               notice: str | None = None, status: int = 200):
    from ..sending import can_send_email

    # "Did your MP reply?" is asked by email: offered only for letters to MPs on a site that can send email.
    ask_follow_up = kind == "letter_mp" and can_send_email()
    return render_template("letters/form.html", campaign=campaign, kind=kind, form=form, lookup=lookup,
                           draft=draft, notice=notice, prompts=PROMPTS, ask_follow_up=ask_follow_up,
                           personal_max=PERSONAL_MAX), status


def _fill(form: LetterForm, campaign: Campaign, country: str | None = None) -> None:
    """The asks the resident can choose: those that apply where they live (once the lookup says where)."""
    form.asks.choices = [(ask.id, ask.title) for ask in (campaign.asks_for(country) if country else campaign.asks)]
    if country and form.asks.data:  # a form from before the lookup said where: drop asks that do not apply
        allowed = {choice for choice, _ in form.asks.choices}
        form.asks.data = [ask for ask in form.asks.data if ask in allowed]


@bp.get("/c/<slug>/letter")
def letter(slug: str):
    return redirect(url_for("letters.start", slug=slug, to="mp"))


@bp.route("/c/<slug>/letter/<to>", methods=["GET", "POST"])
@limit_form_submits
def start(slug: str, to: str):
    campaign = _campaign(slug)
    kind = TO.get(to) or abort(404)
    return _write(campaign, kind, draft=None)


@bp.route("/c/<slug>/letter/d/<draft_id>/change", methods=["GET", "POST"])
@limit_form_submits
def change(slug: str, draft_id: str):
    campaign, draft = _draft(slug, draft_id)
    return _write(campaign, draft.kind, draft=draft)


def _write(campaign: Campaign, kind: str, draft: LetterDraft | None):
    postcode = draft.postcode if draft is not None and request.method == "GET" else session.get("postcode")
    if not postcode and draft is not None:
        postcode = draft.postcode
    if not postcode:
        return redirect(url_for("public.campaign", slug=campaign.slug))
    form = LetterForm()
    _fill(form, campaign)
    try:
        lookup = draft.lookup if draft is not None and request.method == "GET" else _lookup(campaign, kind, postcode)
    except (LookupProblem, CannotWrite) as problem:
        message = getattr(problem, "message", None) or str(problem)
        if request.method == "POST":  # keep everything typed; say what stopped us
            form.validate_on_submit()
            return _form_page(campaign, kind, form, draft.lookup if draft is not None else None, draft,
                              notice=message)
        flash(message, "error")
        return redirect(url_for("resident.you", slug=campaign.slug))
    _fill(form, campaign, lookup.get("country"))

    if request.method == "GET":
        if draft is not None:  # Change: every answer back in its box
            form.name.data, form.address.data = draft.name, draft.address
            form.postcode.data, form.email.data = draft.postcode, draft.email or ""
            form.asks.data, form.personal.data = list(draft.asks), draft.personal
            form.consent_updates.data = draft.consent_updates
            form.consent_follow_up.data = draft.follow_up_consent
        else:
            form.postcode.data = postcode
            form.asks.data = [ask.id for ask in campaign.asks_for(lookup.get("country"))]  # untick what you don't want
        return _form_page(campaign, kind, form, lookup, draft)

    if not form.validate_on_submit():
        return _form_page(campaign, kind, form, lookup, draft)
    try:
        typed = normalise_postcode(form.postcode.data)
    except PostcodeProblem as problem:
        form.postcode.errors.append(problem.message)
        return _form_page(campaign, kind, form, lookup, draft)
    if typed != postcode:
        # MPs act for constituents: the letter must go to the MP for the address it gives. Look again.
        try:
            lookup = _lookup(campaign, kind, typed)
        except (LookupProblem, CannotWrite) as problem:
            form.postcode.errors.append(getattr(problem, "message", None) or str(problem))
            return _form_page(campaign, kind, form, lookup, draft)
        session["postcode"] = typed
        session.pop("manual_mp", None)
        form.postcode.data = typed
        form.postcode.errors.append(
            f"The postcode in your address, {typed}, is not the one you looked up ({postcode}), so we looked it up "
            f"again. Check who your letter is to above, then continue.")
        return _form_page(campaign, kind, form, lookup, draft)
    draft = save_draft(campaign, kind, _answers(form, typed), lookup, draft)
    return redirect(url_for("letters.preview", slug=campaign.slug, draft_id=draft.public_id))


def _letter(campaign: Campaign, draft: LetterDraft):
    try:
        return letter_for(draft, campaign)
    except (TemplateProblems, DocumentError) as problem:
        # Usually the campaign's local figures are not loaded yet. The answers are saved in the draft,
        # so the resident can come back to the same address; staff find the reason in the log.
        current_app.logger.error("letter %s could not be built: %s", draft.public_id[:6], problem)
        abort(make_response(render_error(
            503, "Your letter cannot be prepared just now",
            "The campaign's local figures or letter text are not ready. Your answers are saved: try this page "
            "again later. Campaign staff: run 'flask --app advocacy campaigns check' and load the local "
            "figures (Staff, Local data).")))


@bp.get("/c/<slug>/letter/d/<draft_id>")
def preview(slug: str, draft_id: str):
    campaign, draft = _draft(slug, draft_id)
    letter = _letter(campaign, draft)
    return render_template("letters/preview.html", campaign=campaign, draft=draft,
                           preview=letter_preview_html(letter), to=recipient_label(draft),
                           similarity=similarity_for(draft, campaign), sources=figure_sources(draft, campaign))


@bp.get("/c/<slug>/letter/d/<draft_id>/send")
def outputs(slug: str, draft_id: str):
    campaign, draft = _draft(slug, draft_id)
    letter = _letter(campaign, draft)
    address = recipient_email(draft)
    council_to = council_recipient(draft, campaign) if draft.kind == "letter_council" else None
    links: list = []
    if address:
        try:
            links = letter_compose_links(letter, address)
        except HeaderError:
            address = None  # an address we cannot use: offer the PDF and .eml only
    return render_template("letters/outputs.html", campaign=campaign, draft=draft, letter=letter,
                           text=letter_text(letter), to=recipient_label(draft), address=address,
                           links=dict(zip(COMPOSE_VIA, links)),
                           whole_everywhere=bool(links) and mailto_fits_everywhere(links[0].url),
                           find_council=FIND_YOUR_COUNCIL, council_to=council_to,
                           website=council_to.website if council_to else None)


def _download(body: bytes | str, mimetype: str, filename: str, inline: bool = False) -> Response:
    response = Response(body, mimetype=mimetype)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response.headers["Cache-Control"] = "private, no-store"  # personal data
    return response


def _filename(draft: LetterDraft, ext: str) -> str:
    who = "mp" if draft.kind == "letter_mp" else "council"
    return f"letter-to-your-{who}.{ext}"


@bp.get("/c/<slug>/letter/d/<draft_id>/letter.pdf")
@limit_downloads
def pdf(slug: str, draft_id: str):
    campaign, draft = _draft(slug, draft_id)
    try:
        body = letter_pdf(_letter(campaign, draft))
    except DocumentError as problem:
        current_app.logger.error("PDF for letter %s failed: %s", draft.public_id[:6], problem)
        abort(500)
    record_output(draft, "pdf")
    return _download(body, "application/pdf", _filename(draft, "pdf"))


@bp.get("/c/<slug>/letter/d/<draft_id>/letter.eml")
@limit_downloads
def eml(slug: str, draft_id: str):
    campaign, draft = _draft(slug, draft_id)
    address = recipient_email(draft) or abort(404)
    domain = public_base_url().split("://")[-1].split("/")[0]
    body = letter_eml(_letter(campaign, draft), address, message_id_domain=domain.split(":")[0] or "localhost")
    record_output(draft, "eml")
    return _download(body, "message/rfc822", _filename(draft, "eml"))


# ?via= on the email link: the device's mail program, or a web-mail compose page (same order as
# advocacy.documents.letter_compose_links).
COMPOSE_VIA = ("app", "gmail", "outlook", "yahoo")


@bp.get("/c/<slug>/letter/d/<draft_id>/email")
@limit_downloads
def email(slug: str, draft_id: str):
    """Counts the email draft, then hands the browser the mailto: link (it opens the mail program) or the
    web-mail compose page. A link too long for the program opens the email addressed, with its subject
    only; the page says so beside the link and offers the copy box and the .eml file."""
    campaign, draft = _draft(slug, draft_id)
    address = recipient_email(draft) or abort(404)
    via = request.args.get("via", "app")
    if via not in COMPOSE_VIA:
        abort(404)
    links = dict(zip(COMPOSE_VIA, letter_compose_links(_letter(campaign, draft), address)))
    record_output(draft, "email_draft")
    return redirect(links[via].url)


@bp.get("/c/<slug>/letter/d/<draft_id>/letter.txt")
@limit_downloads
def text(slug: str, draft_id: str):
    campaign, draft = _draft(slug, draft_id)
    record_output(draft, "text")
    return _download(letter_text(_letter(campaign, draft)), "text/plain", _filename(draft, "txt"), inline=True)


@bp.post("/c/<slug>/letter/d/<draft_id>/sent")
@limit_form_submits
def sent(slug: str, draft_id: str):
    from flask_wtf import FlaskForm

    campaign, draft = _draft(slug, draft_id)
    if not FlaskForm().validate_on_submit():  # CSRF only
        abort(400)
    mark_sent(draft)
    return redirect(url_for("letters.thanks", slug=campaign.slug, draft_id=draft.public_id))


@bp.get("/c/<slug>/letter/d/<draft_id>/thanks")
def thanks(slug: str, draft_id: str):
    campaign, draft = _draft(slug, draft_id)
    page = public_base_url() + url_for("public.campaign", slug=campaign.slug)
    return render_template("letters/thanks.html", campaign=campaign, draft=draft, count=public_count(campaign.slug),
                           share=share_links(campaign, page, draft.kind), page_url=page)


def share_links(campaign: Campaign, page: str, kind: str = "letter_mp") -> list[tuple[str, str]]:
    """(name, URL) of share links, each with the campaign's hashtag; no tracking, no scripts."""
    whom = "my MP" if kind == "letter_mp" else "my council"
    text = f"I've written to {whom} about {campaign.title}. Add your voice: #{campaign.hashtag}"
    return [
        ("X", f"https://x.com/intent/post?text={quote(text)}&url={quote(page, safe='')}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quote(page, safe='')}"),
        ("WhatsApp", f"https://wa.me/?text={quote(text + ' ' + page)}"),
        ("Email", f"mailto:?subject={quote(campaign.title)}&body={quote(text + chr(13) + chr(10) + page)}"),
    ]
