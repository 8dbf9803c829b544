"""Staff forms. Every message says what is wrong and how to put it right."""

from __future__ import annotations

import datetime as dt

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..campaigns.templating import MAX_TEMPLATE_CHARS


class SignInForm(FlaskForm):
    email = StringField("Email address", validators=[
        InputRequired("Enter your email address"), Length(max=320, message="That email address is too long")])
    password = PasswordField("Password", validators=[
        InputRequired("Enter your password"), Length(max=200, message="That password is too long")])


class SignOutForm(FlaskForm):
    """Signing out is a POST with a CSRF token, so another site cannot sign staff out."""


class _DateField(StringField):
    """A date typed as 2026-03-01 (what <input type=date> sends). Keeps what was typed on error."""

    def __init__(self, label: str, which: str, **kwargs) -> None:
        super().__init__(label, validators=[Optional()], **kwargs)
        self.which = which
        self.date: dt.date | None = None

    def pre_validate(self, form) -> None:
        self.date = None
        text = (self.data or "").strip()
        if not text:
            return
        try:
            self.date = dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(f"The {self.which} date must be a real date written like 2026-03-01") from None


class PeriodForm(FlaskForm):
    """The dashboard's date filter: a GET form, so a filtered view can be bookmarked and shared."""

    class Meta:
        csrf = False  # a GET filter changes nothing

    start = _DateField("From", "start", name="from")
    end = _DateField("To", "end", name="to")

    def validate_end(self, field) -> None:
        if self.start.date and field.date and field.date < self.start.date:
            raise ValidationError("The end date must be the same as or after the start date")


class EditFileForm(FlaskForm):
    content = TextAreaField("Text", validators=[
        InputRequired("The file cannot be empty"),
        Length(max=MAX_TEMPLATE_CHARS, message=f"The file must be at most {MAX_TEMPLATE_CHARS:,} characters")])
    based_on = HiddenField()


class RestoreForm(FlaskForm):
    based_on = HiddenField()


class StatusForm(FlaskForm):
    status = RadioField("Is the campaign open?", choices=[
        SelectChoice("dates", "Follow the dates in campaign.toml"),
        SelectChoice("open", "Open now, whatever the dates say"),
        SelectChoice("closed", "Closed: residents cannot start a letter"),
    ], validators=[InputRequired("Choose whether the campaign is open")])
