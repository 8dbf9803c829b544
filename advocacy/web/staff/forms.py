"""Staff forms. Every message says what is wrong and how to put it right."""

from __future__ import annotations

import datetime as dt

from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (BooleanField, HiddenField, PasswordField, RadioField, SelectChoice, SelectField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from ...campaigns.templating import MAX_TEMPLATE_CHARS
from ...config import UPLOAD_MAX_BYTES
from ...staff.template_examples import DEFAULT, EXAMPLES
from ..forms import CheckedForm, DateInput


class SignInForm(CheckedForm):
    email = StringField("Email address", validators=[
        InputRequired("Enter your email address"), Length(max=320, message="That email address is too long")])
    password = PasswordField("Password", validators=[
        InputRequired("Enter your password"), Length(max=200, message="That password is too long")])


class SignOutForm(CheckedForm):
    """Signing out is a POST with a CSRF token, so another site cannot sign staff out."""


class PeriodForm(CheckedForm):
    """The dashboard's date filter: a GET form, so a filtered view can be bookmarked and shared."""

    class Meta:
        csrf = False  # a GET filter changes nothing

    start = DateInput("From", what="The start date", name="from")
    end = DateInput("To", what="The end date", name="to")

    def validate_end(self, field) -> None:
        if self.start.date and field.date and field.date < self.start.date:
            raise ValidationError("The end date must be the same as or after the start date")


def _version_number(form, field) -> None:
    """The hidden version a page was based on: only ever a number written by our own page."""
    if (field.data or "").strip() and not field.data.strip().isdigit():
        raise ValidationError("This page is out of date or was changed: reload it and try again")


class EditFileForm(CheckedForm):
    content = TextAreaField("Text", validators=[
        InputRequired("The file cannot be empty"),
        Length(max=MAX_TEMPLATE_CHARS, message=f"The file must be at most {MAX_TEMPLATE_CHARS:,} characters")])
    based_on = HiddenField(validators=[_version_number])
    example = SelectField("Example council", choices=[SelectChoice(e.key, e.label) for e in EXAMPLES], default=DEFAULT,
                          validate_choice=False)


class ConfirmForm(CheckedForm):
    """A button that changes something (retry an email, delete rules): a POST with a CSRF token only."""


DUPLICATE_RISK = "I understand the recipient may get this email twice"


class SendAgainForm(CheckedForm):
    """"Send again anyway" for a failed email that may have arrived: the button only works with the box
    ticked. Built with ``prefix=f"email-{id}"`` so each row's checkbox has its own id to link errors to."""

    understood = BooleanField(DUPLICATE_RISK, validators=[DataRequired(
        f"Tick “{DUPLICATE_RISK}” to send it again. Ask the recipient first whether it arrived: if it did, "
        "do not send it again")])


class RestoreForm(CheckedForm):
    based_on = HiddenField(validators=[_version_number])


class StatusForm(CheckedForm):
    status = RadioField("Is the campaign open?", choices=[
        SelectChoice("dates", "Follow the dates in campaign.toml"),
        SelectChoice("open", "Open now, whatever the dates say"),
        SelectChoice("closed", "Closed: residents cannot start a letter"),
    ], validators=[InputRequired("Choose whether the campaign is open")])




class LocalDataUploadForm(CheckedForm):
    """Upload an official CSV for the local figures importer (the same function as the CLI)."""

    file = FileField("CSV file", validators=[
        FileRequired("Choose the CSV file to upload"),
        FileAllowed(["csv"], "The file must be a CSV (.csv): download the CSV version, not the spreadsheet"),
    ])
    kind = RadioField("What is in the file", default="measure", choices=[
        SelectChoice("measure", "A measure from DfE Explore Education Statistics (e.g. section 47 enquiries)"),
        SelectChoice("population", "ONS child population estimates (for rates per 10,000 children)"),
        SelectChoice("lookup", "ONS district to county lookup (LTLA to UTLA)"),
    ], validators=[InputRequired("Choose what is in the file")])
    # No Optional(): it would stop validate_measure, which needs the column only for DfE measure files.
    measure = StringField("Measure column", validators=[
        Length(max=100, message="A column name is at most 100 characters")])
    name = StringField("Short name used in templates", validators=[
        Optional(), Length(max=40, message="A short name is at most 40 characters")])
    label = StringField("Label in letters", validators=[
        Optional(), Length(max=200, message="A label is at most 200 characters")])
    where = TextAreaField("Rows to use", validators=[
        Optional(), Length(max=1000, message="Row filters are at most 1,000 characters")])

    def validate_measure(self, field) -> None:
        if self.kind.data == "measure" and not (field.data or "").strip():
            raise ValidationError("Enter the measure column, e.g. Section47 or CPP_At31")

    def validate_file(self, field) -> None:
        if field.data is None:
            return
        field.data.stream.seek(0, 2)
        size = field.data.stream.tell()
        field.data.stream.seek(0)
        if size > UPLOAD_MAX_BYTES:
            raise ValidationError(f"The file is {size / 1e6:.1f} MB; the most is {UPLOAD_MAX_BYTES // 1_000_000} MB")
        if size == 0:
            raise ValidationError("The file is empty: download it again and upload the CSV")


class PersonForm(CheckedForm):
    """One person, by the email address they gave: for exporting or erasing their personal data."""

    email = StringField("Their email address", filters=[lambda value: value.strip() if value else value], validators=[
        InputRequired("Enter the email address the person gave, like jo@example.org"),
        Length(max=320, message="An email address is at most 320 characters"),
        Email("Enter an email address in the correct format, like jo@example.org", check_deliverability=False),
    ])
    confirm = HiddenField()  # "yes" on the erase confirmation page's button
