"""Evidence packs: counts equal the action records, small numbers are hidden, and no personal data reaches
the PDF or the CSV."""

import csv
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from advocacy.actions import Place, record_action
from advocacy.actions.models import Action
from advocacy.campaigns import get_campaign
from advocacy.db import db
from advocacy.evidence import UnknownPlace, build_pack, pack_csv, pack_pdf
from advocacy.evidence.suppress import shown, shown_breakdown
from advocacy.supporters.models import Supporter

LEEDS = Place(constituency_code="E14001331", constituency_name="Leeds Central and Headingley",
              council_code="E08000035", council_name="Leeds", authority_code="E08000035", authority_name="Leeds",
              region="Yorkshire and The Humber", country="England")
YORK = Place(constituency_code="E14001603", constituency_name="York Central", council_code="E06000014",
             council_name="York", authority_code="E06000014", authority_name="York",
             region="Yorkshire and The Humber", country="England")
TODAY = dt.date(2026, 6, 15)


def add(place, day, kind="letter_mp", channel="pdf", asks=(), campaign="bright-futures", count=1):
    for _ in range(count):
        record_action(campaign=campaign, kind=kind, channel=channel, place=place, asks=asks)
        newest = db.session.scalar(select(Action).order_by(Action.id.desc()).limit(1))
        newest.created_at = dt.datetime.combine(day, dt.time(10))
    db.session.commit()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def leeds_letters(figures_app):
    """Leeds Central: 7 letters in March (5 asking to fund), 3 in April, 6 in May; York and another campaign
    and a motion that must not be counted; supporters with names that must never appear."""
    with figures_app.app_context():
        add(LEEDS, dt.date(2026, 3, 3), asks=("fund", "long-term"), count=5)
        add(LEEDS, dt.date(2026, 3, 20), channel="eml", asks=("families",), count=2)
        add(LEEDS, dt.date(2026, 4, 2), channel="sent", count=3)
        add(LEEDS, dt.date(2026, 5, 9), count=6)
        add(LEEDS, dt.date(2026, 5, 9), kind="letter_council", count=2)
        add(LEEDS, dt.date(2025, 12, 1), count=1)  # before the campaign opened: not in the pack
        add(YORK, dt.date(2026, 3, 3), count=9)
        add(LEEDS, dt.date(2026, 3, 3), campaign="another-campaign", count=4)
        db.session.add(Supporter(campaign="bright-futures", name="Siân O'Brien", email="sian@example.org",
                                 postcode="LS1 1UR", address="1 Example Street, Leeds"))
        db.session.commit()
        yield figures_app


def campaign():
    return get_campaign("bright-futures")


def test_pack_counts_equal_the_action_records(leeds_letters):
    with leeds_letters.app_context():
        pack = build_pack(campaign(), "constituency", "E14001331", today=TODAY)
        expected = db.session.scalar(select(func.count(Action.id)).where(
            Action.campaign == "bright-futures", Action.kind == "letter_mp",
            Action.constituency_code == "E14001331", Action.created_at >= dt.datetime(2026, 1, 1)))
    assert pack.letters == expected == 16
    assert pack.headline == ("Residents of Leeds Central and Headingley wrote 16 letters to you about "
                             "children's services since 1 January 2026.")


def test_letters_per_month_hide_small_months_and_one_more_so_they_cannot_be_subtracted(leeds_letters):
    with leeds_letters.app_context():
        pack = build_pack(campaign(), "constituency", "E14001331", today=TODAY)
    months = {row.label: row.shown for row in pack.months}
    # April's 3 is hidden; May (6, the smallest other month) reads "5 or more" so 16 - 7 - 6 cannot reveal it.
    assert months == {"January 2026": "0", "February 2026": "0", "March 2026": "7",
                      "April 2026": "fewer than 5", "May 2026": "5 or more", "June 2026": "0"}
    bars = {row.label: row.bar for row in pack.months}
    assert bars["April 2026"] == 0 and bars["May 2026"] == 0  # no bar for a number that is not shown
    assert bars["March 2026"] == 100


def test_asks_residents_chose_most_come_first_and_small_ones_are_hidden(leeds_letters):
    with leeds_letters.app_context():
        pack = build_pack(campaign(), "constituency", "E14001331", today=TODAY)
    assert [(row.label, row.shown) for row in pack.asks] == [
        ("Fully fund children's services", "5"), ("Long-term funding, not short-term pots", "5"),
        ("Keep funding support for families with complex needs", "fewer than 5")]
    assert "7 letters that record which asks" in pack.asks_note


