"""What staff may see of a failed delivery: the reason with every email address taken out, and a category.

An SMTP server's refusal usually repeats the address it refused ("550 5.1.1 <sian@example.org>: Recipient
address rejected"), and confirmation emails go to residents: a reason is redacted before it is kept or logged
(``redact_addresses``), and viewers see only the category ("Address rejected"); admins see the redacted text.
"""

from __future__ import annotations

import re

REDACTED = "[address removed]"

# Anything with an @ between two runs of address-like characters: mailbox@domain, <a@b>, "x"@y, a@[1.2.3.4].
_ADDRESS = re.compile(r"""[^\s<>()\[\],;:"'`]*@[^\s<>(),;:"'`]+""")
_ENHANCED_CODE = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_BASIC_CODE = re.compile(r"\b([245]\d\d)\b")


def redact_addresses(text: str) -> str:
    """``text`` with everything that looks like an email address replaced by "[address removed]"."""
    return _ADDRESS.sub(REDACTED, text)


# (words in our own reasons, category) - checked before the SMTP codes
_OUR_REASONS = (
    ("Parliament was dissolved", "Not sent: Parliament was dissolved"),
    ("could not be built", "The email could not be built"),
    ("worker stopped while sending", "The worker stopped while sending"),
    ("Could not reach the SMTP server", "Our mail server could not be reached"),
    ("user name or password", "Our mail server refused our sign-in"),
    ("does not support", "Our mail server settings are wrong"),
    ("Unexpected error", "Unexpected error while sending"),
)


def failure_category(reason: str) -> str:
    """A short category for a delivery failure, safe to show anyone: "Address rejected", "Mailbox full"..."""
    for words, category in _OUR_REASONS:
        if words.lower() in reason.lower():
            return category
    if enhanced := _ENHANCED_CODE.search(reason):
        kind, subject, detail = enhanced.groups()
        if kind == "4":
            return "Temporary failure, given up after retries"
        if subject == "1":
            return "Address rejected"
        if (subject, detail) == ("2", "2"):
            return "Mailbox full"
        if subject == "2":
            return "Mailbox unavailable"
        if subject == "7":
            return "Refused by the receiving server's policy"
    if basic := _BASIC_CODE.search(reason):
        code = basic.group(1)
        if code in ("550", "551", "553"):
            return "Address rejected"
        if code == "552":
            return "Mailbox full"
        if code.startswith("4"):
            return "Temporary failure, given up after retries"
    return "Delivery failed"
