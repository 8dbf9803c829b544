"""Seconding a council motion through a private link (see service.py)."""

from .service import (Invitation, SeconderStatus, confirm_seconder, invitation_for_token, invite_seconder,
                      report_for_submission, seconder_status, with_confirmed_seconder)

__all__ = ["Invitation", "SeconderStatus", "confirm_seconder", "invitation_for_token", "invite_seconder",
           "report_for_submission", "seconder_status", "with_confirmed_seconder"]
