"""Forms shared by several pages, and validators every public form uses for typed text."""

from __future__ import annotations

import unicodedata

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length, ValidationError

# Characters XML 1.0 cannot hold (Word files are XML; python-docx refuses them) besides the C0 controls.
_NOT_XML = {"\ufffe", "\uffff"}
_LINE_BREAKS = set("\r\n\u2028\u2029\x85\x0b\x0c")


def _bad_character(text: str, allowed: str = "") -> str | None:
    for char in text:
        if char in allowed:
            continue
        if char in _NOT_XML or unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            return char
    return None


class OneLine:
    """A one-line field (a name, a ward, an email): no line break or other control character. They would
    end up in email headers, Word's XML and PDFs, where they break the file or smuggle in a header."""

    def __init__(self, what: str, line_break: str | None = None) -> None:
        self.what = what  # "Your name", "The proposer's name"
        self.line_break = line_break or f"{what} must be on one line: remove the line break"

    def __call__(self, form, field) -> None:  # noqa: ANN001
        char = _bad_character(field.data or "")
        if char is None:
            return
        if char in _LINE_BREAKS:
            raise ValidationError(self.line_break)
        raise ValidationError(f"{self.what} contains a character that cannot be printed (U+{ord(char):04X}): "
                              "delete it and type the text again")


class PlainText:
    """A multi-line field (an address, a message): line breaks and tabs are fine, other control characters
    are refused because documents cannot print them."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __call__(self, form, field) -> None:  # noqa: ANN001
        char = _bad_character(field.data or "", allowed="\r\n\t")
        if char is not None:
            raise ValidationError(f"{self.what} contains a character that cannot be printed "
                                  f"(U+{ord(char):04X}): delete it and type the text again")


class PostcodeForm(FlaskForm):
    """The postcode box on public pages. A look-up changes nothing, so the form is a GET without a CSRF
    token (and the page needs no session cookie). A form that POSTs it passes ``meta={"csrf": True}``."""

    class Meta:
        csrf = False

    # Validation of the postcode itself (format, not found, terminated...) is the lookup's job,
    # which has the specific messages; the form only caps the length.
    postcode = StringField("Postcode", validators=[
        InputRequired("Enter your postcode, like LS1 1UR"),
        Length(max=20, message="A postcode is at most 8 characters, like LS1 1UR"),
    ])