def test_a_place_with_fewer_than_five_letters_never_shows_the_number(figures_app):
    with figures_app.app_context():
        add(YORK, dt.date(2026, 2, 2), count=3)
        pack = build_pack(campaign(), "constituency", "E14001603", today=TODAY)
        text = pdf_text(pack_pdf(pack))
    assert pack.headline.startswith("Residents of York Central wrote fewer than 5 letters to you")
    assert "fewer than 5" in text
    assert not any(" 3 " in line or line.endswith(" 3") for line in text.splitlines() if "letter" in line.lower())


def test_the_pdf_holds_counts_and_figures_but_no_personal_data(leeds_letters):
    with leeds_letters.app_context():
        pack = build_pack(campaign(), "constituency", "E14001331", today=TODAY)
        data = pack_pdf(pack)
    text = pdf_text(data)
    assert len(PdfReader(io.BytesIO(data)).pages) <= 2
    assert "Leeds Central and Headingley" in text and "16 letters" in text
    assert "3,100 (2024/25)" in text and "200,000" in text  # Leeds's figure next to England's
    for personal in ("Siân", "O'Brien", "sian@example.org", "LS1 1UR", "Example Street"):
        assert personal not in text


def test_a_council_pack_counts_letters_to_the_council_and_mentions_letters_to_mps(leeds_letters):
    with leeds_letters.app_context():
        pack = build_pack(campaign(), "council", "E08000035", today=TODAY)
    assert pack.letters == 2
    assert pack.headline.startswith("Residents of Leeds wrote fewer than 5 letters to the council")
    assert pack.other_letters == "Residents of Leeds also wrote 16 letters to their MPs."
    assert pack.figures_area == "Leeds"
    assert pack.region == "Yorkshire and The Humber"


def test_a_constituency_pack_uses_the_figures_of_the_council_its_letters_named(leeds_letters):
    with leeds_letters.app_context():
        pack = build_pack(campaign(), "constituency", "E14001331", today=TODAY)
    assert pack.figures_area == "Leeds"
    [section47] = [row for row in pack.figures if "47" in row.label]
    assert section47.england_latest == "200,000"


def test_the_csv_has_the_same_suppressed_numbers_as_the_pdf(leeds_letters):
    with leeds_letters.app_context():
        pack = build_pack(campaign(), "constituency", "E14001331", today=TODAY)
        rows = list(csv.DictReader(io.StringIO(pack_csv(pack))))
    months = {r["item"]: r["value"] for r in rows if r["section"] == "letters per month"}
    assert months["April 2026"] == "fewer than 5" and months["March 2026"] == "7"
    assert not any("sian" in value.lower() for r in rows for value in r.values())


def test_an_unknown_code_says_what_to_check(app):
    with app.app_context(), pytest.raises(UnknownPlace, match="no constituency with the code 'E14009999'"):
        build_pack(campaign(), "constituency", "E14009999", today=TODAY)


@pytest.mark.parametrize("count, text", [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"),
                                         (1234, "1,234")])
def test_counts_from_one_to_four_read_fewer_than_five(count, text):
    assert shown(count) == text


def test_two_hidden_cells_need_no_extra_hiding():
    assert shown_breakdown([2, 3, 9]) == ["fewer than 5", "fewer than 5", "9"]
    assert shown_breakdown([2, 9, 6]) == ["fewer than 5", "9", "5 or more"]


# --- the staff pages ---

def test_staff_list_shows_constituencies_with_most_letters_and_links_to_their_packs(leeds_letters, client, staff):
    staff.sign_in("viewer")
    html = client.get("/staff/c/bright-futures/evidence/").get_data(as_text=True)
    assert html.index("Leeds Central and Headingley") < html.index("York Central")
    assert "/staff/c/bright-futures/evidence/constituency/E14001331.pdf" in html
    assert "/staff/c/bright-futures/evidence/council/E08000035.csv" in html


def test_staff_download_the_pack_as_pdf_and_csv(leeds_letters, client, staff):
    staff.sign_in("viewer")
    pdf = client.get("/staff/c/bright-futures/evidence/constituency/E14001331.pdf")
    assert pdf.mimetype == "application/pdf"
    assert "16 letters" in pdf_text(pdf.data)
    got = client.get("/staff/c/bright-futures/evidence/council/E08000035.csv")
    assert got.mimetype == "text/csv" and "attachment" in got.headers["Content-Disposition"]
    assert "Residents of Leeds also wrote 16 letters to their MPs." in got.get_data(as_text=True)


