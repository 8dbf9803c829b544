"""Forms for making a campaign on the staff pages and editing its campaign.toml fields."""

from __future__ import annotations

import re

from wtforms import (BooleanField, FieldList, Form, FormField, HiddenField, RadioField, SelectChoice,
                     StringField, TextAreaField)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ...campaigns.loader import COUNTRIES
from ..councillor_forms import CheckboxesField
from ..forms import OneLine, PlainText
from ..forms import CheckedForm, DateInput
from .forms import _version_number

TARGET_LABELS = {"mp": "Letters to MPs", "council": "Letters to councils and council motions"}
_ASK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MEASURE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _title_field(label: str = "Title") -> StringField:
    return StringField(label, validators=[
        InputRequired("Enter the campaign's title, like Winter appeal: keep children warm"),
        Length(max=200, message="The title must be 200 characters or fewer"), OneLine("The title")])


class NewCampaignForm(CheckedForm):
    start = RadioField("Start from", validators=[InputRequired("Choose a campaign to copy, or a blank campaign")])
    title = _title_field()
    slug = StringField("Web address", filters=[lambda v: v.strip().lower() if v else v], validators=[
        InputRequired("Enter the web address, like winter-appeal"),
        Length(max=80, message="The web address must be 80 characters or fewer")])


class AskForm(Form):
    """One ask. No CSRF of its own: it is part of the settings form, which has one."""

    was = HiddenField()
    id = StringField("Short name", filters=[lambda v: v.strip() if v else v], validators=[
        InputRequired("Enter a short name for the ask, like fund-early-help"),
        Length(max=60, message="The short name must be 60 characters or fewer")])
    title = StringField("Title", validators=[
        InputRequired("Enter the ask's title, as residents see it on the letter form"),
        Length(max=200, message="The ask's title must be 200 characters or fewer"), OneLine("The ask's title")])
    text = TextAreaField("Wording in letters", validators=[
        InputRequired("Enter the ask's wording for letters"),
        Length(max=2000, message="The wording must be 2,000 characters or fewer"), PlainText("The wording")])
    motion_text = TextAreaField("Wording in council motions", validators=[
        Optional(), Length(max=2000, message="The motion wording must be 2,000 characters or fewer"),
        PlainText("The motion wording")])
    remove = BooleanField("Remove this ask")

    def validate(self, extra_validators=None) -> bool:
        if self.remove.data:  # an ask being removed need not be filled in
            return True
        return super().validate(extra_validators)

    def validate_id(self, field) -> None:
        if field.data and not _ASK_ID.match(field.data):
            raise ValidationError("The short name may use only lower-case letters, digits and hyphens, "
                                  "like fund-early-help")


class CampaignSettingsForm(CheckedForm):
    title = _title_field()
    summary = TextAreaField("Summary", validators=[
        InputRequired("Enter a summary: one or two sentences for lists and share cards"),
        Length(max=500, message="The summary must be 500 characters or fewer"), PlainText("The summary")])
    description = TextAreaField("Description", validators=[
        Optional(), Length(max=10_000, message="The description must be 10,000 characters or fewer"),
        PlainText("The description")])
    hashtag = StringField("Hashtag", filters=[lambda v: v.strip().lstrip("#") if v else v], validators=[
        InputRequired("Enter the hashtag without the #, like keepwarm"),
        Length(max=60, message="The hashtag must be 60 characters or fewer")])
    countries = CheckboxesField("Nations where the local figures apply",
                                choices=[SelectChoice(c, c) for c in COUNTRIES])
    devolved_letters = BooleanField("Residents in the other nations may still write (with England's figures)")
    devolved_note = TextAreaField("What residents in the other nations are told", validators=[
        Optional(), Length(max=1000, message="This note must be 1,000 characters or fewer"), PlainText("The note")])
    targets = CheckboxesField("Who residents write to", choices=[SelectChoice(value, label) for value, label in TARGET_LABELS.items()])
    opens = DateInput("Opens on", what="The opening date", missing="Enter the day the campaign opens, like 31 1 2027")
    closes = DateInput("Closes on", what="The closing date")
    measures = StringField("Local figures used", validators=[
        Optional(), Length(max=300, message="The list of figures must be 300 characters or fewer")])
    asks = FieldList(FormField(AskForm), min_entries=1, max_entries=20)
    based_on = HiddenField(validators=[_version_number])

    def validate_hashtag(self, field) -> None:
        if field.data and not re.fullmatch(r"\w+", field.data):
            raise ValidationError("A hashtag is one word: letters, digits and underscores only, like keepwarm")

    def validate_countries(self, field) -> None:
        if not field.data:
            raise ValidationError("Tick at least one nation where the campaign's figures apply")

    def validate_targets(self, field) -> None:
        if not field.data:
            raise ValidationError("Tick who residents write to: MPs, councils or both")

    def validate_closes(self, field) -> None:
        if self.opens.date and field.date and field.date < self.opens.date:
            raise ValidationError("The closing date must be on or after the opening date")

    def validate_measures(self, field) -> None:
        bad = [m for m in measure_names(field.data) if not _MEASURE.match(m)]
        if bad:
            raise ValidationError(f"{', '.join(bad)} is not a figure's short name: use names like section47, "
                                  "separated by commas")

    def validate_asks(self, field) -> None:
        kept = [entry for entry in field.entries if not entry.form.remove.data]
        if not kept:
            raise ValidationError("Keep at least one ask: residents choose from them")
        ids = [entry.form.id.data for entry in kept]
        if len(ids) != len(set(ids)):
            raise ValidationError("Two asks have the same short name: give each its own")


def measure_names(text: str | None) -> list[str]:
    return [name.strip() for name in (text or "").replace("\n", ",").split(",") if name.strip()]
