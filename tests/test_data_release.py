"""The official-data release: shipped in the project, loaded by `flask setup`, rebuilt byte for byte by
`data build`, refreshed by `data update`, and named as the source wherever figures are read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from advocacy.data.load import SHIPPED
from advocacy.db import db

CIN_2025 = "Department for Education, Characteristics of children in need 2024/25, published 30 October 2025, OGL v3"


def setup(app):
    result = app.test_cli_runner().invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    return result.output


def figures(app, code):
    return app.test_client().get(f"/api/councils/{code}/figures").get_json()


# --- flask setup loads the shipped release ---

def test_setup_loads_the_release_so_leeds_quotes_its_real_2024_25_section_47_figure(app):
    output = setup(app)
    assert "data release" in output and "section 47: 2012/13 to 2024/25 loaded; 153 authorities" in output
    leeds = figures(app, "E08000035")
    assert (leeds["section47"]["latest"], leeds["section47"]["latest_year"]) == (3097, "2024/25")
    assert leeds["cpp"]["latest"] == 634
    assert leeds["section47"]["england"] == 230_590
    assert CIN_2025 in leeds["sources"]


def test_a_district_gets_its_countys_figures_from_the_release(app):
    setup(app)
    sevenoaks = figures(app, "E07000111")
    assert sevenoaks["area"] == {"name": "Kent", "code": "E10000016"}


def test_setup_twice_loads_once(app):
    setup(app)
    again = setup(app)
    assert "already loaded" in again
    from advocacy.data.models import DataRelease

    with app.app_context():
        assert db.session.scalar(select(func.count(DataRelease.id))) == 1


def test_figures_imported_by_hand_are_kept_and_the_rest_come_from_the_release(figures_app):
    output = setup(figures_app)
    assert "section47: kept your own import" in output
    leeds = figures(figures_app, "E08000035")
    assert leeds["section47"]["latest"] == 3100  # the file imported by hand, not the release's 3,097
    assert leeds["cpp"]["latest"] == 634  # from the release
    assert any(line.startswith("section47_small.csv, imported ") for line in leeds["sources"])
    assert CIN_2025 in leeds["sources"]


def test_the_register_holds_every_uk_council_with_official_and_short_names(app):
    from advocacy.motions.models import Council

    setup(app)
    with app.app_context():
        nations = dict(db.session.execute(select(Council.nation, func.count()).group_by(Council.nation)).all())
        leeds = db.session.get(Council, "E08000035")
        sevenoaks = db.session.get(Council, "E07000111")
    assert nations == {"England": 317, "Wales": 22, "Scotland": 32, "Northern Ireland": 11}
    assert (leeds.name, leeds.short_name, leeds.tier, leeds.govuk_slug) == (
        "Leeds City Council", "Leeds", "unitary", "leeds")
    assert leeds.homepage_url.startswith("https://www.leeds.gov.uk")
    assert (sevenoaks.tier, sevenoaks.parent_code) == ("district", "E10000016")


def test_the_councillor_finder_lists_every_english_council_and_no_other(app):
    from advocacy.motions.finder import search_councils

    setup(app)
    with app.app_context():
        found = search_councils("", limit=1000)
    assert len(found) == 317
    assert {c.code[:3] for c in found} == {"E06", "E07", "E08", "E09", "E10"}
    assert {c.tier for c in found} == {"county", "district", "unitary"}
    page = app.test_client().get("/c/bright-futures/councillors?all=1").get_data(as_text=True)
    for name in ("Kent County Council", "Sevenoaks District Council", "Leeds City Council", "Cornwall Council",
                 "London Borough of Southwark", "Council of the Isles of Scilly", "City of London Corporation"):
        assert name in page.replace("&#39;", "'"), name
    assert "Cardiff Council" not in page and "Showing the first" not in page


def test_a_leeds_motion_names_the_constituencies_of_every_seat_covering_leeds(app):
    from advocacy.motions.finder import mps_for_council

    setup(app)
    with app.app_context():
        mps = mps_for_council("E08000035", [])
    assert sorted(mp.constituency for mp in mps) == [
        "Leeds Central and Headingley", "Leeds East", "Leeds North East", "Leeds North West", "Leeds South",
        "Leeds South West and Morley", "Leeds West and Pudsey", "Selby", "Wakefield and Rothwell",
        "Wetherby and Easingwold"]
    assert all(mp.name for mp in mps)  # the MP directory snapshot names every one


def test_the_privacy_page_lists_every_source_with_its_licence(app):
    setup(app)
    page = app.test_client().get("/privacy").get_data(as_text=True)
    for text in ("Department for Education", "Office for National Statistics", "mySociety", "CC BY 4.0",
                 "Open Government Licence v3.0", "Open Parliament Licence v3.0", "published 30 October 2025"):
        assert text in page, text


def test_no_sample_wording_is_left_in_the_app():
    root = Path(__file__).resolve().parent.parent
    offenders = []
    for folder in ("advocacy", "templates"):
        for path in (root / folder).rglob("*"):
            if path.suffix in (".py", ".html", ".csv", ".md", ".json") and "migrations" not in path.parts:
                text = path.read_text(encoding="utf-8", errors="replace").lower()
                if "sample figures" in text or "made-up" in text or "made up" in text:
                    offenders.append(str(path.relative_to(root)))
    assert offenders == []


# --- data build ---

def test_build_from_official_files_is_byte_identical_on_rebuild(app, official_files, tmp_path):
    runner = app.test_cli_runner()
    for out in ("one", "two"):
        result = runner.invoke(args=["data", "build", str(official_files), "--out", str(tmp_path / out),
                                     "--built-on", "2026-12-02"])
        assert result.exit_code == 0, result.output
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two and "manifest.json" in one and "councils.csv" in one
    manifest = json.loads(one["manifest.json"])
    c4 = next(s for s in manifest["sources"] if s["key"] == "section47")
    assert c4["publisher"] == "Department for Education" and len(c4["sha256"]) == 64
    assert c4["licence"] == "Open Government Licence v3.0" and c4["page_url"].startswith("https://")


def test_build_keeps_suppressed_figures_as_not_published(app, official_files, tmp_path):
    app.test_cli_runner().invoke(args=["data", "build", str(official_files), "--out", str(tmp_path / "r")])
    lines = (tmp_path / "r" / "section47.csv").read_text().splitlines()
    scilly = {line.split(",")[0]: line.rsplit(",", 1)[1] for line in lines if ",E06000053," in line}
    assert scilly["2025"] == "c"  # suppressed in the source: kept as published, never 0


def test_build_refuses_a_folder_missing_a_file_and_writes_nothing(app, official_files, tmp_path):
    (official_files / "mp_lookup.csv").unlink()
    result = app.test_cli_runner().invoke(args=["data", "build", str(official_files), "--out", str(tmp_path / "r")])
    assert result.exit_code != 0
    assert "mp_lookup.csv is missing" in result.output and "Nothing was written" in result.output
    assert not (tmp_path / "r").exists()


def test_rebuilding_from_the_real_official_files_gives_the_shipped_release(app, reference_data, tmp_path):
    shipped = json.loads((SHIPPED / "manifest.json").read_text())
    result = app.test_cli_runner().invoke(args=["data", "build", str(reference_data), "--out", str(tmp_path / "r"),
                                                "--built-on", shipped["built_on"]])
    assert result.exit_code == 0, result.output
    for path in SHIPPED.iterdir():
        if path.suffix in (".csv", ".json"):
            assert (tmp_path / "r" / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_shipped_release_is_under_two_megabytes():
    assert sum(p.stat().st_size for p in SHIPPED.iterdir()) < 2_000_000


# --- data update ---

def update(app, base_url):
    return app.test_cli_runner().invoke(args=["data", "update", "--from", base_url])


def test_update_swaps_in_the_publishers_files_and_reports_what_changed(app, fake_publisher, official_files):
    setup(app)
    result = update(app, fake_publisher)
    assert result.exit_code == 0, result.output
    assert "section 47: 2012/13, 2013/14, 2014/15 removed; 6 authorities" in result.output
    assert "MP directory: 11 constituencies as of June 2026" in result.output
    assert figures(app, "E08000035")["section47"]["latest"] == 3020  # the publisher's file now
    # A new year published: the next update says so.
    c4 = official_files / "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv"
    header, *rows = c4.read_text(encoding="utf-8").splitlines()
    new = [r.replace("2025,", "2026,", 1) for r in rows if r.startswith("2025,")]
    c4.write_text("\n".join([header, *new, *rows]) + "\n", encoding="utf-8")
    again = update(app, fake_publisher)
    assert again.exit_code == 0, again.output
    assert "section 47: 2025/26 added; 6 authorities" in again.output
    assert figures(app, "E08000035")["section47"]["latest_year"] == "2025/26"


def _state(app):
    from advocacy.data.models import DataRelease
    from advocacy.motions.models import Council

    with app.app_context():
        return (figures(app, "E08000035")["section47"]["latest"], db.session.scalar(select(func.count(Council.code))),
                db.session.scalar(select(func.count(DataRelease.id))))


@pytest.mark.parametrize("damage, reason", [
    (lambda folder: (folder / "mp_lookup.csv").write_text("<html>Service unavailable</html>" * 50),
     "mp_lookup.csv is not"),
    (lambda folder: (folder / "b1_children_in_need_2013_to_2025.csv").unlink(), "answered HTTP 404"),
    (lambda folder: (folder / "d5_cpps_at31march_by_duration_2013_to_2025.csv").write_text("time_period\n2025\n"),
     "cut short"),
])
def test_update_with_a_bad_source_changes_nothing_and_says_why(app, fake_publisher, official_files, damage, reason):
    setup(app)
    before = _state(app)
    damage(official_files)
    result = update(app, fake_publisher)
    assert result.exit_code != 0
    assert "nothing was changed" in result.output and reason in result.output
    assert _state(app) == before


def test_update_that_cannot_reach_the_publisher_changes_nothing(app):
    setup(app)
    before = _state(app)
    result = update(app, "http://127.0.0.1:9")
    assert result.exit_code != 0 and "could not download" in result.output
    assert _state(app) == before


# --- staff ---

def test_the_dashboard_shows_the_datas_dates(app, client, staff):
    setup(app)
    staff.sign_in("viewer")
    page = client.get("/staff/c/bright-futures/").get_data(as_text=True)
    assert "Official data" in page and "published 30 October 2025" in page and "as of June 2026" in page


def test_an_admin_refreshes_the_data_from_the_staff_page(make_app, fake_publisher):
    app = make_app(ADVOCACY_DATA_SOURCE_URL=fake_publisher)
    setup(app)
    client = app.test_client()
    from tests.conftest import StaffAccounts

    StaffAccounts(app, client).sign_in("admin")
    page = client.get("/staff/data").get_data(as_text=True)
    assert "Data release of" in page and "Characteristics of children in need 2024/25" in page
    response = client.post("/staff/data")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "section 47:" in response.get_data(as_text=True)
    assert figures(app, "E08000035")["section47"]["latest"] == 3020


def test_only_admins_can_refresh_the_data(app, client, staff):
    staff.sign_in("viewer")
    assert client.post("/staff/data").status_code == 403


# --- the source line wherever figures are read ---

def test_a_letter_for_ls1_1ur_quotes_leeds_real_2024_25_section_47_figure_and_says_where_from(lookup_app):
    from html import unescape

    from tests.test_letters import draft_url

    setup(lookup_app)
    client = lookup_app.test_client()
    page = client.get(draft_url(client)).get_data(as_text=True)
    page = unescape(page).replace("\u00a0", " ").replace("\u202f", " ")
    assert "3,097" in page and "2024/25" in page
    assert f"Figures: {CIN_2025}" in page


def test_the_campaign_page_and_a_motion_preview_name_the_figures_source(app):
    setup(app)
    client = app.test_client()
    assert CIN_2025 in client.get("/c/bright-futures").get_data(as_text=True)
    from advocacy.campaigns import get_campaign
    from advocacy.motions.finder import get_council
    from advocacy.motions.service import build_motion

    with app.test_request_context():
        drafted = build_motion(get_campaign("bright-futures"), get_council("E07000111"), _motion_draft())
    assert CIN_2025 in drafted.sources
    assert "Kent" in drafted.motion.body


def _motion_draft():
    import datetime as dt

    from advocacy.motions.service import MotionDraft

    return MotionDraft(council_code="E07000111", proposer_name="Cllr Sam Patel", proposer_ward="Sevenoaks Town",
                       meeting="full_council", meeting_date=dt.date(2027, 1, 21), asks=("fund",))


def test_the_printable_summary_and_evidence_pack_name_the_figures_source(app):
    from advocacy.campaigns import get_campaign
    from advocacy.evidence.pack import _figure_rows
    from advocacy.spread.summary import build_summary

    setup(app)
    with app.app_context():
        campaign = get_campaign("bright-futures")
        summary = build_summary(campaign, "E08000035", campaign_url="https://example.org/c/bright-futures")
        _, rows, sources = _figure_rows(campaign, "E08000035")
    assert CIN_2025 in summary.sources and CIN_2025 in sources
    assert rows[0].latest == "3,097"


def test_the_cli_shows_a_councils_figures_with_their_source_and_lists_the_release(app):
    setup(app)
    runner = app.test_cli_runner()
    shown = runner.invoke(args=["localdata", "show", "E08000035"]).output
    assert "from 1,748 in 2015/16 to 3,097 in 2024/25" in shown and f"Source: {CIN_2025}" in shown
    listing = runner.invoke(args=["localdata", "list"]).output
    assert "section47: section 47 child protection enquiries from data release " in listing
    status = runner.invoke(args=["data", "status"]).output
    assert f"section47: {CIN_2025}" in status
