"""True for every nation and every council (issue 20): each nation's letters and offers, names that read right,
council letters that can be posted, and one count of letters written.

Residents' journeys run against the fake postcodes.io, Members API and GOV.UK (real-format answers in
advocacy/devtools/fixtures/) with real council register rows (conftest.REGISTERED_COUNCILS). Letters are read
as plain text (letter.txt, the email body) and checked sentence by sentence.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from html import unescape

import pytest
from pypdf import PdfReader

from advocacy.db import db

from .conftest import StaffAccounts

CAMPAIGN = "/c/bright-futures"
UK_ASKS = ["uk-funding", "minister", "impact-assessment"]  # the asks that apply outside England


def page_of(response) -> str:
    text = unescape(response.get_data(as_text=True))
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def paragraphs(letter: str) -> list[str]:
    """The letter's paragraphs, each list item as one of its own."""
    found = []
    for chunk in letter.split("\n\n"):
        items = re.split(r"\n(?=- )", chunk.strip()) if chunk.strip().startswith("- ") else [chunk]
        found += [" ".join(item.split()) for item in items if item.strip()]
    return found


@pytest.fixture
def nations_app(lookup_app, council_register):
    from tests.fixture_figures import load_fixture_figures

    with lookup_app.app_context():
        load_fixture_figures()
    council_register(lookup_app)
    return lookup_app


@pytest.fixture
def client(nations_app):
    return nations_app.test_client()


def look_up(client, postcode: str) -> str:
    response = client.post(CAMPAIGN, data={"postcode": postcode})
    assert response.status_code == 302, page_of(response)
    return page_of(client.get(response.headers["Location"]))


def write(client, postcode: str, to: str = "mp", asks=("fund", "early-intervention")) -> str:
    """Look up, fill in the form, and return the draft's URL."""
    look_up(client, postcode)
    response = client.post(f"{CAMPAIGN}/letter/{to}", data={
        "name": "Siân O'Brien", "address": "1 Main Street\nSomewhere", "postcode": postcode,
        "email": "sian@example.org", "asks": list(asks)})
    assert response.status_code == 302, page_of(response)
    return response.headers["Location"]


def letter_text(client, url: str) -> str:
    return client.get(url + "/letter.txt").get_data(as_text=True)


# --- England, unitary: Leeds ---

def test_a_leeds_letter_to_the_mp_names_leeds_city_council_and_quotes_leeds_figures(client):
    page = look_up(client, "LS1 1UR")
    assert "Your council is Leeds City Council." in page
    assert "Councils in England run children's services, so you can write to your MP and to your council" in page
    body = paragraphs(letter_text(client, write(client, "LS1 1UR")))
    figures = next(p for p in body if p.startswith("In Leeds, the number of section 47"))
    assert "In Leeds, the number of children on child protection plans" in figures
    assert ("Councils, including Leeds City Council, have done their best to protect the work that keeps children "
            "safe.") in " ".join(body)
    assert "I am asking you to support the Bright Futures call and to press the Government to:" in body
    assert any(p.startswith("- Bring back the Early Intervention Grant in full.") for p in body)
    assert ("Children in Leeds deserve the best start we can give them, not just to get by. Please raise this with "
            "the Secretary of State for Education and let me know what you will do.") in body
    assert "devolved" not in " ".join(body)


def test_a_leeds_letter_to_the_council_asks_leeds_city_council_to_table_the_motion(client):
    body = paragraphs(letter_text(client, write(client, "LS1 1UR", to="council")))
    assert body[0] == "Dear Council Leader and Lead Member,"
    assert "I am asking Leeds City Council to table the Bright Futures motion" in " ".join(body)
    assert "Councils across England have been asked to raise this" in " ".join(body)
    assert not any("runs children's services" in p for p in body)  # a unitary council: nothing to explain


# --- England, two-tier: Sevenoaks (Kent County Council runs children's services) ---

