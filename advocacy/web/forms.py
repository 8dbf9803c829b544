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


def control_character_problems(form: FlaskForm) -> dict:
    """Fields of ``form`` whose typed text holds a NUL or another control character, with the message for
    each (line breaks and tabs are fine in a text area; a OneLine field says so about line breaks itself).
    Such text is refused here, for every form, before any of it reaches the database: PostgreSQL refuses
    NUL where SQLite stores it."""
    problems = {}
    for field in form:
        if field.type in ("CSRFTokenField", "FileField", "MultipleFileField") or not isinstance(field.data, str):
            continue
        if field.type == "TextAreaField":
            allowed = "\r\n\t"
        elif any(isinstance(validator, OneLine) for validator in field.validators):
            allowed = "".join(_LINE_BREAKS)
        else:
            allowed = "\r\n"
        char = _bad_character(field.data, allowed=allowed)
        if char is not None:
            problems[field] = (f"{field.label.text} contains a character that cannot be printed "
                               f"(U+{ord(char):04X}): delete it and type the text again")
    return problems


def refuse_control_characters_in_urls():  # noqa: ANN201 - a before_request hook
    """Every URL id (a draft, a status page, a token) goes through the same check as form fields, before
    any view asks the database: an id holding a control character names nothing, so it is a 404."""
    from flask import abort, request

    for value in (request.view_args or {}).values():
        if isinstance(value, str) and _bad_character(value) is not None:
            abort(404)


def printable(text: str) -> str:
    """A query value read without a form (a search box sent as a GET) without its control characters."""
    return "".join(char for char in text if _bad_character(char) is None)


class CheckedForm(FlaskForm):
    """The base of every form in the app: what the field validators see never holds a control character."""

    def validate(self, extra_validators=None) -> bool:  # noqa: ANN001 - WTForms' signature
        problems = control_character_problems(self)
        typed = {field: field.data for field in problems}
        for field in problems:  # validators (some ask the database) see the text without them...
            field.data = "".join(c for c in typed[field] if c in "\r\n\t" or _bad_character(c) is None)
        valid = super().validate(extra_validators)
        for field, message in problems.items():  # ...and the page shows what was typed, with the reason
            field.data = typed[field]
            field.errors = [*field.errors, message]
        return valid and not problems


class PostcodeForm(CheckedForm):
    # Validation of the postcode itself (format, not found, terminated...) is the lookup's job,
    # which has the specific messages; the form only caps the length.
    postcode = StringField("Postcode", validators=[
        InputRequired("Enter your postcode, like LS1 1UR"),
        Length(max=20, message="A postcode is at most 8 characters, like LS1 1UR"),
    ])
