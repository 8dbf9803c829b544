"""The MP directory: `flask --app advocacy mps sync`, and lookups falling back to it."""

from pathlib import Path

from advocacy.db import db
from advocacy.lookup import find_representatives
from advocacy.lookup.directory import all_constituencies, search_constituencies
from advocacy.lookup.models import DirectoryMP

CODES = Path(__file__).resolve().parent.parent / "advocacy" / "devtools" / "fixtures" / "constituency_codes.csv"


def test_mps_sync_loads_every_current_mp_page_by_page(lookup_app, fake_apis):
    fake_apis.page_size = 3  # 8 current MPs: pages of 3, 3 and 2
    result = lookup_app.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])
    assert result.exit_code == 0, result.output
    assert "mps: 8 current MPs in 9 constituencies" in result.output
    assert "vacant: Manchester Central" in result.output
    searches = [path for service, method, path in fake_apis.log if "/Members/Search" in path]
    assert len(searches) == 3
    with lookup_app.app_context():
        sobel = db.session.get(DirectoryMP, 4658)
        assert (sobel.name, sobel.party, sobel.email) == ("Alex Sobel", "Labour (Co-op)",
                                                          "alex.sobel.mp@parliament.uk")
        assert sobel.constituency_code == "E14001319"
        rows = all_constituencies()
        assert ("E14001319", "Leeds Central and Headingley") in rows and len(rows) == 9
        # "Ynys Mon" in the Members API is the same seat as ONS's "Ynys Môn"
        assert [s.name for s in search_constituencies("ynys mon")] == ["Ynys Môn"]
        assert search_constituencies("ynys mon")[0].mp.name == "Llinos Medi"


def test_syncing_again_replaces_the_mps_without_duplicates(lookup_app):
    runner = lookup_app.test_cli_runner()
    runner.invoke(args=["mps", "sync", "--codes", str(CODES)])
    result = runner.invoke(args=["mps", "sync"])
    assert result.exit_code == 0, result.output
    with lookup_app.app_context():
        assert db.session.scalar(db.select(db.func.count(DirectoryMP.member_id))) == 8
        assert len(all_constituencies()) == 9


def test_a_failed_sync_says_so_and_leaves_the_directory_unchanged(lookup_app, fake_apis):
    runner = lookup_app.test_cli_runner()
    runner.invoke(args=["mps", "sync", "--codes", str(CODES)])
    fake_apis.set_mode("members", "down")
    result = runner.invoke(args=["mps", "sync"])
    assert result.exit_code != 0
    assert "UK Parliament Members API" in result.output and "The directory was not changed" in result.output
    with lookup_app.app_context():
        assert db.session.scalar(db.select(db.func.count(DirectoryMP.member_id))) == 8


def test_without_codes_the_directory_still_knows_mps_by_constituency_name(lookup_app, fake_apis):
    result = lookup_app.test_cli_runner().invoke(args=["mps", "sync"])
    assert "no GSS code yet (run with --codes): 8 constituencies" in result.output
    fake_apis.set_mode("members", "down")
    with lookup_app.app_context():
        assert all_constituencies() == []  # only rows with a code can be matched to letters
        found = find_representatives("CF10 1AA")
    assert found.mp.name == "Stephen Doughty" and found.mp_source == "directory"


def test_when_the_members_api_is_down_the_mp_comes_from_the_directory(lookup_app, fake_apis):
    lookup_app.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])
    fake_apis.set_mode("members", "down")
    with lookup_app.app_context():
        found = find_representatives("LS1 1UR")
        vacant = find_representatives("M1 1AD")
    assert found.mp_source == "directory" and found.mp.name == "Alex Sobel"
    assert found.mp.email == "alex.sobel.mp@parliament.uk"
    assert found.mp_checked_at is not None
    assert vacant.vacant and vacant.mp is None
