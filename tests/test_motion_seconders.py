"""The seconder reads the whole motion before agreeing, gets their link by email when the proposer gives an
address and the site sends email, and can type only printable text: a control character in their name or
ward is a form error, and every download keeps working."""

from __future__ import annotations

import io
import re

import docx
import pytest
from pypdf import PdfReader

from advocacy.db import db
from advocacy.motions.models import MotionProposer
from advocacy.sending import run_pass
from tests.test_motions import FIND, LEEDS, READY, answers, create, page_text

CAMPAIGN = "/c/bright-futures"
INVITE = f"{CAMPAIGN}/councillors/motion/seconder"
DOWNLOAD = f"{CAMPAIGN}/councillors/motion/download"


@pytest.fixture
def proposer(registered_councils_app):
    client = registered_councils_app.test_client()
    create(client, seconder_name=None, seconder_ward=None)
    return client


def seconder_link(client, **data) -> str:
    page = client.post(INVITE, data=data)
    assert page.status_code == 302
    found = re.search(r'id="seconder-link">([^<]+)<', client.get(READY).get_data(as_text=True)).group(1)
    return "/" + found.split("/", 3)[3]


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_the_seconder_page_shows_the_whole_motion_as_the_pdf_reads(registered_councils_app, proposer):
    pdf = pdf_text(proposer.get(f"{DOWNLOAD}/pdf").data).replace("\u00a0", " ")
    link = seconder_link(proposer)
    page = page_text(registered_councils_app.test_client().get(link)).replace("\u00a0", " ")
    assert "The motion you are asked to second" in page
    for heading in ("This council notes", "This council believes", "This council resolves"):
        assert heading in page
    asks = re.findall(r"To (?:support|ask|share)[^.]*", pdf)
    assert len(asks) >= 3  # every resolution, the way the PDF words it
    for resolution in asks:
        assert " ".join(resolution.split()[:12]) in page
    assert "to fully fund children" in page and "to replace short, competitive funding pots" in page  # the asks


@pytest.mark.parametrize("field", ["name", "ward"])
@pytest.mark.parametrize("character", ["\x0b", "\x00", "\x1b", "\u2028", "\n", "\x7f"])
def test_a_control_character_in_a_seconder_field_is_a_form_error(registered_councils_app, proposer, field,
                                                                 character):
    link = seconder_link(proposer)
    values = {"name": "Cllr Jo Green", "ward": "Headingley", "agree": "y"}
    values[field] = values[field][:5] + character + values[field][5:]
    page = registered_councils_app.test_client().post(link, data=values)
    assert page.status_code == 400
    text = page_text(page)
    assert "There is a problem" in text
    assert ("on one line" in text) or ("cannot be printed" in text)
    with registered_councils_app.app_context():
        assert db.session.scalar(db.select(MotionProposer.seconder_name)) is None
    for channel in ("docx", "pdf", "text"):  # every download still works
        assert proposer.get(f"{DOWNLOAD}/{channel}").status_code == 200


def test_every_download_works_with_a_seconder_whose_name_has_unusual_but_printable_text(registered_councils_app,
                                                                                        proposer):
    link = seconder_link(proposer)
    name, ward = "Cllr Siân O'Brien-Ng & <b>Co</b> 🌱", "Kirkstall \u2013 “West”"
    assert registered_councils_app.test_client().post(
        link, data={"name": name, "ward": ward, "agree": "y"}).status_code == 302
    word = docx.Document(io.BytesIO(proposer.get(f"{DOWNLOAD}/docx").data))
    assert any("O\u2019Brien-Ng & <b>Co</b> 🌱 (Kirkstall" in p.text for p in word.paragraphs)
    # (pypdf reads a PDF whose font lacks a glyph, here the emoji, as UTF-16: drop the NULs it leaves)
    pdf = pdf_text(proposer.get(f"{DOWNLOAD}/pdf").data).replace("\x00", "").replace("\u2019", "'")
    assert "Seconded by: Cllr Si" in pdf and "Brien-Ng & <b>Co</b>" in pdf
    assert name in proposer.get(f"{DOWNLOAD}/text").get_data(as_text=True)


def test_a_bad_value_stored_before_validation_does_not_break_the_downloads(registered_councils_app, proposer):
    link = seconder_link(proposer)
    registered_councils_app.test_client().post(link, data={"name": "Cllr Jo Green", "ward": "Headingley",
                                                           "agree": "y"})
    with registered_councils_app.app_context():  # as an older version of the site could have saved it
        row = db.session.scalar(db.select(MotionProposer))
        row.seconder_name, row.seconder_ward = "Cllr Jo\x0b Green\x7f", "Head\x1bingley"  # (no NUL: PostgreSQL refuses it)
        db.session.commit()
    for channel in ("docx", "pdf", "text"):
        response = proposer.get(f"{DOWNLOAD}/{channel}")
        assert response.status_code == 200
    word = docx.Document(io.BytesIO(proposer.get(f"{DOWNLOAD}/docx").data))
    assert any("Seconded by: Cllr Jo Green (Headingley)" in p.text.replace("\u00a0", " ") for p in word.paragraphs)


# --- the seconder's link by email ---

@pytest.fixture
def emailing_proposer(sending_app):
    from tests.fixture_figures import load_fixture_figures, load_fixture_registers

    with sending_app.app_context():
        load_fixture_figures()
        load_fixture_registers()
    client = sending_app.test_client()
    assert client.post(f"{FIND}/{LEEDS}/motion", data=answers(seconder_name=None, seconder_ward=None)).status_code == 302
    client.post(f"{CAMPAIGN}/councillors/motion/check")
    return client


def test_the_seconders_link_is_emailed_when_the_proposer_gives_an_address(sending_app, emailing_proposer,
                                                                          smtp_server):
    assert "Your seconder's email address" in page_text(emailing_proposer.get(READY))
    response = emailing_proposer.post(INVITE, data={"email": "jo.green@example.gov.uk"}, follow_redirects=True)
    assert "We are emailing the link to jo.green@example.gov.uk" in page_text(response)
    link = re.search(r'id="seconder-link">([^<]+)<', response.get_data(as_text=True)).group(1)
    with sending_app.app_context():
        run_pass()
    [email] = smtp_server.to("jo.green@example.gov.uk")
    assert email["Subject"] == "Please second a motion at Leeds City Council"
    body = email.get_content()
    assert link in body and "Cllr Sam Patel" in body.replace("\u00a0", " ")
    seconder = sending_app.test_client()
    assert "The motion you are asked to second" in page_text(seconder.get("/" + link.split("/", 3)[3]))


def test_a_wrong_seconder_address_says_how_to_fix_it_and_makes_no_link(sending_app, emailing_proposer, smtp_server):
    response = emailing_proposer.post(INVITE, data={"email": "jo.green at example"})
    assert response.status_code == 400
    text = page_text(response)
    assert "Enter the email address in the correct format" in text
    assert 'value="jo.green at example"' in response.get_data(as_text=True)  # nothing typed is lost
    assert 'id="seconder-link"' not in response.get_data(as_text=True)


def test_without_email_the_invite_asks_for_no_address(registered_councils_app, proposer):
    assert "Your seconder's email address" not in page_text(proposer.get(READY))
    assert proposer.post(INVITE, data={}).status_code == 302
