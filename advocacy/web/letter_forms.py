"""The letter form: who is writing, from where, which asks, in their own words."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..letters import PERSONAL_MAX
from .forms import CheckedForm, OneLine, PlainText


class PersonalLength:
    def __call__(self, form, field) -> None:
        length = len((field.data or "").strip())
        if length > PERSONAL_MAX:
            raise ValidationError(f"Your own words must be {PERSONAL_MAX:,} characters or fewer. You have "
                                  f"{length:,}: shorten them by {length - PERSONAL_MAX:,}.")


class AskCheckboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LetterForm(CheckedForm):
    name = StringField("Your full name", validators=[
        InputRequired("Enter your full name, as you would sign a letter"),
        Length(max=200, message="Your name must be 200 characters or fewer"),
        OneLine("Your name", line_break="Write your name on one line"),
    ])
    address = TextAreaField("Your address", validators=[
        InputRequired("Enter your address: house number and street, and town. Your MP needs it to know "
                      "you live in their constituency"),
        Length(max=1000, message="Your address must be 1,000 characters or fewer"),
        PlainText("Your address"),
    ])
    postcode = StringField("Postcode", validators=[
        InputRequired("Enter the postcode of your address, like LS1 1UR"),
        Length(max=20, message="A postcode is at most 8 characters, like LS1 1UR"),
    ])
    email = EmailField("Your email address", validators=[
        Optional(),
        Length(max=320, message="An email address must be 320 characters or fewer"),
        OneLine("Your email address", line_break="Write your email address on one line"),
        Email("Enter an email address in the correct format, like name@example.org", check_deliverability=False),
    ])
    asks = AskCheckboxes("What to ask for", validators=[
        InputRequired("Choose at least one thing to ask for"),
    ])
    personal = TextAreaField("Why it matters to you", validators=[PersonalLength(), PlainText("Your own words")])
    consent_updates = BooleanField("Send me updates about this campaign by email")
    consent_follow_up = BooleanField("Ask me once, later, whether my MP replied")

    def validate_consent_updates(self, field) -> None:
        if field.data and not (self.email.data or "").strip():
            raise ValidationError("Enter your email address so we can send you updates, or untick the box")

    def validate_consent_follow_up(self, field) -> None:
        if field.data and not (self.email.data or "").strip():
            raise ValidationError("Enter your email address so we can ask whether your MP replied, or untick the box")
