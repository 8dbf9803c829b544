"""Campaigns made and changed without touching files: campaign.toml fields, a minimal campaign, a copy,
and the campaign as a folder in a zip."""

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from advocacy.campaigns import authoring
from advocacy.campaigns.loader import load_campaign, load_campaign_files, read_campaign_files

BUNDLED = Path(__file__).resolve().parent.parent / "letters" / "bright-futures"
TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def files():
    """The bundled campaign's files, with keys the form does not know: an ask's own key and a nation table."""
    found = read_campaign_files(BUNDLED)
    found["campaign.toml"] = (found["campaign.toml"].replace(
        '[[asks]]\nid = "long-term"', '[[asks]]\nid = "long-term"\nshort = "Plan for years"  # a later key', 1)
        + '\n[offers.Wales]\nletters = ["mp"]\n')
    return found


def test_a_form_saved_unchanged_leaves_campaign_toml_exactly_as_written(files):
    fields = authoring.read_fields(files["campaign.toml"])
    assert authoring.apply_fields(files, fields) == files


def test_changed_fields_keep_comments_and_every_key_the_form_does_not_show(files):
    fields = authoring.read_fields(files["campaign.toml"])
    fields.title = "Winter appeal"
    fields.closes = dt.date(2027, 3, 31)
    fields.asks = [a for a in fields.asks if a.id != "fund"]  # remove the first ask
    next(a for a in fields.asks if a.id == "early-intervention").motion_text = (
        "to restore the Early Intervention Grant in full")
    toml = authoring.apply_fields(files, fields)["campaign.toml"]
    assert 'title = "Winter appeal"' in toml and "closes = 2027-03-31" in toml
    assert "# The bundled campaign." in toml and "# Each letter gets one opening at random" in toml
    assert '[offers.Wales]\nletters = ["mp"]' in toml
    assert 'id = "long-term"\nshort = "Plan for years"  # a later key' in toml  # stays with its own ask
    assert 'id = "fund"' not in toml
    assert 'motion = "to restore the Early Intervention Grant in full"' in toml
    campaign = load_campaign_files("winter-appeal", {**files, "campaign.toml": toml}, location="winter-appeal")
    assert campaign.title == "Winter appeal" and [a.id for a in campaign.asks][:2] == ["uk-funding", "early-intervention"]


def test_clearing_an_optional_field_removes_it_so_its_default_applies(files):
    fields = authoring.read_fields(files["campaign.toml"])
    fields.description = ""
    fields.devolved_note = ""
    toml = authoring.apply_fields(files, fields)["campaign.toml"]
    assert "description" not in toml and "devolved_note" not in toml
    campaign = load_campaign_files("bright-futures", {**files, "campaign.toml": toml}, location="x")
    assert campaign.description == () and campaign.devolved_note.startswith("Children's services are devolved")


def test_a_minimal_campaign_loads_with_one_ask_and_letters_to_mps():
    files = authoring.minimal_files("Winter appeal", TODAY)
    campaign = load_campaign_files("winter-appeal", files, location="winter-appeal")
    assert campaign.title == "Winter appeal" and campaign.targets == ("mp",) and len(campaign.asks) == 1
    assert campaign.opens == TODAY and campaign.hashtag == "winterappeal"
    assert set(files) == {"campaign.toml", "letter_mp.md"}


def test_writing_to_councils_adds_the_council_letter_and_motion_it_needs():
    files = authoring.minimal_files("Winter appeal", TODAY)
    fields = authoring.read_fields(files["campaign.toml"])
    fields.targets = ["mp", "council"]
    changed = authoring.apply_fields(files, fields)
    assert set(changed) == {"campaign.toml", "letter_mp.md", "letter_council.md", "motion.md"}
    campaign = load_campaign_files("winter-appeal", changed, location="winter-appeal")
    assert set(campaign.templates) == {"letter_mp", "letter_council", "motion"}
    assert campaign.motion_title == "Winter appeal"


def test_a_copy_has_the_new_title_and_everything_else_of_the_original(files):
    copy = authoring.copied_files(files, "Bright Futures in the north")
    assert 'title = "Bright Futures in the north"' in copy["campaign.toml"]
    assert {name: text for name, text in copy.items() if name != "campaign.toml"} == {
        name: text for name, text in files.items() if name != "campaign.toml"}
    assert copy["campaign.toml"].replace("Bright Futures in the north", "X") == files["campaign.toml"].replace(
        "Bright Futures: fund children's services properly", "X")


def test_the_zip_unzips_into_a_campaign_folder_that_loads(files, tmp_path):
    data = authoring.folder_zip("winter-appeal", files)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == sorted(f"winter-appeal/{name}" for name in files)
        archive.extractall(tmp_path)
    campaign = load_campaign(tmp_path / "winter-appeal")
    assert campaign.slug == "winter-appeal" and campaign.title.startswith("Bright Futures")


@pytest.mark.parametrize("slug, message", [
    ("Winter Appeal", "lower-case letters, digits and hyphens"),
    ("-winter", "starting and ending with a letter or digit"),
    ("w", "2 to 80"),
    ("bright-futures", "There is already a campaign at /c/bright-futures"),
])
def test_a_web_address_that_cannot_be_used_says_why(slug, message):
    assert message in authoring.slug_problem(slug, {"bright-futures"})


def test_a_free_web_address_is_accepted():
    assert authoring.slug_problem("winter-appeal-2027", {"bright-futures"}) is None


def test_a_default_the_file_leaves_out_is_not_written_in():
    files = authoring.minimal_files("Winter appeal", TODAY)
    files["campaign.toml"] = files["campaign.toml"].replace("devolved_letters = true\n", "")
    fields = authoring.read_fields(files["campaign.toml"])
    assert fields.devolved_letters is True
    assert "devolved_letters" not in authoring.apply_fields(files, fields)["campaign.toml"]
    fields.devolved_letters = False
    assert "devolved_letters = false" in authoring.apply_fields(files, fields)["campaign.toml"]
