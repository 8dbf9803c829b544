"""The printable one-page summary: the campaign's calls with a chosen council's own figures."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from advocacy.campaigns import get_campaign
from advocacy.localdata import figures_for

SUMMARY = "/c/bright-futures/summary"
A4 = (595.28, 841.89)  # points


@pytest.fixture
def sample_app(app):
    from tests.fixture_figures import load_fixture_figures

    with app.app_context():
        load_fixture_figures()
    return app


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def expected(app, code: str) -> dict:
    with app.app_context():
        measures = get_campaign("bright-futures").measures
        return figures_for(code, measures).as_template_dict()


def test_the_summary_is_one_a4_page_with_the_councils_own_figures_and_the_calls(sample_app):
    response = sample_app.test_client().get(f"{SUMMARY}?council=E08000035")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert 'filename="bright-futures-summary-leeds.pdf"' in response.headers["Content-Disposition"]

    reader, text = pdf_text(response.data)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (round(A4[0], 1), round(A4[1], 1))
    local = expected(sample_app, "E08000035")
    measures = [name for name in local if name not in ("area", "sources")]
    assert measures
    for name in measures:
        assert local[name]["latest_fmt"] in text, f"{name}: {local[name]['latest_fmt']} missing"
        assert local[name]["per_10k_fmt"] in text
    assert "Leeds in figures" in text
    with sample_app.app_context():
        for ask in get_campaign("bright-futures").asks:
            assert ask.title.replace("'", "’") in text  # typeset with curly apostrophes
    assert "Source: sample_section47.csv, imported " in text  # every figure says where it came from


def test_a_district_council_gets_its_countys_figures_and_is_told_so(sample_app):
    _, text = pdf_text(sample_app.test_client().get(f"{SUMMARY}?council=E07000111").data)
    assert "CAMPAIGN SUMMARY · SEVENOAKS" in text.upper()
    assert "Kent runs children’s services for Sevenoaks, so these are its figures." in text
    local = expected(sample_app, "E07000111")
    assert local["section47"]["latest_fmt"] in text


def test_the_page_offers_a_council_picker(sample_app):
    html = sample_app.test_client().get(SUMMARY).get_data(as_text=True)
    assert '<label class="label" for="council">Council</label>' in html
    assert '<option value="E08000035">Leeds</option>' in html
    assert "Sevenoaks (figures for Kent)" in html
    assert 'method="get"' in html


def test_no_council_chosen_says_to_choose_one(sample_app):
    html = sample_app.test_client().get(f"{SUMMARY}?council=").get_data(as_text=True)
    assert "There is a problem" in html and "Choose your council from the list" in html


def test_an_unknown_council_code_says_what_is_wrong(sample_app):
    response = sample_app.test_client().get(f"{SUMMARY}?council=E99999999")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html
    assert 'href="#council"' in html


def test_without_any_figures_the_page_says_the_summary_cannot_be_made_yet(client):
    html = client.get(SUMMARY).get_data(as_text=True)
    assert "The figures for councils are not loaded yet" in html
