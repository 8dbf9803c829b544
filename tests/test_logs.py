"""Logs never contain a resident's name, address, postcode or email, whatever they do and whatever fails.

A whole journey runs with every logger at DEBUG (the app's, Werkzeug's, urllib3's, requests-cache's), and
the captured log text is searched for each piece of personal data typed on the way.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

import pytest

from advocacy.logs import redact

from .conftest import StaffAccounts

NAME, STREET, TOWN = "Siân Quillfeather", "17 Larkspur Mews", "Leeds"
EMAIL = "sian.quillfeather@example.org"
MP_NAME, MP_EMAIL = "Jane Marwood", "jane.marwood.mp@parliament.uk"
POSTCODE_FORMS = ["LS1 1UR", "LS11UR", "ls1 1ur", "ls11ur", "LS1+1UR", "LS1%201UR", "ls1+1ur",
                  "SE1 0AA", "SE10AA", "SE1%200AA"]


def assert_no_personal_data(text: str) -> None:
    lowered = text.lower()
    for secret in (NAME, "Quillfeather", STREET, "Larkspur", EMAIL, "sian.quillfeather", MP_EMAIL, "marwood"):
        assert secret.lower() not in lowered, f"{secret!r} reached the logs"
    for written in POSTCODE_FORMS:
        assert written.lower() not in lowered, f"the postcode {written!r} reached the logs"


@pytest.mark.parametrize("text, expected", [
    ("GET /postcodes/LS11UR HTTP/1.1", "GET /postcodes/[postcode removed] HTTP/1.1"),
    ("/api/lookup?postcode=ls1+1ur&x=1", "/api/lookup?postcode=[postcode removed]&x=1"),
    ("looked up LS1%201UR for jo@example.org", "looked up [postcode removed] for [email removed]"),
    ("council E08000035 and outward code LS1", "council E08000035 and outward code LS1"),  # not personal
])
def test_postcodes_and_emails_are_masked_but_codes_of_places_are_kept(text, expected):
    assert redact(text) == expected


def test_a_whole_journey_leaves_no_personal_data_in_any_log(lookup_app, fake_apis, caplog):
    app = lookup_app
    client = app.test_client()

    @app.get("/test-crash")
    def crash():  # an exception whose message quotes what was typed
        raise ValueError(f"could not use {EMAIL} at {STREET}, LS1 1UR")

    with caplog.at_level(logging.DEBUG):
        # The resident: postcode, the API, then the services fail and they type their MP by hand.
        client.post("/c/bright-futures", data={"postcode": "ls1 1ur"})
        client.get("/c/bright-futures/you")
        client.get("/api/lookup?postcode=LS1+1UR")
        # ...writes a letter and takes every output of it.
        from tests.fixture_figures import load_fixture_figures

        with app.app_context():
            load_fixture_figures()
        written = client.post("/c/bright-futures/letter/mp", data={
            "name": NAME, "address": f"{STREET}\n{TOWN}", "postcode": "LS1 1UR", "email": EMAIL, "asks": ["fund"],
            "personal": f"I am {NAME} of {STREET}.", "consent_updates": "y"})
        assert written.status_code == 302
        letter = written.headers["Location"]
        for output in ("", "/send", "/letter.pdf", "/letter.eml", "/letter.txt", "/email"):
            assert client.get(letter + output).status_code in (200, 302)
        assert client.post(letter + "/sent").status_code == 302
        fake_apis.set_mode("postcodes", "down")
        fake_apis.set_mode("members", "down")
        app.extensions["advocacy.lookup"].postcodes.forget_memo()
        client.get("/api/lookup?postcode=SE1%200AA&email=" + EMAIL)  # nothing cached: a warning is logged
        client.post("/c/bright-futures/you/choose", data={"action": "typed", "typed-mp_name": MP_NAME,
                                                          "typed-mp_email": MP_EMAIL})
        client.get(f"/c/nowhere?name={NAME}&address={STREET}&email={EMAIL}")
        client.get("/test-crash")
        # A councillor drafts a motion, creates it and downloads it.
        from tests.fixture_figures import load_fixture_figures
        from tests.fixture_figures import load_fixture_registers

        with app.app_context():
            load_fixture_figures()
            load_fixture_registers()
        motion = {"proposer_name": f"Cllr {NAME}", "proposer_ward": "Little London and Woodhouse",
                  "meeting": "full_council", "asks": ["fund"], "email": EMAIL}
        client.post("/c/bright-futures/councillors", data={"postcode": "LS1 1UR"})
        drafted = client.post("/c/bright-futures/councillors/E08000035/motion",
                              data={**motion, "meeting_date": (date.today() + timedelta(days=30)).isoformat()})
        assert drafted.status_code == 302
        assert client.post("/c/bright-futures/councillors/motion/check").status_code == 302
        for channel in ("pdf", "docx", "text"):
            assert client.get(f"/c/bright-futures/councillors/motion/download/{channel}").status_code == 200
        # Their data reaches the database, then staff sign in (once wrongly), export and erase it.
        from advocacy.db import db
        from advocacy.supporters import Supporter

        with app.app_context():
            db.session.add(Supporter(campaign="bright-futures", name=NAME, address=f"{STREET}\n{TOWN}",
                                     postcode="LS1 1UR", email=EMAIL, consent_updates=True))
            db.session.commit()
        staff = StaffAccounts(app, client)
        staff.sign_in("admin", password="wrong password, twelve+")
        staff.sign_in("admin")
        client.get("/staff/c/bright-futures/supporters.csv").get_data()
        client.post("/staff/privacy", data={"email": EMAIL})
        client.post("/staff/privacy/export", data={"email": EMAIL})
        client.post("/staff/privacy/erase", data={"email": EMAIL, "confirm": "yes"})

    assert "unhandled error on GET /test-crash" in caplog.text  # the journey really was logged...
    assert "[email removed]" in caplog.text and "[postcode removed]" in caplog.text  # ...and masked
    assert re.search(r"postcodes unavailable", caplog.text)
    assert_no_personal_data(caplog.text)