def test_a_sevenoaks_letter_says_kent_county_council_runs_childrens_services_and_why_its_figures(client):
    page = look_up(client, "BR6 7NZ")
    assert "Your council is Sevenoaks District Council." in page
    assert "a letter to your council goes to Kent County Council and quotes its figures" in page
    mp = paragraphs(letter_text(client, write(client, "BR6 7NZ")))
    assert ("Kent County Council runs children's services in Sevenoaks, not Sevenoaks District Council, so the "
            "figures here are Kent's.") in mp
    assert mp[mp.index("Kent County Council runs children's services in Sevenoaks, not Sevenoaks District Council, "
                       "so the figures here are Kent's.") + 1].startswith("In Kent, the number of section 47")
    assert any(p.startswith("Councils, including Kent County Council, have done their best") for p in mp)
    assert any(p.startswith("Children in Kent deserve the best start") for p in mp)
    council = paragraphs(letter_text(client, write(client, "BR6 7NZ", to="council")))
    assert ("Kent County Council runs children's services in Sevenoaks, where I live, not Sevenoaks District "
            "Council, so the figures below are Kent's.") in council
    assert "I am asking Kent County Council to table the Bright Futures motion" in " ".join(council)
    assert "asking Kent to" not in " ".join(council) and "including Kent," not in " ".join(council)


# --- Wales, Scotland, Northern Ireland ---

DEVOLVED = [
    ("CF10 1AA", "Wales", "councils", "the Welsh Government", "Cardiff"),
    ("AB10 1AB", "Scotland", "councils", "the Scottish Government", "Aberdeen City"),
    ("BT1 1AA", "Northern Ireland", "the Health and Social Care Trusts", "the Northern Ireland Executive", "Belfast"),
]


@pytest.mark.parametrize("postcode, nation, runs, government, place", DEVOLVED)
def test_before_writing_a_devolved_resident_sees_what_the_campaign_offers_there_and_why(client, postcode, nation,
                                                                                     runs, government, place):
    page = look_up(client, postcode)
    assert f"What this campaign offers in {nation}" in page
    assert f"In {nation}, children's" in page
    assert "quotes England's figures as England's and asks your MP to back the UK-wide case" in page
    assert "A letter to your MP, quoting England's figures as England's" in page
    assert "Write to your MP" in page
    assert "Write to your council" not in page and "draft council motion" not in page
    form = page_of(client.get(f"{CAMPAIGN}/letter/mp"))
    assert "Fund children's services properly in every nation" in form
    assert "Early Intervention Grant" not in form and "whole-family programmes" not in form


@pytest.mark.parametrize("postcode, nation, runs, government, place", DEVOLVED)
def test_a_devolved_mp_letter_says_so_quotes_englands_figures_as_englands_and_asks_nothing_england_only(
        client, postcode, nation, runs, government, place):
    body = paragraphs(letter_text(client, write(client, postcode, asks=UK_ASKS)))
    assert body[2] == (f"Children's services in {nation} are devolved: they are run by {runs} and funded by "
                       f"{government}. The figures below are England's, where the Bright Futures campaign began, "
                       "because the pressure they show is felt across the UK and the money for every nation's "
                       "services depends on decisions made at Westminster.")
    assert body[3].startswith("Across England, the number of section 47 child protection enquiries rose from")
    assert "Across England, the number of children on child protection plans" in body[3]
    assert body[4] == ("I am asking you to back the UK-wide case for funding children's services properly, and to "
                       "press the Government to:")
    assert [p.split(".")[0] for p in body[5:8]] == [
        "- Fund children's services properly in every nation",
        "- A cross-government plan for children, led by a named minister",
        "- A children and young people impact assessment"]
    assert body[8] == (f"Children in {place} deserve the best start we can give them, not just to get by. Please "
                       "raise this with the Chancellor of the Exchequer, whose decisions set what every nation can "
                       "spend on children's services, and let me know what you will do.")
    whole = " ".join(body)
    for england_only in ("Early Intervention Grant", "Give councils enough money", "Councils, including",
                         "whole-family", "Secretary of State for Education"):
        assert england_only not in whole


