"""Letters from residents to their MP or council: drafts (personal data), the Letter built from a draft,
and counting what each draft produced. The web journey lives in advocacy/web/letters.py."""

from .models import KINDS, LetterDraft
from .service import (FIND_YOUR_COUNCIL, PERSONAL_MAX, Answers, find_draft, idempotency_key, letter_for,
                      lookup_snapshot, mark_sent, public_count, recipient_email, recipient_label, record_output,
                      save_draft)

__all__ = ["FIND_YOUR_COUNCIL", "KINDS", "PERSONAL_MAX", "Answers", "LetterDraft", "find_draft",
           "idempotency_key", "letter_for", "lookup_snapshot", "mark_sent", "public_count", "recipient_email",
           "recipient_label", "record_output", "save_draft"]