def test_an_unknown_place_gets_a_page_saying_which_code(leeds_letters, client, staff):
    staff.sign_in("viewer")
    page = client.get("/staff/c/bright-futures/evidence/constituency/E14009999.pdf")
    assert page.status_code == 404
    assert "E14009999" in page.get_data(as_text=True)


def test_packs_need_a_staff_sign_in(leeds_letters, client):
    page = client.get("/staff/c/bright-futures/evidence/constituency/E14001331.pdf")
    assert page.status_code == 302 and "/staff/sign-in" in page.headers["Location"]


def test_a_county_pack_counts_letters_from_residents_of_its_districts(figures_app):
    sevenoaks = Place(constituency_code="E14001474", constituency_name="Sevenoaks", council_code="E07000111",
                      council_name="Sevenoaks", authority_code="E10000016", authority_name="Kent",
                      region="South East", country="England")
    with figures_app.app_context():
        add(sevenoaks, dt.date(2026, 4, 1), kind="letter_council", count=6)
        kent = build_pack(campaign(), "council", "E10000016", today=TODAY)
        district = build_pack(campaign(), "council", "E07000111", today=TODAY)
    assert kent.letters == 6 and district.letters == 6
    assert kent.name == "Kent" and kent.figures_area == "Kent"


def test_the_command_line_writes_a_pack(leeds_letters, tmp_path):
    out = tmp_path / "leeds.csv"
    result = leeds_letters.test_cli_runner().invoke(
        args=["evidence", "pack", "bright-futures", "constituency", "E14001331", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "letters per month" in out.read_text()


def test_a_full_pack_stays_within_two_pages(figures_app, monkeypatch):
    from advocacy.evidence import sources
    from advocacy.evidence.sources import PassedMotion

    passed = [PassedMotion(f"E0600{n:04d}", f"Borough Council number {n}", dt.date(2026, 5, n + 1),
                           "Yorkshire and The Humber") for n in range(15)]
    monkeypatch.setattr(sources, "passed_motions", lambda campaign: passed)
    with figures_app.app_context():
        asks = [ask.id for ask in campaign().asks]
        for month in range(1, 13):
            add(LEEDS, dt.date(2026, month, 3), asks=asks[: month % 7], count=month)
        pack = build_pack(campaign(), "constituency", "E14001331", today=dt.date(2027, 12, 31))
        data = pack_pdf(pack)
    assert len(pack.months) == 12 and pack.months[0].label == "January 2026 to January 2027"
    assert len(pack.nearby) == 10 and "of 15" in pack.nearby_note
    assert len(PdfReader(io.BytesIO(data)).pages) <= 2


def test_a_letter_downloaded_emailed_and_marked_sent_counts_once_with_its_asks(figures_app):
    from advocacy.letters.models import LetterDraft
    from advocacy.letters.service import mark_sent, record_output

    lookup = {"constituency": {"code": "E14001331", "name": "Leeds Central and Headingley"},
              "council": {"code": "E08000035", "name": "Leeds"}, "authority": {"code": "E08000035", "name": "Leeds"},
              "region": "Yorkshire and The Humber", "country": "England"}
    with figures_app.app_context():
        for number in range(6):
            draft = LetterDraft(campaign="bright-futures", kind="letter_mp", name=f"Zebedee Quartermaine{number}",
                                address="1 Example Street\nLeeds", postcode="LS1 1UR", asks=["fund", "minister"],
                                lookup=lookup, subject="Children's services")
            db.session.add(draft)
            db.session.commit()
            for channel in ("pdf", "eml", "pdf"):
                record_output(draft, channel)
            mark_sent(draft)
        outputs = db.session.scalar(select(func.count(Action.id)))
        pack = build_pack(campaign(), "constituency", "E14001331", today=dt.date.today())
        text = pdf_text(pack_pdf(pack))
    assert outputs == 18  # pdf, eml and "I've sent it" for each of 6 letters
    assert pack.letters == 6
    assert [(row.label, row.shown) for row in pack.asks] == [
        ("A cross-government plan for children, led by a named minister", "6"), ("Fully fund children's services", "6")]
    assert "Zebedee" not in text and "Quartermaine" not in text and "Example Street" not in text