@pytest.mark.parametrize("postcode, nation", [("CF10 1AA", "Wales"), ("AB10 1AB", "Scotland"),
                                              ("BT1 1AA", "Northern Ireland")])
def test_a_devolved_resident_is_not_offered_a_council_letter(client, postcode, nation):
    look_up(client, postcode)
    response = client.get(f"{CAMPAIGN}/letter/council")
    assert response.status_code == 302
    page = page_of(client.get(response.headers["Location"]))
    assert f"This campaign does not take letters to councils in {nation}." in page


def test_no_northern_ireland_page_or_document_implies_councils_run_childrens_services(client):
    page = look_up(client, "BT1 1AA")
    assert "In Northern Ireland, children's social care is run by the Health and Social Care Trusts, not by councils" in page
    url = write(client, "BT1 1AA", asks=UK_ASKS)
    documents = [page_of(client.get(url)), letter_text(client, url),
                 " ".join(PdfReader(io.BytesIO(client.get(url + "/letter.pdf").data)).pages[0].extract_text().split())]
    for text in documents:
        text = text.replace("\u2019", "'")
        assert "run by the Health and Social Care Trusts" in text
        for wrong in ("Councils, including", "run by councils", "councils run", "Give councils", "Belfast City Council",
                      "table the", "Early Intervention Grant"):
            assert wrong not in text, wrong


def test_no_northern_ireland_council_is_asked_to_table_the_motion(client):
    page = page_of(client.post(f"{CAMPAIGN}/councillors", data={"postcode": "BT1 1AA"}))
    assert "This campaign's motion is not for councils in Northern Ireland." in page
    assert "Health and Social Care Trusts, not by councils" in page
    assert "Belfast City Council" not in page_of(client.get(f"{CAMPAIGN}/councillors?q=Belfast"))
    response = client.get(f"{CAMPAIGN}/councillors/N09000003/motion")
    assert response.status_code == 302
    assert "This campaign's motion is not for councils in Northern Ireland." in page_of(
        client.get(response.headers["Location"]))
    assert "Leeds City Council" in page_of(client.get(f"{CAMPAIGN}/councillors?q=Leeds"))  # England's still are


# --- names that read right: the Isles of Scilly, the City of London, the Isle of Anglesey ---

def _letter(app, kind: str, council: tuple[str, str], country: str, constituency: str) -> str:
    """A letter written against a lookup for ``council`` (code, the name postcodes.io gives), as plain text."""
    from advocacy.campaigns import get_campaign
    from advocacy.documents import letter_text as as_text
    from advocacy.letters import Answers, letter_for, save_draft

    code, name = council
    lookup = {"postcode": "AA1 1AA", "country": country, "region": None,
              "constituency": {"name": constituency, "code": None},
              "mp": {"name": "A Member", "party": "", "email": "", "member_id": 1},
              "council": {"name": name, "code": code}, "authority": {"name": name, "code": code}}
    with app.app_context():
        campaign = get_campaign("bright-futures")
        asks = [ask.id for ask in campaign.asks_for(country)]
        draft = save_draft(campaign, kind, Answers(name="Jo Bloggs", address_lines=["1 Main Street"],
                                                   postcode="AA1 1AA", asks=asks), lookup)
        letter = letter_for(draft, campaign)
        return f"{draft.subject}\n\n{as_text(letter)}"


