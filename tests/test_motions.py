"""Council motions: finding the council, the motion form, the documents (.docx, PDF, text) with the
council's figures, downloads counted once per submission, the private report-back link and the public
record, staff counts and exports, and personal data purged while the record survives."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import docx
import pytest
from pypdf import PdfReader

from advocacy.actions.models import Action
from tests.fixture_figures import fixture_local as sample_local
from advocacy.db import db
from advocacy.motions.models import Council, MotionProposer, MotionReport

CAMPAIGN = "/c/bright-futures"
FIND = f"{CAMPAIGN}/councillors"
CHECK = f"{CAMPAIGN}/councillors/motion/check"
READY = f"{CAMPAIGN}/councillors/motion/ready"
LEEDS, SEVENOAKS, KENT = "E08000035", "E07000111", "E10000016"
HOMEPAGES = {LEEDS: "https://www.leeds.gov.uk", KENT: "https://www.kent.gov.uk",
             SEVENOAKS: "https://www.sevenoaks.gov.uk"}
LEEDS_MINUTES = "https://democracy.leeds.gov.uk/ieListDocuments.aspx?MId=123"


def in_days(days: int) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def answers(**changes) -> dict:
    values = {"proposer_name": "Cllr Sam Patel", "proposer_ward": "Little London and Woodhouse",
              "party": "Labour", "seconder_name": "Cllr Jo Green", "seconder_ward": "Hyde Park",
              "meeting": "full_council", "meeting_date": in_days(30), "asks": ["fund", "long-term"],
              "email": "sam.patel@example.gov.uk"}
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def page_text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


@pytest.fixture
def motions_app(app):
    """The app with the sample figures and the sample council registers loaded (as `flask setup` does)."""
    from tests.fixture_figures import load_fixture_figures
    from tests.fixture_figures import load_fixture_registers

    with app.app_context():
        load_fixture_figures()
        load_fixture_registers()
        for code, homepage in HOMEPAGES.items():  # the register's homepages verify minutes links
            db.session.get(Council, code).homepage_url = homepage
        db.session.commit()
    return app


@pytest.fixture
def councillor(motions_app):
    return motions_app.test_client()


@pytest.fixture
def emailing_motions_app(sending_app):
    """As motions_app, on a site that sends email (so the motion form asks for the councillor's address)."""
    from tests.fixture_figures import load_fixture_figures, load_fixture_registers

    with sending_app.app_context():
        load_fixture_figures()
        load_fixture_registers()
    return sending_app


def draft(client, code: str = LEEDS, **changes):
    return client.post(f"{FIND}/{code}/motion", data=answers(**changes))


def create(client, code: str = LEEDS, **changes) -> str:
    """Fill in and create a motion; return the private report-back link's path."""
    assert draft(client, code, **changes).status_code == 302
    assert client.post(CHECK).headers["Location"].endswith("/motion/ready")
    html = client.get(READY).get_data(as_text=True)
    link = re.search(r'id="private-link">([^<]+)<', html).group(1)
    return "/" + link.split("/", 3)[3]


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


# --- finding the council ---

def test_typing_leeds_finds_leeds_city_council_with_a_plain_get_form(councillor):
    response = councillor.get(FIND, query_string={"q": "leeds"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<form method="get"' in html
    assert re.search(rf'href="{FIND}/{LEEDS}/motion">Leeds City Council</a>', html)


def test_search_ignores_case_and_lists_county_and_district_councils(councillor):
    everything = page_text(councillor.get(FIND, query_string={"all": "1"}))
    assert "Kent County Council County council" in everything
    assert "Sevenoaks District Council District council" in everything
    assert "Leeds City Council Metropolitan borough council" in everything
    assert "Cardiff" not in everything  # England only: the motion quotes England's figures
    assert "Kent County Council" in page_text(councillor.get(FIND, query_string={"q": "KENT"}))


def test_a_search_that_matches_nothing_says_how_to_find_the_council(councillor):
    text = page_text(councillor.get(FIND, query_string={"q": "Atlantis"}))
    assert "No council in England matches “Atlantis”" in text and "postcode" in text


def test_the_real_register_finds_leeds_and_has_every_tier(app, reference_data):
    from advocacy.motions.finder import search_councils
    from advocacy.motions.registers import import_councils

    with app.app_context():
        report = import_councils(reference_data / "govuk-local-links-manager_local-authorities.csv")
        assert report.rows > 300
        assert [c.name for c in search_councils("leeds")] == ["Leeds City Council"]
        sevenoaks = search_councils("sevenoaks")[0]
        assert (sevenoaks.tier, sevenoaks.county_code) == ("district", KENT)
        assert search_councils("kent county")[0].tier == "county"


def test_the_real_constituency_lookup_names_the_seats_covering_a_council(app, reference_data):
    from advocacy.motions.finder import mps_for_council
    from advocacy.motions.registers import import_constituencies

    with app.app_context():
        import_constituencies(reference_data / "mp_lookup.csv")
        seats = {mp.constituency for mp in mps_for_council(LEEDS)}
        assert {"Leeds Central and Headingley", "Selby", "Wakefield and Rothwell"} <= seats
        assert {mp.constituency for mp in mps_for_council(SEVENOAKS)} == {"Sevenoaks", "Tonbridge"}


def test_a_register_file_in_the_wrong_format_is_rejected_with_the_reason(motions_app, tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n")
    result = motions_app.test_cli_runner().invoke(args=["motions", "import-councils", str(wrong)])
    assert result.exit_code != 0
    assert "missing column(s)" in result.output and "gss" in result.output
    with motions_app.app_context():
        from advocacy.motions.finder import search_councils
        assert search_councils("leeds")  # nothing was replaced


def test_a_postcode_finds_the_district_and_the_county(make_lookup_app):
    from tests.fixture_figures import load_fixture_registers

    app = make_lookup_app()
    with app.app_context():
        load_fixture_registers()
    client = app.test_client()
    response = client.post(FIND, data={"postcode": "br6 7nz"}, follow_redirects=True)
    text = page_text(response)
    assert "Councils for BR6 7NZ" in text
    assert "Draft a motion for Sevenoaks District Council" in text
    assert "Draft a motion for Kent County Council" in text


def test_a_postcode_outside_england_says_the_motion_is_for_english_councils(make_lookup_app):
    client = make_lookup_app().test_client()
    text = page_text(client.post(FIND, data={"postcode": "CF10 1AA"}))
    assert "councils in England" in text and "Wales" in text


# --- the motion form ---

@pytest.mark.parametrize("changes, message", [
    ({"proposer_name": ""}, "Enter the proposer's name"),
    ({"proposer_ward": ""}, "Enter the ward the proposer represents"),
    ({"meeting": None}, "Choose the meeting: Full Council, Cabinet or a committee"),
    ({"meeting_date": ""}, "Enter the date of the meeting"),
    ({"meeting_date": "31/02/2027"}, "The meeting date must be a real date, like 21 1 2027"),
    ({"meeting_date": in_days(-1)}, "The meeting date must be today or in the future"),
    ({"meeting_date": in_days(5 * 365)}, "The meeting date must be within 2 years"),
    ({"asks": None}, "Choose at least one of the campaign's calls"),
    ({"seconder_name": ""}, "Enter the seconder's name, or leave the seconder's ward empty too"),
    ({"seconder_ward": ""}, "Enter the ward the seconder represents"),
    ({"email": "sam@"}, "Enter an email address in the correct format"),
])
def test_each_mistake_gets_a_clear_message(councillor, changes, message):
    response = draft(councillor, **changes)
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text and message in text


def test_nothing_typed_is_lost_when_the_form_has_a_mistake(councillor):
    html = draft(councillor, meeting_date=in_days(-3), party="Green <b>Party</b>").get_data(as_text=True)
    assert 'value="Cllr Sam Patel"' in html and 'value="Little London and Woodhouse"' in html
    assert 'value="Green &lt;b&gt;Party&lt;/b&gt;"' in html
    day = dt.date.fromisoformat(in_days(-3))
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):  # read back day first
        assert f'name="meeting_date-{part}" type="text" inputmode="numeric" value="{value}"' in html
    assert re.search(r'value="full_council"[^>]*checked|checked[^>]*value="full_council"', html)
    assert re.search(r'checked[^>]*value="long-term"|value="long-term"[^>]*checked', html)
    assert not re.search(r'checked[^>]*value="minister"|value="minister"[^>]*checked', html)


def test_a_council_we_do_not_know_is_not_found(councillor):
    assert councillor.get(f"{FIND}/E07999999/motion").status_code == 404


def test_change_your_answers_brings_every_answer_back(emailing_motions_app):
    councillor = emailing_motions_app.test_client()
    draft(councillor, meeting="cabinet")
    html = councillor.get(f"{FIND}/{LEEDS}/motion").get_data(as_text=True)
    assert 'value="Cllr Jo Green"' in html and 'value="sam.patel@example.gov.uk"' in html
    assert re.search(r'value="cabinet"[^>]*checked|checked[^>]*value="cabinet"', html)


def test_a_site_that_sends_no_email_does_not_ask_for_an_address(motions_app, councillor):
    html = councillor.get(f"{FIND}/{LEEDS}/motion").get_data(as_text=True)
    assert 'type="email"' not in html and "this site does not send email" in html
    create(councillor, LEEDS)  # an address posted anyway is not kept
    with motions_app.app_context():
        assert db.session.scalar(db.select(MotionProposer.email)) is None


# --- the documents ---

def downloaded(client, channel: str) -> bytes:
    response = client.get(f"{CAMPAIGN}/councillors/motion/download/{channel}")
    assert response.status_code == 200, response.status_code
    return response.data


def test_the_word_motion_has_the_council_its_figures_and_englands_in_real_styles(councillor):
    create(councillor, LEEDS)
    document = open_docx(downloaded(councillor, "docx"))
    local = sample_local(LEEDS)
    kind, meeting, title = document.paragraphs[:3]
    assert title.style.name == "Title" and "Bright Futures" in title.text
    assert kind.style.name == "Subtitle" and "Leeds City Council" in meeting.text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["This council notes", "This council believes", "This council resolves"]
    notes = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert local["section47"]["latest_fmt"] in notes[0] and local["section47"]["england_fmt"] in notes[0]
    assert local["cpp"]["latest_fmt"] in notes[1] and local["cpp"]["england_fmt"] in notes[1]
    assert "run by" not in "\n".join(p.text for p in document.paragraphs)  # Leeds runs its own services


def resolutions(document) -> list[str]:
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "This council resolves")
    return [p.text for p in paragraphs[start + 1:] if p.style.name == "List Number"]


def test_the_resolutions_are_numbered_and_ask_the_leader_to_write_with_the_chosen_calls(councillor):
    create(councillor, LEEDS, asks=["minister"])
    document = open_docx(downloaded(councillor, "docx"))
    resolved = resolutions(document)
    assert len(resolved) == 4
    assert "Secretary of State" in resolved[1] and "MPs" in resolved[2]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet 2"]
    assert bullets == ["to set out a cross-government plan for children and young people, with a named minister "
                       "responsible for delivering it."]  # the ask's own motion wording, an action
    numbering = {p._p.pPr.numPr.numId.val for p in document.paragraphs
                 if p.style.name == "List Number" and p.text in resolved}
    assert len(numbering) == 1  # one list, so Word numbers it 1 to 4 and renumbers after edits
    signature = [p.text for p in document.paragraphs if p.text.startswith(("Proposed by", "Seconded by"))]
    assert signature == ["Proposed by: Cllr\u00a0Sam Patel, Labour (Little London and Woodhouse)",
                         "Seconded by: Cllr\u00a0Jo Green (Hyde Park)"]


def test_a_district_motion_uses_the_county_figures_and_says_so(councillor):
    create(councillor, SEVENOAKS)
    kent = sample_local(SEVENOAKS)
    assert kent["area"]["name"] == "Kent"
    text = "\n".join(p.text for p in open_docx(downloaded(councillor, "docx")).paragraphs)
    assert "Sevenoaks District Council" in text
    assert ("Children\u2019s services in Sevenoaks are run by Kent County Council, not by Sevenoaks District "
            "Council, so the figures below are Kent\u2019s.") in text
    assert f"Kent had {kent['section47']['latest_fmt']} section\u00a047" in text
    check = page_text(councillor.get(CHECK))
    assert "Sevenoaks District Council does not run children's services: Kent County Council does" in check


def test_the_pdf_has_the_council_figures_and_resolutions(councillor):
    create(councillor, SEVENOAKS)
    reader = PdfReader(io.BytesIO(downloaded(councillor, "pdf")))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Sevenoaks District Council" in text
    assert sample_local(SEVENOAKS)["section47"]["latest_fmt"] in text
    assert "This council resolves" in text and "Secretary of State for Education" in text
    assert reader.metadata.title.startswith("Fully funded children")


def test_the_text_version_names_the_meeting_and_the_proposer(councillor):
    create(councillor, LEEDS, meeting="committee")
    text = downloaded(councillor, "text").decode()
    assert text.startswith("Fully funded children's services (Bright Futures)\nLeeds City Council: Committee, ")
    assert "Proposed by: Cllr Sam Patel, Labour (Little London and Woodhouse)" in text


def test_the_motion_names_the_mps_for_the_area_from_the_directory(motions_app, councillor):
    from advocacy.lookup.members import fold
    from advocacy.lookup.models import Constituency, DirectoryMP

    with motions_app.app_context():
        for member_id, seat, code, name in ((1, "Leeds Central and Headingley", "E14001319", "Alex Sobel"),
                                            (2, "Leeds East", "E14001320", "Richard Burgon")):
            constituency = Constituency(name=seat, folded_name=fold(seat), code=code)
            db.session.add(constituency)
            db.session.add(DirectoryMP(member_id=member_id, name=name, party="Labour", constituency=constituency))
        db.session.commit()
    create(councillor, LEEDS)
    text = downloaded(councillor, "text").decode()
    assert ("the MPs for the area (Alex Sobel, Leeds Central and Headingley; Richard Burgon, Leeds East)"
            in " ".join(text.split()))


def test_without_known_mps_the_motion_still_asks_the_leader_to_write_to_them(councillor):
    create(councillor, "E06000001")  # Hartlepool: its seat is known, its MP is not in the directory
    text = " ".join(downloaded(councillor, "text").decode().split())
    assert "the MPs whose constituencies cover the area" in text


# --- downloads as actions ---

def actions(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        return [(a.kind, a.channel, a.council_code, a.authority_code) for a in db.session.scalars(db.select(Action))]


def test_each_format_downloaded_is_one_motion_action_however_often(motions_app, councillor):
    create(councillor, SEVENOAKS)
    for channel in ("docx", "docx", "pdf", "text", "pdf"):
        downloaded(councillor, channel)
    assert sorted(actions(motions_app)) == [("motion", "docx", SEVENOAKS, KENT), ("motion", "pdf", SEVENOAKS, KENT),
                                             ("motion", "text", SEVENOAKS, KENT)]


def test_a_new_submission_counts_again(motions_app, councillor):
    create(councillor, LEEDS)
    downloaded(councillor, "docx")
    create(councillor, LEEDS, meeting="cabinet")
    downloaded(councillor, "docx")
    assert len(actions(motions_app)) == 2


def test_downloads_come_after_checking_the_motion(motions_app, councillor):
    draft(councillor, LEEDS)
    response = councillor.get(f"{CAMPAIGN}/councillors/motion/download/docx")
    assert response.status_code == 302 and response.headers["Location"].endswith("/motion/check")
    assert actions(motions_app) == []


def test_pressing_create_twice_makes_one_record(motions_app, councillor):
    draft(councillor, LEEDS)
    councillor.post(CHECK)
    councillor.post(CHECK)
    with motions_app.app_context():
        assert db.session.scalar(db.select(db.func.count(MotionReport.id))) == 1


# --- reporting back ---

def test_the_private_link_reports_the_motion_tabled_and_passed_on_the_public_page(councillor):
    link = create(councillor, LEEDS)
    other = councillor.application.test_client()
    assert "Report on your motion" in page_text(other.get(link))
    response = other.post(link, data={"tabled_on": "2026-11-19", "outcome": "passed",
                                      "minutes_url": "https://democracy.leeds.gov.uk/minutes/123"},
                          follow_redirects=True)
    assert "your report is saved" in page_text(response)
    public = page_text(other.get(f"{CAMPAIGN}/motions"))
    assert "1 council has tabled the motion and 1 passed it" in public
    assert "Leeds City Council 19 November 2026 Passed Minutes" in public
    assert "Passed 1" in public and "Fell 0" in public
    assert "Sam Patel" not in public  # names stay private


def test_a_later_report_replaces_the_earlier_one(councillor):
    link = create(councillor, LEEDS)
    councillor.post(link, data={"tabled_on": "2026-11-19", "outcome": "deferred", "minutes_url": LEEDS_MINUTES})
    councillor.post(link, data={"tabled_on": "2026-11-20", "outcome": "passed_amended", "minutes_url": LEEDS_MINUTES})
    public = page_text(councillor.get(f"{CAMPAIGN}/motions"))
    assert "Leeds City Council 20 November 2026 Passed with amendments" in public
    assert "Deferred 0" in public and "Passed with amendments 1" in public


@pytest.mark.parametrize("data, message", [
    ({"tabled_on": "", "outcome": "passed"}, "Enter the date of the meeting the motion was tabled for"),
    ({"tabled_on": "32/01/2026", "outcome": "passed"}, "The date of the meeting must be a real date, like 21 1 2027"),
    ({"tabled_on": in_days(2), "outcome": "passed"}, "The meeting is in the future, so nothing has happened"),
    ({"tabled_on": in_days(800), "outcome": "pending"}, "The meeting date must be within 2 years"),
    ({"tabled_on": "2026-11-19"}, "Choose what happened to the motion"),
    ({"tabled_on": "2026-11-19", "outcome": "won"}, "Not a valid choice"),
    ({"tabled_on": "2026-11-19", "outcome": "passed", "minutes_url": "javascript:alert(1)"},
     "starting with https:// or http://"),
    ({"tabled_on": "2026-11-19", "outcome": "passed", "minutes_url": "democracy.leeds.gov.uk"},
     "starting with https:// or http://"),
])
def test_a_report_with_a_mistake_says_what_to_fix_and_saves_nothing(motions_app, councillor, data, message):
    link = create(councillor, LEEDS)
    response = councillor.post(link, data=data)
    assert response.status_code == 200
    assert message in page_text(response)
    with motions_app.app_context():
        assert db.session.scalar(db.select(MotionReport.tabled_on)) is None


def test_a_wrong_token_is_a_plain_not_found(councillor):
    link = create(councillor, LEEDS)
    wrong = link[:-4] + ("aaaa" if not link.endswith("aaaa") else "bbbb")
    assert councillor.get(wrong).status_code == 404
    assert councillor.post(wrong, data={"tabled_on": "2026-11-19", "outcome": "passed"}).status_code == 404
    assert councillor.get("/motions/report/").status_code == 404


def test_one_councils_link_never_shows_another_councils_report(motions_app):
    leeds_link = create(motions_app.test_client(), LEEDS)
    kent_link = create(motions_app.test_client(), KENT)
    client = motions_app.test_client()
    assert "Leeds City Council" in page_text(client.get(leeds_link))
    assert "Kent County Council" in page_text(client.get(kent_link))
    assert "Leeds" not in page_text(client.get(kent_link))


def test_an_expired_link_is_not_found(motions_app, councillor):
    link = create(councillor, LEEDS)
    with motions_app.app_context():
        report = db.session.scalar(db.select(MotionReport))
        report.token_expires_at = dt.datetime(2020, 1, 1)
        db.session.commit()
    assert councillor.get(link).status_code == 404


def test_the_token_is_stored_only_as_a_hash(motions_app, councillor):
    link = create(councillor, LEEDS)
    token = link.rsplit("/", 1)[1]
    with motions_app.app_context():
        report = db.session.scalar(db.select(MotionReport))
        assert token not in (report.token_hash, report.submission_key)
        assert len(report.token_hash) == 64


# --- personal data ---

def test_purging_removes_the_names_but_keeps_the_public_record_and_counts(motions_app, councillor):
    from advocacy.privacy import purge_expired

    link = create(councillor, LEEDS)
    councillor.post(link, data={"tabled_on": "2026-11-19", "outcome": "passed", "minutes_url": LEEDS_MINUTES})
    with motions_app.app_context():
        deleted = purge_expired(90, now=dt.datetime.now() + dt.timedelta(days=91))
        assert deleted["motion_proposers"] == 1
        assert db.session.scalar(db.select(db.func.count(MotionProposer.id))) == 0
    assert "Leeds City Council 19 November 2026 Passed" in page_text(councillor.get(f"{CAMPAIGN}/motions"))
    assert councillor.get(link).status_code == 200  # the link still works: it holds no personal data


def test_a_councillors_data_can_be_exported_and_erased_by_email(emailing_motions_app):
    from advocacy.privacy import erase_person, export_person

    create(emailing_motions_app.test_client(), LEEDS)
    with emailing_motions_app.app_context():
        [row] = export_person("Sam.Patel@example.gov.uk")["motion_proposers"]
        assert row["proposer_name"] == "Cllr Sam Patel"
        assert erase_person("sam.patel@example.gov.uk")["motion_proposers"] == 1
        assert db.session.scalar(db.select(db.func.count(MotionReport.id))) == 1


# --- staff ---

def test_the_staff_dashboard_shows_motions_downloaded_tabled_and_passed(motions_app, councillor, staff):
    leeds = create(councillor, LEEDS)
    downloaded(councillor, "docx")
    downloaded(councillor, "pdf")
    councillor.post(leeds, data={"tabled_on": dt.date.today().isoformat(), "outcome": "passed"})
    kent = create(councillor, KENT)
    councillor.post(kent, data={"tabled_on": dt.date.today().isoformat(), "outcome": "fell"})
    staff.sign_in("viewer")
    text = page_text(staff.client.get("/staff/c/bright-futures/"))
    assert "Downloaded 2" in text
    assert "Reported tabled 2" in text and "Reported passed 1" in text


def test_staff_export_the_motion_reports_without_names(motions_app, councillor, staff):
    link = create(councillor, SEVENOAKS)
    councillor.post(link, data={"tabled_on": "2026-11-19", "outcome": "withdrawn",
                                "minutes_url": "https://example.org/m"})
    staff.sign_in("viewer")
    response = staff.client.get("/staff/c/bright-futures/motion-reports.csv")
    assert response.mimetype == "text/csv" and response.is_streamed
    rows = response.get_data(as_text=True).splitlines()
    assert rows[0].startswith("id,created_at,campaign,council_code,council_name")
    assert f"{SEVENOAKS},Sevenoaks District Council,{KENT},Kent County Council,full_council" in rows[1]
    assert "2026-11-19,withdrawn,https://example.org/m" in rows[1]
    assert "Patel" not in response.get_data(as_text=True)


def test_a_closed_campaign_takes_no_new_motions_but_keeps_its_record(motions_app, councillor):
    from advocacy.campaigns import store

    link = create(councillor, LEEDS)
    with motions_app.app_context():
        store.set_status("bright-futures", "closed", updated_by="admin@example.org")
    assert "This campaign is closed" in page_text(councillor.get(FIND))
    assert councillor.get(f"{FIND}/{LEEDS}/motion").status_code == 302
    assert councillor.get(link).status_code == 200
    assert councillor.get(f"{CAMPAIGN}/motions").status_code == 200


def test_the_campaign_page_points_councillors_to_the_motion(councillor):
    text = page_text(councillor.get(CAMPAIGN))
    assert "Draft a motion for your council" in text and "Councils that have tabled the motion" in text


def test_a_motion_already_created_can_still_be_downloaded_after_the_campaign_closes(motions_app, councillor):
    from advocacy.campaigns import store

    create(councillor, LEEDS)
    with motions_app.app_context():
        store.set_status("bright-futures", "closed", updated_by="admin@example.org")
    assert open_docx(downloaded(councillor, "docx")).paragraphs[2].style.name == "Title"
