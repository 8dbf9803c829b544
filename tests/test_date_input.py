"""The GOV.UK date input (advocacy.web.forms.DateInput): three boxes, day month year; every mistake says
which part is wrong and how to put it right; what was typed comes back in the boxes."""

from __future__ import annotations

import datetime as dt

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from advocacy.web.forms import DateInput


class MeetingForm(FlaskForm):
    class Meta:
        csrf = False

    when = DateInput("Date of the meeting", what="The meeting date", missing="Enter the date of the meeting")
    checked = DateInput("Last checked", what="The date last checked")


def submit(app, **boxes) -> MeetingForm:
    with app.test_request_context():
        form = MeetingForm(formdata=MultiDict(boxes))
        form.validate()
        return form


@pytest.mark.parametrize("boxes, message, marked", [
    ({}, "Enter the date of the meeting", ("day", "month", "year")),
    ({"when-day": "21", "when-month": "", "when-year": ""}, "The meeting date must include a month and year",
     ("month", "year")),
    ({"when-day": "", "when-month": "1", "when-year": "2027"}, "The meeting date must include a day", ("day",)),
    ({"when-day": "21", "when-month": "Jan", "when-year": "2027"},
     "The meeting date must be written in numbers, like 21 1 2027", ("month",)),
    ({"when-day": "21", "when-month": "1", "when-year": "27"},
     "The meeting date: the year must have 4 numbers, like 2027", ("year",)),
    ({"when-day": "31", "when-month": "2", "when-year": "2027"},
     "The meeting date must be a real date, like 21 1 2027", ("day",)),
    ({"when-day": "1", "when-month": "13", "when-year": "2027"},
     "The meeting date must be a real date, like 21 1 2027", ("month",)),
])
def test_each_mistake_says_what_to_fix_and_marks_the_box(app, boxes, message, marked):
    form = submit(app, **boxes)
    assert form.when.errors == [message]
    assert form.when.error_parts == marked
    assert form.when.date is None


def test_a_real_date_is_read_day_month_year_and_an_optional_empty_date_is_fine(app):
    form = submit(app, **{"when-day": "3", "when-month": "11", "when-year": "2026"})
    assert form.errors == {}
    assert form.when.date == dt.date(2026, 11, 3)  # never 11 March
    assert form.checked.date is None


def test_what_was_typed_comes_back_and_a_saved_date_reads_back_day_first(app):
    typed = submit(app, **{"when-day": "31", "when-month": "2", "when-year": "2027"})
    assert typed.when.parts() == {"day": "31", "month": "2", "year": "2027"}
    with app.test_request_context():
        saved = MeetingForm(formdata=None)
        saved.when.data = dt.date(2027, 1, 21)
        saved.checked.data = "2026-11-03"  # as views set it from a stored ISO date
        assert saved.when.parts() == {"day": "21", "month": "1", "year": "2027"}
        assert saved.checked.parts() == {"day": "3", "month": "11", "year": "2026"}


def test_an_old_single_value_link_still_works(app):
    assert submit(app, when="2027-01-21").when.date == dt.date(2027, 1, 21)
    assert submit(app, when="21/01/2027").when.date == dt.date(2027, 1, 21)
