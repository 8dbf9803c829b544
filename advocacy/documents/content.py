"""The two document sources: a Letter and a Motion. Each is rendered several ways (preview HTML, print
HTML, PDF, plain text, .eml, .docx) by the other modules of this package, always from these same fields.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, fields
from typing import Sequence

from .typography import format_date

# Where every MP can be written to. Used as the recipient address of letters to MPs.
HOUSE_OF_COMMONS: tuple[str, ...] = ("House of Commons", "London", "SW1A 0AA")


class DocumentError(Exception):
    """A document cannot be produced; the message names what is missing or wrong."""


def _lines(value: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.splitlines()
    return tuple(line.strip() for line in value if line and line.strip())


def _require(obj: object, *names: str) -> None:
    missing = [name for name in names if not getattr(obj, name)]
    if missing:
        raise DocumentError(f"{type(obj).__name__} needs {', '.join(missing)}")


@dataclass(frozen=True)
class Letter:
    """A letter from a resident. ``body`` is Markdown from a campaign template (values already escaped);
    every other field is plain text and is escaped by each rendering."""

    sender_name: str
    sender_address: tuple[str, ...]  # street lines and town, without the postcode
    sender_postcode: str
    date: dt.date
    recipient_name: str  # "Jane Smith MP" or "The Leader"
    recipient_address: tuple[str, ...]  # e.g. HOUSE_OF_COMMONS, or ("Leeds City Council", ...)
    salutation: str  # "Dear Jane Smith"
    body: str
    subject: str
    sign_off: str = "Yours sincerely"
    sender_email: str = ""
    title: str = ""  # document title (PDF metadata); the subject when empty
    # When the recipient's postal address is not known: what to do, printed in a marked box to write in.
    recipient_address_to_fill: str = ""

    def __post_init__(self) -> None:
        for name in ("sender_address", "recipient_address"):
            object.__setattr__(self, name, _lines(getattr(self, name)))
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, str):
                object.__setattr__(self, item.name, value.strip() if item.name != "body" else value)
        _require(self, "sender_name", "sender_address", "sender_postcode", "recipient_name", "salutation",
                 "body", "subject", "sign_off")
        if not isinstance(self.date, dt.date):
            raise DocumentError("Letter needs a date (datetime.date)")

    @property
    def document_title(self) -> str:
        return self.title or self.subject

    @property
    def sender_address_block(self) -> tuple[str, ...]:
        return (*self.sender_address, self.sender_postcode)

    @property
    def recipient_block(self) -> tuple[str, ...]:
        return (self.recipient_name, *self.recipient_address)


def council_leader_address(council_name: str, address_lines: Sequence[str] = ()) -> tuple[str, ...]:
    """Recipient address lines for 'The Leader' of a council (the council's postal address if known)."""
    return (council_name, *_lines(address_lines))


_UNPRINTABLE = re.compile("[\ufffe\uffff\u2028\u2029]")


def _printable(text: str, *, keep_lines: bool) -> str:
    """``text`` without control characters (Word's XML cannot hold them and python-docx refuses them).
    Forms refuse them already; this keeps a value saved before that (or by a script) from breaking a
    download."""
    if text.isprintable() or keep_lines and not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text):
        return text
    kept = "".join(c for c in _UNPRINTABLE.sub("", text)
                   if unicodedata.category(c) != "Cc" or (keep_lines and c in "\n\t"))
    return kept


@dataclass(frozen=True)
class Motion:
    """A draft council motion. ``body`` is Markdown from the campaign's motion template, with its
    "This council notes/believes/resolves" headings and numbered points."""

    title: str
    body: str
    council: str
    meeting: str  # "Full Council", "Cabinet", ...
    meeting_date: dt.date | None = None
    proposer: str = ""  # "Cllr Sam Patel (Little London and Woodhouse)": document author
    seconder: str = ""

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, str) and item.name != "body":
                object.__setattr__(self, item.name, _printable(value, keep_lines=False).strip())
            elif isinstance(value, str):
                object.__setattr__(self, item.name, _printable(value, keep_lines=True))
        _require(self, "title", "body", "council", "meeting")

    @property
    def heading_line(self) -> str:
        """'Full Council, 21 January 2027' (the date only when known)."""
        if self.meeting_date:
            return f"{self.meeting}, {format_date(self.meeting_date)}"
        return self.meeting

    @property
    def running_header(self) -> str:
        """The line at the top of every page of the PDF and Word files."""
        return f"{self.council}: {self.heading_line}"

    @property
    def signatures(self) -> tuple[tuple[str, str], ...]:
        """(role, who) for the signature and date lines: the seconder's name is left to fill in by hand
        when nobody has seconded yet."""
        return (("Proposed by", self.proposer), ("Seconded by", self.seconder))


# The box democratic services fill in when the signed motion reaches them (PDF and Word alike).
RECEIVED_TITLE = "Received by democratic services"
RECEIVED_FIELDS: tuple[str, ...] = ("Received by", "Date and time received", "Reference")
