"""Forms shared by several pages, and validators every public form uses for typed text."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from flask_wtf import FlaskForm
from wtforms import Field, StringField
from wtforms.utils import unset_value
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
    """The postcode box on public pages. A look-up changes nothing, so the form is a GET without a CSRF
    token (and the page needs no session cookie). A form that POSTs it uses ``PostedPostcodeForm``."""

    class Meta:
        csrf = False

    # Validation of the postcode itself (format, not found, terminated...) is the lookup's job,
    # which has the specific messages; the form only caps the length.
    postcode = StringField("Postcode", validators=[
        InputRequired("Enter your postcode, like LS1 1UR"),
        Length(max=20, message="A postcode is at most 8 characters, like LS1 1UR"),
    ])


def PostedPostcodeForm() -> PostcodeForm:  # noqa: N802 - reads like the form class it returns
    """The postcode form sent as a POST (it stores what it found in the session): CSRF-checked as the
    site's settings say, like every form that changes something."""
    from flask import current_app

    return PostcodeForm(meta={"csrf": current_app.config.get("WTF_CSRF_ENABLED", True)})


# --- dates: the GOV.UK date input (three boxes: day, month, year) ---

PARTS = ("day", "month", "year")
_ONE_STRING = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4}))\s*$")


def _parts_of(value) -> dict[str, str]:
    """Day, month and year as the boxes show them, from a date, an ISO or UK date string, or nothing."""
    if isinstance(value, dt.date):
        return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    match = _ONE_STRING.match(value or "") if isinstance(value, str) else None
    if match:
        iso_y, iso_m, iso_d, uk_d, uk_m, uk_y = match.groups()
        return {"day": (iso_d or uk_d).lstrip("0") or "0", "month": (iso_m or uk_m).lstrip("0") or "0",
                "year": iso_y or uk_y}
    return {part: "" for part in PARTS}


class DateInput(Field):
    """A date typed in three boxes, day, month and year (the GOV.UK date input; render it with the
    ``date_input`` macro in templates/macros/forms.html). The boxes are named ``<name>-day``,
    ``<name>-month`` and ``<name>-year``; an old single value (``<name>=2027-01-21`` or ``21/01/2027``, as
    in a bookmarked link) is read too. ``.date`` is the date once valid (None when optional and empty);
    what was typed is kept on error, and ``.error_parts`` says which boxes to highlight.

    ``what`` names the date in messages ("The meeting date"); ``missing`` is the message when a required
    date is empty (None: the date is optional)."""

    def __init__(self, label: str, *, what: str, missing: str | None = None, **kwargs) -> None:
        super().__init__(label, **kwargs)
        self.what = what
        self.missing = missing
        self.typed: dict[str, str] | None = None
        self.date: dt.date | None = None
        self.error_parts: tuple[str, ...] = ()
        if missing:
            self.flags.required = True

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:  # noqa: ANN001
        self.process_errors = []
        self.data = self.default if data is unset_value else data
        self.typed = None
        if formdata is not None:
            if any(f"{self.name}-{part}" in formdata for part in PARTS):
                self.typed = {part: (formdata.get(f"{self.name}-{part}") or "").strip()[:10] for part in PARTS}
            elif self.name in formdata:
                single = formdata.get(self.name) or ""
                self.typed = _parts_of(single) if single.strip() and _ONE_STRING.match(single) else (
                    {"day": single.strip()[:10], "month": "", "year": ""} if single.strip() else
                    {part: "" for part in PARTS})
            if self.typed is not None:
                self.data = self.typed

    def parts(self) -> dict[str, str]:
        """What each box shows: what was typed, else the saved date (in day, month, year order)."""
        return self.typed if self.typed is not None else _parts_of(self.data)

    def pre_validate(self, form) -> None:  # noqa: ANN001
        self.date, self.error_parts = None, ()
        parts = self.parts()
        empty = [part for part in PARTS if not parts[part]]
        if len(empty) == 3:
            if self.missing:
                self.error_parts = PARTS
                raise ValidationError(self.missing)
            return
        if empty:
            self.error_parts = tuple(empty)
            raise ValidationError(f"{self.what} must include a {' and '.join(empty)}")
        if not all(parts[part].isdigit() for part in PARTS):
            self.error_parts = tuple(part for part in PARTS if not parts[part].isdigit())
            raise ValidationError(f"{self.what} must be written in numbers, like 21 1 2027")
        if len(parts["year"]) != 4:
            self.error_parts = ("year",)
            raise ValidationError(f"{self.what}: the year must have 4 numbers, like 2027")
        try:
            self.date = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            self.error_parts = ("day",) if 1 <= int(parts["month"]) <= 12 else ("month",)
            raise ValidationError(f"{self.what} must be a real date, like 21 1 2027") from None
        self.data = self.date

    def _value(self) -> str:
        return self.date.isoformat() if self.date else ""
