""""Send it for me" on the letter page: the resident gives or confirms their email address, we email them a
link, and the letter goes to their MP only once they confirm (advocacy.sending does the rest).

Thin: the letter comes from advocacy.letters, the request, the links and the delivery from advocacy.sending.
"""

from __future__ import annotations

import dataclasses

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from wtforms import BooleanField, EmailField
from wtforms.validators import InputRequired, Length

from ..campaigns import Campaign, get_campaign
from ..documents import HeaderError, letter_text
from ..letters import LetterDraft, find_draft, idempotency_key
from ..letters.service import _place
from ..sending import Recipient, SendRefused, request_for_submission, request_send, request_status, sending_enabled
from ..sending.service import mailbox_key, mp_refusal
from ..sending.texts import STATUS_LABELS
from .forms import CheckedForm
from .letters import _letter
from .limits import limiter

bp = Blueprint("send_for_me", __name__)


class SendForMeForm(CheckedForm):
    email = EmailField("Your email address", validators=[
        InputRequired("Enter your email address, like name@example.com, so we can send you the link to confirm"),
        Length(max=320, message="An email address is at most 320 characters"),
    ])
    follow_up = BooleanField("Ask me once, later, whether my MP replied")


def submission_key(draft: LetterDraft) -> str:
    return f"draft:{draft.public_id}"


def _mp(draft: LetterDraft) -> dict:
    return draft.lookup.get("mp") or {}


def offer(campaign: Campaign, draft: LetterDraft) -> dict | None:
    """What the letter page shows about "Send it for me", or None when it is not offered: the campaign has
    not opted in, SMTP is not set up, the letter is not to an MP, or we have no email address for the MP."""
    if draft.kind != "letter_mp" or not sending_enabled(current_app.config, campaign) or not _mp(draft).get("email"):
        return None
    existing = request_for_submission(submission_key(draft))
    view = request_status(existing.public_id) if existing else None
    consent = existing.follow_up_consent if existing else draft.follow_up_consent
    return {"form": SendForMeForm(data={"email": (existing.resident_email if existing else draft.email) or "",
                                        "follow_up": consent}),
            "request": existing, "status": view, "label": STATUS_LABELS[view.status] if view else None}


def _draft_or_404(slug: str, draft_id: str) -> tuple[Campaign, LetterDraft]:
    campaign = get_campaign(slug)
    draft = find_draft(draft_id, slug) if campaign else None
    if campaign is None or draft is None:
        abort(404)
    return campaign, draft


# --- abuse controls: per address and per email address, POSTs only ---

def _ip_limit() -> str:
    return current_app.config["ADVOCACY_SEND_LIMIT_PER_IP"]


def _email_limit() -> str:
    return current_app.config["ADVOCACY_SEND_LIMIT_PER_EMAIL"]


def _email_key() -> str:
    return "send-email:" + mailbox_key(request.form.get("email", ""))[:320]


LIMIT_MESSAGE = ("We have been asked to send a lot of letters from here, or for this email address, in a short "
                 "time. To protect MPs' inboxes from floods of email, we pause sending for a while. Try again "
                 "later today, or send your letter yourself: go back to your letter, where the email draft, "
                 "the PDF and the text still work.")


@bp.route("/c/<slug>/letter/d/<draft_id>/send-for-me", methods=["GET", "POST"])
@limiter.limit(_ip_limit, methods=["POST"], error_message=LIMIT_MESSAGE)
@limiter.limit(_email_limit, key_func=_email_key, methods=["POST"], error_message=LIMIT_MESSAGE)
def ask(slug: str, draft_id: str):
    campaign, draft = _draft_or_404(slug, draft_id)
    current = offer(campaign, draft)
    if current is None:
        abort(404)
    form = SendForMeForm()
    if not form.is_submitted():
        form.follow_up.data = current["form"].follow_up.data
    refused = None
    stopped = mp_refusal()  # Parliament dissolved: the letter's MP is a former MP, so nothing is sent or asked
    if stopped is None and form.validate_on_submit():
        mp = _mp(draft)
        # letters._letter: the same letter as every other output, and the same 503 page if it cannot be built.
        letter = dataclasses.replace(_letter(campaign, draft), sender_email=form.email.data.strip())
        lookup = draft.lookup
        try:
            sent = request_send(
                campaign=campaign.slug, campaign_title=campaign.title, submission_key=submission_key(draft),
                resident_name=draft.name, resident_email=form.email.data, subject=letter.subject,
                body=letter_text(letter),
                recipient=Recipient(name=letter.recipient_name, email=mp["email"], member_id=mp.get("member_id"),
                                    party=mp.get("party"),
                                    constituency_code=(lookup.get("constituency") or {}).get("code"),
                                    constituency_name=(lookup.get("constituency") or {}).get("name")),
                action={"campaign": campaign.slug, "kind": draft.kind, "channel": "confirmed",
                        "place": dataclasses.asdict(_place(lookup)), "template_version": draft.template_version,
                        "idempotency_key": idempotency_key(draft, "confirmed")},
                follow_up_consent=bool(form.follow_up.data))
        except HeaderError as problem:
            form.email.errors.append(str(problem))
        except SendRefused as problem:
            refused = problem.message
        else:
            flash("We have emailed you a link. Open it and press “Send my letter” to send it to your MP.", "success")
            return redirect(url_for("sending.status", public_id=sent.public_id))
    return render_template("letters/send_for_me.html", campaign=campaign, draft=draft, form=form, offer=current,
                           refused=refused, stopped=stopped, to=_mp(draft).get("name") or "your MP",
                           page_has_errors=bool(refused or stopped), page_title="Send it for me")


def init_app(app) -> None:
    app.jinja_env.globals["send_for_me_offer"] = offer
