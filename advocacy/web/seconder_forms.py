from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, InputRequired, Length


class SeconderForm(FlaskForm):
    name = StringField("Your name", validators=[
        InputRequired("Enter your name, as it should appear on the motion, like Cllr Jo Green"),
        Length(max=200, message="Your name must be 200 characters or fewer")])
    ward = StringField("Your ward", validators=[
        InputRequired("Enter the ward you represent, like Headingley and Hyde Park"),
        Length(max=200, message="The ward must be 200 characters or fewer")])
    agree = BooleanField("I agree to second this motion", validators=[
        DataRequired("Tick the box to confirm you agree to second this motion")])


class InviteForm(FlaskForm):
    """The proposer's button that creates the seconder's link (a POST with a CSRF token)."""
