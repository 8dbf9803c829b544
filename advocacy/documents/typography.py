"""Print typography as small pure functions: curly quotes, non-breaking spaces, dates.

Applied to what is printed (PDF, on-page preview, Word), never to the plain text that goes into emails,
where straight quotes and ordinary spaces are what every mail client handles best.
"""

from __future__ import annotations

import datetime as dt
import re

NBSP = "\u00a0"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

# A quote is "opening" when nothing, a space or an opening bracket/dash comes before it.
_OPENS_AFTER = set(" \t\n\u00a0([{\u2014\u2013-/\u201c\u2018")

_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ([0-9][A-Z]{2})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")\b")
_TITLE_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame|Lord|Lady|Rt Hon|No\.) (?=\w)")
_BEFORE_MP = re.compile(r"(?<=\w) (MP)\b")
_SECTION = re.compile(r"\b(section|Section|page|Page) (\d)")


def format_date(date: dt.date) -> str:
    """'23 November 2026': day without a leading zero, month in full, as in a British letter.

    Month names come from a table, not strftime, so the result never depends on the server's locale.
    """
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def smart_quotes(text: str, before: str = "") -> str:
    """Turn straight quotes into curly ones. ``before`` is the character preceding ``text``, for text
    that continues earlier text (e.g. after a bold run), so "**Leeds**'s" still gets an apostrophe."""
    if "'" not in text and '"' not in text:  # most runs of a letter: nothing to turn
        return text
    out: list[str] = []
    previous = before
    for char in text:
        if char == "'":
            char = "\u2018" if (previous == "" or previous in _OPENS_AFTER) else "\u2019"
        elif char == '"':
            char = "\u201c" if (previous == "" or previous in _OPENS_AFTER) else "\u201d"
        out.append(char)
        previous = char
    return "".join(out)


def non_breaking_spaces(text: str) -> str:
    """Keep together what should never be split across lines: postcodes, '23 November', 'Cllr Patel',
    'Jane Smith MP', 'section 47'."""
    text = _POSTCODE.sub(rf"\1{NBSP}\2", text)
    text = _DAY_MONTH.sub(rf"\1{NBSP}\2", text)
    text = _TITLE_NAME.sub(lambda m: m.group(1).replace(" ", NBSP) + NBSP, text)
    text = _BEFORE_MP.sub(rf"{NBSP}\1", text)
    return _SECTION.sub(rf"\1{NBSP}\2", text)


def typeset(text: str, before: str = "") -> str:
    """All print typography for one run of text."""
    return non_breaking_spaces(smart_quotes(text, before))
