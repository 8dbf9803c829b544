"""Admins export or erase one person's personal data by email address from the staff pages."""

import json
import logging
import re
from datetime import datetime, timezone
from html import unescape

import pytest

from advocacy.actions import Place, record_action
from advocacy.actions.models import Action
from advocacy.db import db
from advocacy.supporters import Supporter

from .conftest import StaffAccounts

PAGE = "/staff/privacy"


def page_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def add_supporter(app, name, email):
    with app.app_context():
        db.session.add(Supporter(campaign="bright-futures", name=name, address="1 Example Street, Leeds",
                                 postcode="LS1 1UR", email=email,
                                 created_at=datetime.now(timezone.utc).replace(tzinfo=None)))
        db.session.commit()
        record_action(campaign="bright-futures", kind="letter_mp", channel="pdf", place=Place(country="England"))


@pytest.fixture
def people(app):
    add_supporter(app, "Siân Jones", "Sian@Example.org")
    add_supporter(app, "Siân Jones", "sian@example.org")  # a second letter, same person
    add_supporter(app, "Someone Else", "else@example.org")


def counts(app):
    with app.app_context():
        return (db.session.scalar(db.select(db.func.count(Supporter.id))),
                db.session.scalar(db.select(db.func.count(Action.id))))


def test_an_admin_finds_what_is_held_about_a_person(client, staff, people):
    staff.sign_in("admin")
    assert "Personal data</a>" in page_of(client.get("/staff/"))
    page = page_of(client.post(PAGE, data={"email": "SIAN@example.org "}))
    assert "Records held about" in page
    assert re.search(r"Name, postal address, postcode and email of people who wrote a letter</td>"
                     r"<td class=\"num\">2</td>", page)
    assert "Download their data (JSON)" in page and "Erase their data" in page


def test_an_admin_downloads_one_persons_data_as_json(client, staff, people):
    staff.sign_in("admin")
    response = client.post(f"{PAGE}/export", data={"email": "sian@example.org"})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert [row["name"] for row in data["supporters"]] == ["Siân Jones", "Siân Jones"]
    assert {row["email"].lower() for row in data["supporters"]} == {"sian@example.org"}


def test_erasing_asks_first_then_deletes_only_that_person_and_keeps_every_count(app, client, staff, people):
    staff.sign_in("admin")
    ask = page_of(client.post(f"{PAGE}/erase", data={"email": "sian@example.org"}))
    assert "Erase the personal data of sian@example.org?" in ask
    assert "2 records: Name, postal address" in ask and "Yes, erase 2 records" in ask
    assert counts(app) == (3, 3)  # nothing erased before the confirmation
    done = client.post(f"{PAGE}/erase", data={"email": "sian@example.org", "confirm": "yes"},
                       follow_redirects=True)
    page = page_of(done)
    assert "Erased 2 records held about that email address. Counts of letters and motions are kept" in page
    assert counts(app) == (1, 3)
    assert "We hold no personal data with that email address" in page_of(
        client.post(PAGE, data={"email": "sian@example.org"}))


def test_an_address_with_nothing_held_says_so(client, staff, people):
    staff.sign_in("admin")
    page = page_of(client.post(PAGE, data={"email": "nobody@example.org"}))
    assert "We hold no personal data with that email address. Check the spelling" in page
    assert "Erase their data" not in page


@pytest.mark.parametrize("typed, message", [
    ("", "Enter the email address the person gave, like jo@example.org"),
    ("not an email", "Enter an email address in the correct format, like jo@example.org"),
    ("a" * 330 + "@example.org", "An email address is at most 320 characters"),
])
def test_a_wrong_address_says_how_to_fix_it_and_keeps_what_was_typed(client, staff, typed, message):
    staff.sign_in("admin")
    response = client.post(PAGE, data={"email": typed})
    page = page_of(response)
    assert response.status_code == 400
    assert "There is a problem" in page and message in page
    assert f'value="{typed}"' in page


def test_a_tampered_erase_form_erases_nothing(app, client, staff, people):
    staff.sign_in("admin")
    response = client.post(f"{PAGE}/erase", data={"email": "%", "confirm": "yes"})
    assert response.status_code == 400
    assert counts(app) == (3, 3)


@pytest.mark.parametrize("method, path", [("GET", PAGE), ("POST", PAGE), ("POST", f"{PAGE}/export"),
                                          ("POST", f"{PAGE}/erase")])
def test_only_admins_can_export_or_erase(app, client, staff, people, method, path):
    data = {"email": "sian@example.org", "confirm": "yes"}
    assert client.open(path, method=method, data=data).status_code == 302  # to sign-in
    staff.sign_in("viewer")
    response = client.open(path, method=method, data=data)
    assert response.status_code == 403
    assert "sian@example.org" not in response.get_data(as_text=True).lower()
    assert counts(app) == (3, 3)


def test_the_privacy_forms_need_a_csrf_token(csrf_app):
    from .test_staff_access import csrf_token

    add_supporter(csrf_app, "Siân Jones", "sian@example.org")
    client = csrf_app.test_client()
    StaffAccounts(csrf_app, client).create("admin")
    token = csrf_token(client.get("/staff/sign-in").get_data(as_text=True))
    client.post("/staff/sign-in", data={"email": "admin@example.org", "password": "correct horse battery staple",
                                        "csrf_token": token})
    refused = client.post(f"{PAGE}/erase", data={"email": "sian@example.org", "confirm": "yes"})
    assert refused.status_code == 400 and "Your session expired" in refused.get_data(as_text=True)
    assert counts(csrf_app) == (1, 1)
    token = csrf_token(client.get(PAGE).get_data(as_text=True))
    client.post(f"{PAGE}/erase", data={"email": "sian@example.org", "confirm": "yes", "csrf_token": token})
    assert counts(csrf_app) == (0, 1)


def test_exports_and_erasures_are_logged_without_the_address(client, staff, people, caplog):
    staff.sign_in("admin")
    with caplog.at_level(logging.DEBUG):
        client.post(f"{PAGE}/export", data={"email": "sian@example.org"})
        client.post(f"{PAGE}/erase", data={"email": "sian@example.org", "confirm": "yes"})
    assert "personal data export (one person) by staff member" in caplog.text
    assert "personal data erased (one person; records deleted: 2)" in caplog.text
    assert "sian" not in caplog.text.lower() and "Siân" not in caplog.text
