"""Staff forms for council rules. Every message says what is wrong and how to put it right."""

from __future__ import annotations

import datetime as dt
import re

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, IntegerField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ...councilrules.importer import ENGLISH_COUNCIL, MAX_NOTICE_DAYS, parse_date


class RulesForm(FlaskForm):
    council_code = StringField("Council code", validators=[InputRequired("Enter the council's code, e.g. E08000035")])
    council_name = StringField("Council name", validators=[
        InputRequired("Enter the council's name, e.g. Leeds City Council"),
        Length(max=120, message="A council name is at most 120 characters")])
    notice_days = IntegerField("Notice period (days)", validators=[
        InputRequired("Enter the notice period as a whole number of days, e.g. 10"),
        NumberRange(0, MAX_NOTICE_DAYS, f"The notice period must be from 0 to {MAX_NOTICE_DAYS} days")])
    notice_kind = RadioField("Kind of days", choices=[
        SelectChoice("working", "Working days (weekends and bank holidays do not count; the day notice arrives does)"),
        SelectChoice("clear", "Clear days (neither the day notice arrives nor the meeting day counts)"),
    ], validators=[InputRequired("Choose working days or clear days, as the council's constitution says")])
    seconder_required = BooleanField("A seconder must sign the motion")
    democratic_services_email = StringField("Democratic services email", validators=[
        Optional(), Length(max=320, message="An email address is at most 320 characters")])
    meetings = TextAreaField("Upcoming Full Council dates", validators=[
        Optional(), Length(max=2000, message="List at most 2,000 characters of dates")])
    last_checked = StringField("Rules last checked", validators=[Optional()])

    def validate_council_code(self, field) -> None:
        field.data = (field.data or "").strip().upper()
        if not ENGLISH_COUNCIL.fullmatch(field.data):
            raise ValidationError("Enter an English council's code: E06, E07, E08, E09 or E10 and six digits, "
                                  "e.g. E08000035")

    def validate_democratic_services_email(self, field) -> None:
        if (field.data or "").strip():
            try:
                field.data = validate_email(field.data.strip(), check_deliverability=False).normalized
            except EmailNotValidError:
                raise ValidationError("Enter an email address like democratic.services@leeds.gov.uk") from None

    def meeting_dates(self) -> list[dt.date]:
        dates = []
        for part in re.split(r"[;,\s]+", self.meetings.data or ""):
            if part:
                dates.append(parse_date(part))
        return sorted(set(dates))

    def validate_meetings(self, field) -> None:
        for part in re.split(r"[;,\s]+", field.data or ""):
            if not part:
                continue
            try:
                parse_date(part)
            except ValueError:
                raise ValidationError(f"{part[:30]!r} is not a date: write one date per line, like 2027-01-21 "
                                      "or 21/01/2027") from None

    def checked_date(self) -> dt.date | None:
        return parse_date(self.last_checked.data) if (self.last_checked.data or "").strip() else None

    def validate_last_checked(self, field) -> None:
        if not (field.data or "").strip():
            return
        try:
            checked = parse_date(field.data)
        except ValueError:
            raise ValidationError("Write the date the rules were last checked like 2026-11-23") from None
        if checked > dt.date.today():
            raise ValidationError("The date the rules were last checked cannot be in the future")


class RulesUploadForm(FlaskForm):
    file = FileField("CSV file", validators=[
        FileRequired("Choose the CSV file to upload"),
        FileAllowed(["csv"], "The file must be a CSV (.csv): save the spreadsheet as CSV first"),
    ])


class ProposerEmailForm(FlaskForm):
    """The proposer's address, for emailing the motion to democratic services (replies go there) or for the
    reminder before the notice deadline."""

    email = StringField("Your email address", validators=[
        InputRequired("Enter your email address, like sam.patel@example.gov.uk"),
        Length(max=320, message="An email address must be 320 characters or fewer")])

    def validate_email(self, field) -> None:
        try:
            field.data = validate_email((field.data or "").strip(), check_deliverability=False).normalized
        except EmailNotValidError:
            raise ValidationError("Enter an email address in the correct format, like sam.patel@example.gov.uk") from None
