"""Staff pages about emails sent for residents: failed emails with the reason, busy-MP alerts, and the
answers to "did your MP reply?" as rates per MP and party (aggregates only). Viewers and admins alike."""

from __future__ import annotations

from flask import current_app, render_template
from flask_login import login_required

from ...sending.followup import reply_rates
from ...sending.oversight import busy_mps, failed_emails, status_counts
from ...sending.outbox import told
from ...sending.texts import STATUS_LABELS
from .forms import ConfirmForm, SendAgainForm
from .views import bp, campaign_or_404, today_utc

STAFF_STATUS_LABELS = {**STATUS_LABELS, "awaiting_confirmation": "Waiting for the resident to confirm",
                       "queued": "Queued", "sending": "Being sent now", "sent": "Sent", "failed": "Failed"}
PURPOSE_LABELS = {"letter": "Letter to MP", "confirmation": "Confirmation link", "follow_up": "Follow-up question",
                  "new_mp_reminder": "New MP reminder", "motion_link": "Councillor's report-back link",
                  "motion": "Motion to democratic services", "reminder": "Motion notice reminder",
                  "case_study": "Case study notice", "send_yourself": "Letter sent back to the resident"}


@bp.app_context_processor
def _sending_alerts():
    # The staff home page says when something about sending needs a look, without opening /staff/sending.
    def sending_alerts() -> dict:
        threshold = current_app.config["ADVOCACY_MP_DAILY_ALERT"]
        return {"failed": status_counts()["failed"], "busy": busy_mps(today_utc(), threshold)}

    return {"sending_alerts": sending_alerts}


@bp.get("/sending")
@login_required
def sending():
    return sending_page()


def send_again_form(message_id: int) -> SendAgainForm:
    """The "Send again anyway" form of one failed email, its field ids unique on the page."""
    return SendAgainForm(prefix=f"email-{message_id}")


def sending_page(refused: tuple[int, SendAgainForm] | None = None, status: int = 200):
    """The sending page; ``refused``: a "Send again anyway" form sent without its box ticked, shown with
    its error in its row and in the summary at the top."""
    threshold = current_app.config["ADVOCACY_MP_DAILY_ALERT"]
    failed = failed_emails()
    send_again = {email.id: send_again_form(email.id) for email in failed if email.outcome_unknown}
    if refused is not None:
        send_again[refused[0]] = refused[1]
    title = "Emails sent for residents"
    return render_template("staff/sending.html", counts=status_counts(), status_labels=STAFF_STATUS_LABELS,
                           failed=failed, told=told([email.id for email in failed]), form=ConfirmForm(),
                           send_again=send_again, refused=refused[1] if refused else None,
                           purpose_labels=PURPOSE_LABELS,
                           busy=busy_mps(today_utc(), threshold), threshold=threshold,
                           smtp_configured=bool(current_app.config.get("ADVOCACY_SMTP_HOST")),
                           page_title=f"Error: {title}" if refused else title), status


@bp.get("/c/<slug>/replies")
@login_required
def replies(slug: str):
    campaign = campaign_or_404(slug)
    return render_template("staff/replies.html", campaign=campaign, by_mp=reply_rates(slug, "mp"),
                           by_party=reply_rates(slug, "party"), page_title=f"MP replies: {campaign.title}")