def _motion(app, code: str, name: str, tier: str = "unitary", county: str | None = None) -> str:
    from advocacy.campaigns import get_campaign
    from advocacy.documents import markdown_text
    from advocacy.motions.finder import CouncilInfo
    from advocacy.motions.service import MotionDraft, build_motion

    with app.app_context():
        campaign = get_campaign("bright-futures")
        draft = MotionDraft(council_code=code, proposer_name="Cllr Sam Patel", proposer_ward="Central",
                            meeting="full_council", meeting_date=dt.date(2027, 1, 21), asks=("fund",))
        drafted = build_motion(campaign, CouncilInfo(code, name, tier, county), draft)
        return " ".join(markdown_text(drafted.motion.body).split())


ARTICLED = [
    (("E06000053", "Isles of Scilly"), "England", "St Ives", "Isles of Scilly", "the Council of the Isles of Scilly"),
    (("E09000001", "City of London"), "England", "Cities of London and Westminster", "City of London",
     "the City of London Corporation"),
]


@pytest.mark.parametrize("council, country, constituency, place, official", ARTICLED)
def test_names_that_take_the_read_naturally_in_every_letter(nations_app, council, country, constituency, place,
                                                            official):
    mp = _letter(nations_app, "letter_mp", council, country, constituency)
    to_council = _letter(nations_app, "letter_council", council, country, constituency)
    for text in (mp, to_council):
        bare = [m.start() for m in re.finditer(re.escape(place), text) if text[max(0, m.start() - 4):m.start()] != "the "]
        assert not bare, f"'{place}' without 'the' in: {text}"
    assert f"Councils, including {official}, have done their best" in " ".join(mp.split())
    assert f"Children in the {place} deserve the best start" in " ".join(mp.split())
    assert f"I am asking {official} to table the Bright Futures motion" in " ".join(to_council.split())
    assert f"the {place}" in to_council.split("\n\n")[2]  # the opening: "I live in the ..." / "a resident of the ..."


def test_the_isle_of_anglesey_reads_naturally_in_a_welsh_mp_letter(nations_app):
    text = " ".join(_letter(nations_app, "letter_mp", ("W06000001", "Isle of Anglesey"), "Wales", "Ynys Môn").split())
    assert "Children in the Isle of Anglesey deserve the best start" in text
    assert "in Isle of Anglesey" not in text and "of Isle of Anglesey" not in text


@pytest.mark.parametrize("code, name, tier, county, sentences", [
    ("E06000053", "Council of the Isles of Scilly", "unitary", None,
     ["1. That every child in the Isles of Scilly deserves the best start in life, not just to get by."]),
    ("E09000001", "City of London Corporation", "unitary", None,
     ["1. That every child in the City of London deserves the best start in life, not just to get by."]),
    ("W06000001", "Isle of Anglesey County Council", "unitary", None,
     ["1. That every child in the Isle of Anglesey deserves the best start in life, not just to get by."]),
    ("E07000111", "Sevenoaks District Council", "district", "E10000016",
     ["Children's services in Sevenoaks are run by Kent County Council, not by Sevenoaks District Council, so the "
      "figures below are Kent's.",
      "1. That every child in Sevenoaks deserves the best start in life, not just to get by."]),
    ("E08000035", "Leeds City Council", "unitary", None,
     ["1. That every child in Leeds deserves the best start in life, not just to get by."]),
])
def test_motions_read_naturally_for_each_council(nations_app, code, name, tier, county, sentences):
    text = _motion(nations_app, code, name, tier, county).replace("\u2019", "'")
    for sentence in sentences:
        assert sentence in text
    assert "'s area" not in text


@pytest.mark.parametrize("place, said", [
    ("Leeds", "Leeds"), ("Isles of Scilly", "the Isles of Scilly"), ("City of London", "the City of London"),
    ("Isle of Anglesey", "the Isle of Anglesey"), ("Vale of Glamorgan", "the Vale of Glamorgan"),
    ("Scottish Borders", "the Scottish Borders"), ("Cornwall and the Isles of Scilly", "Cornwall and the Isles of Scilly"),
    ("the Wirral Peninsula", "the Wirral Peninsula"),
])
def test_a_place_takes_the_where_english_gives_it_one(place, said):
    from advocacy.nations import with_article

    assert with_article(place) == said


