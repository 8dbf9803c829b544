"""Forms for spreading the word. Every message says what is wrong and how to put it right."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, ValidationError

MAX_STORY = 5000
_LINE_BREAK_OR_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _one_line(form, field) -> None:
    """Titles and names go into email subjects and headings: one line, no control characters."""
    if field.data and _LINE_BREAK_OR_CONTROL.search(field.data):
        raise ValidationError(f"{field.label.text} must be on one line")


class CaseStudyForm(FlaskForm):
    title = StringField("Title", validators=[
        InputRequired("Enter a title for your case study, like “Cabinet backed fully funded early help”"),
        Length(max=200, message="The title must be 200 characters or fewer"), _one_line])
    council = StringField("Council", validators=[
        InputRequired("Enter the name of your council, like Leeds City Council"),
        Length(max=200, message="The council's name must be 200 characters or fewer"), _one_line])
    what_they_did = TextAreaField("What your council did", validators=[
        InputRequired("Describe what your council did"),
        Length(max=MAX_STORY, message=f"Describe what your council did in {MAX_STORY:,} characters or fewer")])
    outcome = TextAreaField("What happened as a result", validators=[
        InputRequired("Describe what happened as a result, even if it is too early to tell"),
        Length(max=MAX_STORY, message=f"Describe the outcome in {MAX_STORY:,} characters or fewer")])
    email = EmailField("Your work email address", validators=[
        InputRequired("Enter your email address, so we can check details with you"),
        Length(max=320, message="The email address must be 320 characters or fewer"),
        Email("Enter an email address in the right format, like name@council.gov.uk",
              check_deliverability=False)])
    consent = BooleanField("The campaign may publish this case study on its website")
    # Honeypot: hidden from people (and from screen readers); a form that fills it in is a bot's.
    website = StringField("Leave this empty")


class SummaryCouncilForm(FlaskForm):
    """The council picker of the printable summary (a GET form: no CSRF token needed or sent)."""

    council = SelectField("Council", validate_choice=False, validators=[
        InputRequired("Choose your council from the list")])
