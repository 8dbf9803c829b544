"""Email drafts: a mailto: link and a standards-compliant .eml file, safe from header injection.

Anything that reaches a header (names, addresses, subject) is checked here for line breaks and other
control characters and refused with a clear error, rather than trusting the email package to catch it
(its own checks arrived in later Python patch releases: CVE-2024-6923, CVE-2026-1299).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid
from typing import Sequence
from urllib.parse import quote, urlencode

from email_validator import EmailNotValidError, validate_email

from .content import Letter
from .text import letter_text

# How long a link to a prefilled email can be. RFC 6068 sets no limit for mailto:; the limits are the
# programs'. What we rely on (see README, "Email that opens ready to send"):
# - Every common client opens a mailto: link of up to about 2,000 characters: Internet Explorer's URL limit
#   is 2,083 (Microsoft KB208427) and Windows desktop mail programs opened from Chrome, Firefox or IE took
#   2,046 at most in tests (superruub.wordpress.com, 2013; stackoverflow.com/q/4473959, Chrome ~2,000).
# - Phones and Macs take far more: iOS Mail opens about 1 MB of text (stackoverflow.com/q/4473959, the
#   benzado.com test), Android hands the link to the mail app whole, Apple Mail from Safari and Outlook
#   from Firefox took 8,000 and more (same thread). Up to MAILTO_MAX_LENGTH the page offers the full link
#   and says, visibly, what to do if a Windows computer opens it without the letter.
# - Web-mail compose pages are ordinary web addresses: kept under 8,000 characters, below the 8 KB request
#   line that common web servers and proxies accept (Apache LimitRequestLine 8190, nginx 8k buffers).
# Past a limit the link opens the email addressed with its subject only and the page says to paste the
# copied letter or use the .eml file: a letter is never cut short without saying so.
MAILTO_SAFE_LENGTH = 2000
MAILTO_MAX_LENGTH = 8000
WEBMAIL_MAX_LENGTH = 8000


class HeaderError(ValueError):
    """A value cannot go into an email header; the message says which field and why."""


def check_header_value(field: str, value: str) -> str:
    """Return ``value`` if it is safe in a header; raise HeaderError if it holds a line break or control."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            if char in "\r\n\u2028\u2029\x85\x0b\x0c":
                raise HeaderError(f"The {field} contains a line break, which cannot go in an email header. "
                                  f"Write the {field} on one line.")
            raise HeaderError(f"The {field} contains a control character (U+{ord(char):04X}), which cannot go "
                              f"in an email header. Remove it and try again.")
    return value


def check_address(field: str, address: str) -> str:
    """A syntactically valid email address (no DNS look-up), normalised; HeaderError otherwise."""
    check_header_value(field, address)
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise HeaderError(f"The {field} is not a valid email address: {exc}") from None


def _crlf(text: str) -> str:
    return "\r\n".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def mailto_url(to: str | Sequence[str], subject: str, body: str) -> str:
    """A mailto: link with subject and body, every reserved character (& # ? + = %) percent-encoded,
    UTF-8 throughout, and line breaks as %0D%0A (a bare %0A breaks iPhone Mail)."""
    addresses = [to] if isinstance(to, str) else list(to)
    checked = [check_address("recipient address", address) for address in addresses]
    check_header_value("subject", subject)
    recipients = ",".join(quote(address, safe="@") for address in checked)
    return f"mailto:{recipients}?subject={quote(subject, safe='')}&body={quote(_crlf(body), safe='')}"


def mailto_too_long(url: str) -> bool:
    """Whether mail programs on phones and computers alike may cut this link: then it carries no body and
    the page offers copy-to-clipboard and the .eml instead."""
    return len(url) > MAILTO_MAX_LENGTH


def mailto_fits_everywhere(url: str) -> bool:
    """Whether even Windows desktop mail programs open this link whole (about 2,000 characters)."""
    return len(url) <= MAILTO_SAFE_LENGTH