@pytest.mark.parametrize("official, place", [
    ("Leeds City Council", "Leeds"), ("Kent County Council", "Kent"), ("Council of the Isles of Scilly", "Isles of Scilly"),
    ("City of London Corporation", "City of London"), ("London Borough of Bromley", "Bromley"),
    ("Isle of Anglesey County Council", "Isle of Anglesey"), ("Sevenoaks District Council", "Sevenoaks"),
])
def test_a_council_missing_from_the_register_still_gets_its_place_name(official, place):
    from advocacy.nations import place_of

    assert place_of(official) == place


def test_a_council_the_register_lacks_is_still_named_as_a_body_that_can_act(nations_app):
    from advocacy.nations import council_names

    with nations_app.app_context():
        say = council_names("E06000052", "Cornwall")  # in neither the test register nor GOV.UK's list
        listed = council_names("E09000028", "Southwark")  # in GOV.UK's list (ADVOCACY_COUNCIL_SLUGS_CSV)
    assert (say.name, say.area, say.in_area) == ("Cornwall Council", "Cornwall", "in Cornwall")
    assert (listed.name, listed.official, listed.area) == ("the London Borough of Southwark",
                                                           "London Borough of Southwark", "Southwark")


# --- council letters that can be posted ---

CONTACTS_CSV = (
    "name,code,address_line_1,address_line_2,address_line_3,postcode,email,source,date\n"
    # Kent County Council's published postal address; the email is illustrative
    "Kent County Council,,Sessions House,County Road,Maidstone,me141xq,leader@kent.example.org,"
    "https://www.kent.gov.uk/about-the-council/contact-us,2026-11-30\n"
)


def _import_contacts(app, client, csv_text: str):
    StaffAccounts(app, client).sign_in("admin")
    return client.post("/staff/council-contacts/", data={"file": (io.BytesIO(csv_text.encode()), "contacts.csv")},
                       content_type="multipart/form-data")


def test_a_council_letter_with_a_known_contact_has_its_postal_address_and_email(nations_app, client):
    page = page_of(_import_contacts(nations_app, client, CONTACTS_CSV))
    assert "Saved the contacts of 1 council." in page
    assert "Sessions House, County Road, Maidstone, ME14 1XQ" in page
    url = write(client, "BR6 7NZ", to="council")
    pdf = " ".join(PdfReader(io.BytesIO(client.get(url + "/letter.pdf").data)).pages[0].extract_text().split())
    assert ("The Leader of the Council The Lead Member for Children's Services Kent County Council Sessions House "
            "County Road Maidstone ME14 1XQ") in pdf.replace("\u2019", "'")
    assert "Postal address not known" not in pdf
    outputs = page_of(client.get(url + "/send"))
    assert "email to leader@kent.example.org" in outputs
    assert ("Sign it and post it to The Leader of the Council, The Lead Member for Children's Services, Kent County "
            "Council, Sessions House, County Road, Maidstone, ME14 1XQ.") in outputs
    assert client.get(url + "/letter.eml").status_code == 200


def test_a_council_letter_without_a_known_contact_says_what_to_do(client):
    url = write(client, "LS1 1UR", to="council")
    pdf = " ".join(PdfReader(io.BytesIO(client.get(url + "/letter.pdf").data)).pages[0].extract_text().split())
    assert ("Leeds City Council Postal address not known to us: find it on the council's website "
            "(https://www.leeds.gov.uk/) and write it here.") in pdf.replace("\u2019", "'")
    outputs = page_of(client.get(url + "/send"))
    assert ("We do not have Leeds City Council's postal address, so the letter has a marked box for it: find the "
            "address on the council's website, write it in the box, sign the letter and post it.") in re.sub(
        r"<[^>]+>", "", outputs)
    assert '<a href="https://www.leeds.gov.uk/" id="council-website-post">' in outputs
    assert "Open it as an email" not in outputs


