"""Forms for the councillor journey: the motion's details, and the report back. Every message says
what is wrong and how to put it right; what was typed is kept on error (WTForms re-renders it)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from wtforms import EmailField, RadioField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..motions.models import OUTCOMES
from ..motions.service import MEETINGS
from .forms import CheckedForm, DateInput, OneLine

MAX_MEETING_YEARS_AHEAD = 2
_UK_DATE = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$")


def parse_date(text: str) -> dt.date | None:
    """2027-01-21 (what <input type=date> sends) or 21/01/2027 (what people type where it is a text box)."""
    text = (text or "").strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _UK_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def today() -> dt.date:
    return dt.date.today()


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(labels: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


class MotionForm(CheckedForm):
    proposer_name = StringField("Proposer's name", validators=[
        InputRequired("Enter the proposer's name, as it should appear on the motion, like Cllr Sam Patel"),
        Length(max=200, message="The proposer's name must be 200 characters or fewer"),
        OneLine("The proposer's name")])
    proposer_ward = StringField("Proposer's ward", validators=[
        InputRequired("Enter the ward the proposer represents, like Little London and Woodhouse"),
        Length(max=200, message="The ward must be 200 characters or fewer"), OneLine("The ward")])
    party = StringField("Proposer's party", validators=[
        Optional(), Length(max=120, message="The party must be 120 characters or fewer"), OneLine("The party")])
    seconder_name = StringField("Seconder's name", validators=[
        Optional(), Length(max=200, message="The seconder's name must be 200 characters or fewer"),
        OneLine("The seconder's name")])
    seconder_ward = StringField("Seconder's ward", validators=[
        Optional(), Length(max=200, message="The seconder's ward must be 200 characters or fewer"),
        OneLine("The seconder's ward")])
    meeting = RadioField("Which meeting will consider the motion?", choices=_choices(MEETINGS), validators=[
        InputRequired("Choose the meeting: Full Council, Cabinet or a committee")])
    meeting_date = DateInput("Date of the meeting", what="The meeting date",
                             missing="Enter the date of the meeting, like 21 1 2027")
    asks = CheckboxesField("Which of the campaign's calls should the motion include?", validators=[
        InputRequired("Choose at least one of the campaign's calls to include in the motion")])
    email = EmailField("Email address for your report-back link", validators=[
        Optional(), Length(max=320, message="An email address must be 320 characters or fewer"),
        Email("Enter an email address in the correct format, like sam.patel@example.gov.uk",
              check_deliverability=False)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Checked here, not in validate_<field>: Optional() stops a field's own checks when it is empty.
        seconder, ward = (self.seconder_name.data or "").strip(), (self.seconder_ward.data or "").strip()
        if ward and not seconder:
            self.seconder_name.errors.append("Enter the seconder's name, or leave the seconder's ward empty too")
            valid = False
        if seconder and not ward:
            self.seconder_ward.errors.append("Enter the ward the seconder represents")
            valid = False
        date = self.meeting_date.date
        if date is not None:
            if date < today():
                self.meeting_date.errors.append("The meeting date must be today or in the future")
                valid = False
            elif (date - today()).days > MAX_MEETING_YEARS_AHEAD * 366:
                self.meeting_date.errors.append(
                    f"The meeting date must be within {MAX_MEETING_YEARS_AHEAD} years: check the year")
                valid = False
        return valid


def _real_minutes_link(form, field) -> None:
    text = (field.data or "").strip()
    if not text:
        return
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise ValidationError("Enter the link to the minutes as a web address starting with https:// or http://, "
                              "like https://democracy.leeds.gov.uk/minutes")


class ReportForm(CheckedForm):
    tabled_on = DateInput("Date of the meeting the motion was tabled for", what="The date of the meeting",
                          missing="Enter the date of the meeting the motion was tabled for, like 21 1 2027")
    outcome = RadioField("What happened to the motion?", choices=_choices(OUTCOMES), validators=[
        InputRequired("Choose what happened to the motion, or 'Tabled, not debated yet'")])
    minutes_url = StringField("Link to the minutes", validators=[
        Optional(), Length(max=500, message="The link must be 500 characters or fewer"), _real_minutes_link])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        date = self.tabled_on.date
        # A motion tabled for a coming meeting is reported "not debated yet" with the meeting's date; any
        # other outcome happened at a meeting already held.
        if date is not None and date > today() and self.outcome.data != "pending":
            self.tabled_on.errors.append(f"The meeting is in the future, so nothing has happened to the motion yet: "
                                         f"choose '{OUTCOMES['pending']}', or check the date")
            valid = False
        elif date is not None and (date - today()).days > MAX_MEETING_YEARS_AHEAD * 366:
            self.tabled_on.errors.append(
                f"The meeting date must be within {MAX_MEETING_YEARS_AHEAD} years: check the year")
            valid = False
        if date is not None and date.year < 2000:
            self.tabled_on.errors.append("Check the year of the date it was tabled")
            valid = False
        return valid