# Web-mail compose pages: (name, address, names of the to / subject / body parameters). None of the three
# publishes these; they are the forms in wide use (Gmail's ``view=cm`` page; Outlook.com's deep link;
# Yahoo's compose host), each prefilling all three fields.
WEBMAIL = (
    ("Gmail", "https://mail.google.com/mail/?view=cm&fs=1&", ("to", "su", "body")),
    ("Outlook.com", "https://outlook.live.com/mail/0/deeplink/compose?", ("to", "subject", "body")),
    ("Yahoo Mail", "https://compose.mail.yahoo.com/?", ("to", "subject", "body")),
)


@dataclass(frozen=True)
class ComposeLink:
    """A link that opens a new email. ``whole`` says whether it carries the whole letter; when it does not,
    it opens addressed with the subject only, and the page must say so and offer copy and the .eml."""

    name: str  # "Email app", "Gmail", ...
    url: str
    whole: bool


def webmail_url(base: str, params: tuple[str, str, str], to: str, subject: str, body: str) -> str:
    to_param, subject_param, body_param = params
    fields = {to_param: check_address("recipient address", to), subject_param: check_header_value("subject", subject)}
    if body:
        fields[body_param] = _crlf(body)
    return base + urlencode(fields, quote_via=quote, safe="@")


def webmail_links(to: str, subject: str, body: str) -> list[ComposeLink]:
    """Gmail, Outlook.com and Yahoo compose links, each with the whole body when it fits, else without."""
    links = []
    for name, base, params in WEBMAIL:
        url = webmail_url(base, params, to, subject, body)
        whole = len(url) <= WEBMAIL_MAX_LENGTH
        links.append(ComposeLink(name, url if whole else webmail_url(base, params, to, subject, ""), whole))
    return links


def letter_compose_links(letter: Letter, to: str) -> list[ComposeLink]:
    """Every way to open the letter as a new email, in the order the page offers them: the device's mail
    program (mailto:), then web mail. Raises HeaderError for an address or subject that cannot be used."""
    body = letter_text(letter)
    mailto = mailto_url(to, letter.subject, body)
    whole = not mailto_too_long(mailto)
    return [ComposeLink("Email app", mailto if whole else mailto_url(to, letter.subject, ""), whole),
            *webmail_links(to, letter.subject, body)]


def eml_bytes(*, to_address: str, subject: str, body: str, to_name: str = "", from_address: str = "",
              from_name: str = "", reply_to: str = "", date: dt.datetime | None = None,
              message_id_domain: str = "localhost") -> bytes:
    """A UTF-8 email message (RFC 5322, CRLF line endings) that opens as an unsent draft (X-Unsent: 1).

    Raises HeaderError if any name, address or the subject contains a line break or control character.
    """
    message = EmailMessage(policy=SMTP)
    to_address = check_address("recipient address", to_address)
    message["To"] = formataddr((check_header_value("recipient name", to_name), to_address))
    if from_address:
        from_address = check_address("sender address", from_address)
        message["From"] = formataddr((check_header_value("sender name", from_name), from_address))
    if reply_to:
        message["Reply-To"] = check_address("reply-to address", reply_to)
    message["Subject"] = check_header_value("subject", subject)
    message["Date"] = format_datetime(date or dt.datetime.now(dt.timezone.utc))
    # An explicit domain: without one, make_msgid asks DNS for this machine's name, which can stall.
    message["Message-ID"] = make_msgid(domain=check_header_value("message id domain", message_id_domain))
    message["X-Unsent"] = "1"  # Outlook opens the file as a draft, ready to send
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return message.as_bytes()


def letter_mailto(letter: Letter, to: str) -> str:
    return mailto_url(to, letter.subject, letter_text(letter))


def letter_eml(letter: Letter, to_address: str, *, from_address: str = "", date: dt.datetime | None = None,
               message_id_domain: str = "localhost") -> bytes:
    """The letter as an .eml draft addressed to ``to_address`` (the MP or council), from the resident."""
    return eml_bytes(to_address=to_address, to_name=letter.recipient_name, subject=letter.subject,
                     body=letter_text(letter), from_address=from_address or letter.sender_email,
                     from_name=letter.sender_name if (from_address or letter.sender_email) else "",
                     date=date, message_id_domain=message_id_domain)