@pytest.mark.parametrize("row, reason", [
    ("Nowhere Council,,1 Street,,,LS1 1UR,,https://example.org,", "no council called 'Nowhere Council' in the council register"),
    ("Leeds City Council,,Civic Hall,,,,,https://example.org,", "a postal address needs both an address line and a postcode"),
    ("Leeds City Council,,,,,,,https://example.org,", "no address and no email"),
    ("Leeds City Council,,,,,,not-an-email,https://example.org,", "email 'not-an-email' is not an email address"),
    ("Leeds City Council,,Civic Hall,,,LS1 1UR,,,", "source is empty"),
    ("Leeds City Council,,Civic Hall,,,LS1 1UR,,https://example.org,2099-01-01", "date 2099-01-01 is in the future"),
    ("Leeds,X1,Civic Hall,,,LS1 1UR,,https://example.org,", "code 'X1' is not a council's GSS code"),
])
def test_a_bad_contacts_row_is_reported_with_its_row_and_reason_and_not_saved(nations_app, client, row, reason):
    from advocacy.contacts import CouncilContact

    header = CONTACTS_CSV.splitlines()[0]
    page = page_of(_import_contacts(nations_app, client, f"{header}\n{row}\n"))
    assert "Rows not imported" in page
    assert "row 2" in page and reason in page
    with nations_app.app_context():
        assert db.session.scalars(db.select(CouncilContact)).all() == []


