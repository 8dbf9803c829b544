"""Forms shared by several pages."""

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length


class PostcodeForm(FlaskForm):
    # Validation of the postcode itself (format, not found, terminated...) is the lookup's job,
    # which has the specific messages; the form only caps the length.
    postcode = StringField("Postcode", validators=[
        InputRequired("Enter your postcode, like LS1 1UR"),
        Length(max=20, message="A postcode is at most 8 characters, like LS1 1UR"),
    ])
