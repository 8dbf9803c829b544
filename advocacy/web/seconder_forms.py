from __future__ import annotations

from wtforms import BooleanField, EmailField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from .forms import CheckedForm, OneLine


class SeconderForm(CheckedForm):
    name = StringField("Your name", validators=[
        InputRequired("Enter your name, as it should appear on the motion, like Cllr Jo Green"),
        Length(max=200, message="Your name must be 200 characters or fewer"), OneLine("Your name")])
    ward = StringField("Your ward", validators=[
        InputRequired("Enter the ward you represent, like Headingley and Hyde Park"),
        Length(max=200, message="The ward must be 200 characters or fewer"), OneLine("The ward")])
    agree = BooleanField("I agree to second this motion", validators=[
        DataRequired("Tick the box to confirm you agree to second this motion")])


class InviteForm(CheckedForm):
    """The proposer's button that creates the seconder's link (a POST with a CSRF token), with the
    seconder's email address to send it to (offered only when this site sends email)."""

    email = EmailField("Your seconder's email address", validators=[
        Optional(), Length(max=320, message="An email address must be 320 characters or fewer"),
        OneLine("The email address"),
        Email("Enter the email address in the correct format, like jo.green@example.gov.uk",
              check_deliverability=False)])