def test_a_viewer_cannot_import_contacts(nations_app, client):
    StaffAccounts(nations_app, client).sign_in("viewer")
    assert client.get("/staff/council-contacts/").status_code == 200
    response = client.post("/staff/council-contacts/", data={"file": (io.BytesIO(CONTACTS_CSV.encode()), "c.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 403


def test_contacts_import_from_the_command_line(nations_app, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS_CSV)
    result = nations_app.test_cli_runner().invoke(args=["council-contacts", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Saved the contacts of 1 council." in result.output


# --- one count of letters ---

def test_every_page_counts_letters_written_not_downloads(nations_app, client):
    from advocacy.campaigns import get_campaign
    from advocacy.evidence.pack import count_letters
    from advocacy.letters import Answers, mark_sent, record_output, save_draft

    lookup = {"postcode": "LS1 1UR", "country": "England", "region": "Yorkshire and The Humber",
              "constituency": {"name": "Leeds Central and Headingley", "code": "E14001319"},
              "mp": {"name": "Alex Sobel", "party": "Labour (Co-op)", "email": "alex.sobel.mp@parliament.uk",
                     "member_id": 4658},
              "council": {"name": "Leeds", "code": "E08000035"}, "authority": {"name": "Leeds", "code": "E08000035"}}
    with nations_app.app_context():
        campaign = get_campaign("bright-futures")
        drafts = []
        for number, kind in enumerate(["letter_mp", "letter_mp", "letter_mp", "letter_council", "letter_council"]):
            draft = save_draft(campaign, kind, Answers(name=f"Writer {number}", address_lines=["1 Street"],
                                                       postcode="LS1 1UR", asks=["fund"]), lookup)
            for channel in ("pdf", "pdf", "text", "eml", "email_draft"):  # downloaded again and again
                record_output(draft, channel)
            mark_sent(draft)
            drafts.append(draft.public_id)
        draft_id = drafts[0]
        today = dt.date.today()
        in_pack = count_letters("bright-futures", "constituency", "E14001319", ("letter_mp", "letter_council"),
                                today - dt.timedelta(days=1), today)
    assert in_pack == 5
    thanks = page_of(client.get(f"{CAMPAIGN}/letter/d/{draft_id}/thanks"))
    assert "5 letters have been written for" in thanks
    progress = page_of(client.get(f"{CAMPAIGN}/progress"))
    assert re.search(r"<dt>Letters written</dt><dd>5\s*<span class=\"small\">\(3 to MPs, 2 to councils\)", progress)
    assert re.search(r"<th scope=\"row\">Yorkshire and The Humber</th><td class=\"num\">5</td>", progress)
    assert "5 letters written so far." in page_of(client.get(f"/embed/bright-futures"))
    StaffAccounts(nations_app, client).sign_in("viewer")
    dashboard = page_of(client.get(f"/staff/c/bright-futures/"))
    assert re.search(r"<dt>Letters written</dt><dd><strong>5</strong>\s*<span class=\"small\">\(3 to MPs, 2 to "
                     r"councils\)", dashboard), dashboard


# --- wards ---

def test_a_ward_code_is_kept_when_postcodes_io_gives_no_ward_name(nations_app, fake_apis):
    import copy

    from advocacy.lookup import find_representatives

    original = fake_apis.postcodes["LS11UR"]
    answer = copy.deepcopy(original)
    answer["result"]["admin_ward"] = None  # as postcodes.io answers for a ward too new to have its name
    fake_apis.postcodes["LS11UR"] = answer
    try:
        with nations_app.app_context():
            reps = find_representatives("LS1 1UR")
    finally:
        fake_apis.postcodes["LS11UR"] = original
    assert reps.ward is not None and reps.ward.code == "E05011403" and reps.ward.name is None
    assert reps.to_api_dict()["ward"] == {"name": None, "code": "E05011403"}


# --- a change to the register shows in the next letter, without a restart ---

def test_a_council_renamed_in_the_register_is_named_anew_in_the_next_letter(nations_app, client):
    from advocacy.motions.models import Council

    url = write(client, "LS1 1UR")
    assert "Leeds City Council" in letter_text(client, url)
    with nations_app.app_context():
        db.session.get(Council, "E08000035").name = "City of Leeds Council"
        db.session.commit()
    assert "City of Leeds Council" in letter_text(client, url)  # no restart: the write in this process is seen


def test_a_register_change_made_by_another_worker_shows_within_seconds(nations_app, client, monkeypatch):
    from advocacy import memo
    from advocacy.nations import names

    url = write(client, "LS1 1UR")
    assert "Leeds City Council" in letter_text(client, url)
    with nations_app.app_context():  # another process's write: straight to the database, no session events
        with db.engine.begin() as connection:
            connection.execute(db.text("UPDATE councils SET name = 'City of Leeds Council' WHERE code = 'E08000035'"))
    later = time.monotonic() + names.RECHECK_SECONDS
    monkeypatch.setattr(memo.time, "monotonic", lambda: later)
    assert "City of Leeds Council" in letter_text(client, url)


def test_a_register_change_rolled_back_is_never_named(nations_app):
    from advocacy.motions.models import Council
    from advocacy.nations import council_names
    from advocacy.nations.names import forget_register

    with nations_app.app_context():
        db.session.get(Council, "E08000035").name = "Half-written Council"
        db.session.flush()
        forget_register()  # as if the register held in this process had just expired: it is read half-written
        assert council_names("E08000035", "Leeds").official == "Half-written Council"
        db.session.rollback()
        assert council_names("E08000035", "Leeds").official == "Leeds City Council"


def test_a_data_release_that_replaces_the_register_is_seen_at_once(nations_app):
    from advocacy.motions.registers import replace_councils
    from advocacy.nations import council_names

    with nations_app.app_context():
        assert council_names("E08000035", "Leeds").official == "Leeds City Council"
        replace_councils([{"code": "E08000035", "name": "Leeds Metropolitan District Council", "short_name": "Leeds",
                           "tier": "unitary", "parent_code": "", "nation": "England", "govuk_slug": "leeds",
                           "homepage_url": ""}])
        assert council_names("E08000035", "Leeds").official == "Leeds Metropolitan District Council"

