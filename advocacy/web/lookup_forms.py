"""Forms for the manual path, used when the postcode and MP services cannot answer."""

from wtforms import EmailField, RadioField, StringField
from wtforms.validators import Email, InputRequired, Length

from .forms import CheckedForm, OneLine


class ChooseConstituencyForm(CheckedForm):
    # Choices are the search results, filled in by the view.
    constituency = RadioField("Your constituency", coerce=int, validate_choice=True, validators=[
        InputRequired("Choose your constituency from the list, or search again"),
    ])


class TypedMPForm(CheckedForm):
    mp_name = StringField("Your MP's name", validators=[
        InputRequired("Enter your MP's name, like Jane Smith"),
        Length(max=200, message="Your MP's name must be 200 characters or fewer"),
        OneLine("Your MP's name"),
    ])
    mp_email = EmailField("Your MP's email address", validators=[
        InputRequired("Enter your MP's email address, like jane.smith.mp@parliament.uk"),
        Length(max=320, message="An email address must be 320 characters or fewer"),
        Email("Enter an email address in the correct format, like jane.smith.mp@parliament.uk",
              check_deliverability=False),
    ])
    constituency_name = StringField("Your constituency", validators=[
        Length(max=120, message="A constituency name must be 120 characters or fewer"),
        OneLine("The constituency name"),
    ])


NOT_LISTED = "not-listed"


class AddressForm(CheckedForm):
    """For a postcode split between councils: which address is yours? Choices are GOV.UK's addresses."""

    address = RadioField("Your address", validate_choice=True, validators=[
        InputRequired("Choose your address from the list, or choose 'My address is not listed'"),
    ])


class ReminderForm(CheckedForm):
    email = EmailField("Your email address", validators=[
        InputRequired("Enter your email address, like name@example.com"),
        Length(max=320, message="An email address must be 320 characters or fewer"),
        Email("Enter an email address in the correct format, like name@example.com", check_deliverability=False),
    ])
