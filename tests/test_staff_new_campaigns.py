"""New campaigns from the staff pages: copy one or start blank, edit campaign.toml's fields through a form,
check, open, and download as a campaign folder, all without restarting the app."""

import io
import zipfile

import pytest

from advocacy.campaigns import get_campaign, registry
from advocacy.campaigns.loader import load_campaign

NEW = "/staff/campaigns/new"
SETTINGS = "/staff/c/winter-appeal/settings"


def make_campaign(client, start="copy:bright-futures", title="Winter appeal", slug="winter-appeal"):
    return client.post(NEW, data={"start": start, "title": title, "slug": slug})


def settings(**changes):
    """The settings form of a blank campaign as a person would fill it in."""
    data = {"title": "Winter appeal", "summary": "Keep children warm this winter.", "description": "",
            "hashtag": "keepwarm", "countries": ["England"], "devolved_letters": "y", "devolved_note": "",
            "targets": ["mp"], "opens": "2026-01-01", "closes": "", "measures": "section47, cpp",
            "asks-0-was": "first-ask", "asks-0-id": "heating", "asks-0-title": "Fund winter heating help",
            "asks-0-text": "Give councils money for winter heating support.",
            "asks-0-motion_text": "to fund winter heating support",
            "based_on": "1", "save": "1"}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_an_admin_copies_a_campaign_and_it_is_served_at_once_but_closed(app, admin):
    response = make_campaign(admin)
    assert response.status_code == 302 and response.headers["Location"].endswith(SETTINGS)
    page = admin.get(SETTINGS).get_data(as_text=True)
    assert "Made Winter appeal at /c/winter-appeal. It is closed" in page
    assert 'value="Winter appeal"' in page and "Bring back the Early Intervention Grant in full" in page
    with app.test_request_context():
        campaign = get_campaign("winter-appeal")
        assert campaign.title == "Winter appeal" and not campaign.is_open()
        assert len(campaign.asks) == len(get_campaign("bright-futures").asks)
    public = admin.get("/c/winter-appeal").get_data(as_text=True)
    assert "Winter appeal" in public and 'name="postcode"' not in public


def test_opening_it_on_the_manage_page_lets_residents_start(admin):
    make_campaign(admin)
    admin.post("/staff/c/winter-appeal/status", data={"status": "open"})
    assert 'name="postcode"' in admin.get("/c/winter-appeal").get_data(as_text=True)


def test_another_process_serves_the_new_campaign_once_it_checks_again(make_app, app, admin):
    from advocacy.campaigns.registry import recheck_soon

    other = make_app(ADVOCACY_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"])  # a second worker process
    with other.test_request_context():
        assert get_campaign("winter-appeal") is None
    make_campaign(admin, start="minimal")
    with other.test_request_context():
        recheck_soon()  # as when ADVOCACY_CAMPAIGN_CHECK_SECONDS have passed since its last look
        assert get_campaign("winter-appeal").title == "Winter appeal"


def test_a_blank_campaign_has_one_ask_and_letters_to_mps(app, admin):
    make_campaign(admin, start="minimal")
    with app.test_request_context():
        campaign = get_campaign("winter-appeal")
        assert campaign.targets == ("mp",) and [a.id for a in campaign.asks] == ["first-ask"]
        assert sorted(registry().files["winter-appeal"]) == ["campaign.toml", "letter_mp.md"]


@pytest.mark.parametrize("slug, message", [
    ("bright-futures", "There is already a campaign at /c/bright-futures: choose another web address"),
    ("winter appeal!", "Use 2 to 80 lower-case letters, digits and hyphens"),
    ("", "Enter the web address, like winter-appeal"),
])
def test_a_web_address_that_cannot_be_used_is_explained_and_the_title_kept(admin, slug, message):
    response = make_campaign(admin, slug=slug)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page and 'value="Winter appeal"' in page


def test_viewers_cannot_make_or_change_campaigns(client, staff):
    staff.sign_in("viewer")
    assert client.get(NEW).status_code == 403
    assert make_campaign(client).status_code == 403
    assert client.get("/staff/c/bright-futures/settings").status_code == 403
    assert client.get("/staff/c/bright-futures/folder.zip").status_code == 403


def test_saving_the_settings_changes_the_campaign_and_keeps_what_the_form_does_not_show(app, admin):
    make_campaign(admin, start="minimal")
    response = admin.post(SETTINGS, data=settings(closes="2027-03-31", targets=["mp", "council"]))
    assert response.status_code == 302
    assert "Saved the campaign&#39;s settings" in admin.get(response.headers["Location"]).get_data(as_text=True)
    with app.test_request_context():
        campaign = get_campaign("winter-appeal")
        assert campaign.summary == "Keep children warm this winter." and campaign.hashtag == "keepwarm"
        assert campaign.targets == ("mp", "council") and campaign.measures == ("section47", "cpp")
        assert [(a.id, a.title) for a in campaign.asks] == [("heating", "Fund winter heating help")]
        assert str(campaign.closes) == "2027-03-31"
        toml = registry().files["winter-appeal"]["campaign.toml"]
        assert "# Made on the staff pages." in toml  # the comment the form does not show
        assert 'motion = "to fund winter heating support"' in toml


def test_settings_of_a_shipped_campaign_keep_its_comments(app, admin):
    page = admin.get("/staff/c/bright-futures/settings").get_data(as_text=True)
    assert "Fully fund children&#39;s services" in page and 'value="gettingthebest"' in page
    admin.post("/staff/c/bright-futures/settings", data={
        **settings(based_on="0", title="Bright Futures", countries=["England", "Wales"], targets=["mp", "council"]),
        "asks-0-was": "fund", "asks-0-id": "fund"})
    with app.test_request_context():
        campaign = get_campaign("bright-futures")
        assert campaign.title == "Bright Futures" and campaign.countries == ("England", "Wales")
        assert "# true offers \"Send it for me\"" in registry().files["bright-futures"]["campaign.toml"]


@pytest.mark.parametrize("changes, message", [
    ({"closes": "2025-12-31"}, "The closing date must be on or after the opening date"),
    ({"opens": "31/02/2027"}, "The opening date must be a real date, like 21 1 2027"),
    ({"opens": ""}, "Enter the day the campaign opens, like 31 1 2027"),
    ({"countries": None}, "Tick at least one nation where the campaign&#39;s figures apply"),
    ({"targets": None}, "Tick who residents write to: MPs, councils or both"),
    ({"hashtag": "keep warm"}, "A hashtag is one word"),
    ({"asks-0-id": "Heating Help"}, "Ask 1: The short name may use only lower-case letters, digits and hyphens"),
    ({"asks-0-remove": "y"}, "Keep at least one ask: residents choose from them"),
    ({"measures": "section 47"}, "section 47 is not a figure&#39;s short name"),
])
def test_a_problem_in_the_settings_is_explained_and_nothing_typed_is_lost(app, admin, changes, message):
    make_campaign(admin, start="minimal")
    response = admin.post(SETTINGS, data=settings(summary="A summary I typed.", **changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page and message in page
    assert "A summary I typed." in page and 'value="Fund winter heating help"' in page
    with app.test_request_context():
        assert get_campaign("winter-appeal").summary != "A summary I typed."


def test_a_measure_the_templates_cannot_use_is_refused_with_the_file_and_line(admin):
    make_campaign(admin)  # the copy's templates use local.section47 and local.cpp
    response = admin.post(SETTINGS, data={**settings(measures="cla", targets=["mp", "council"]),
                                          "asks-0-was": "fund"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This cannot be saved yet" in page and "winter-appeal/letter_mp.md, line " in page
    assert "add the figure to &#34;Local figures used&#34;" in page


def test_check_shows_the_letters_beside_the_published_ones_and_saves_nothing(app, admin):
    make_campaign(admin, start="minimal")
    response = admin.post(SETTINGS, data=settings(save=None, check="1"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No problems found" in page
    shown = page.split('id="previews"')[1]
    assert '<ins class="diff-block">' in shown and "Fund winter heating help" in shown.split('data-version="edited"')[1]
    with app.test_request_context():
        assert [a.id for a in get_campaign("winter-appeal").asks] == ["first-ask"]


def test_adding_an_ask_keeps_everything_typed(admin):
    make_campaign(admin, start="minimal")
    data = settings(summary="Typed before adding.")
    del data["save"]
    page = admin.post(SETTINGS, data={**data, "add_ask": "1"}).get_data(as_text=True)
    assert "Typed before adding." in page and 'value="Fund winter heating help"' in page
    assert 'name="asks-1-title"' in page and "Ask 2" in page


def test_an_empty_ask_can_be_removed_without_filling_it_in(app, admin):
    make_campaign(admin, start="minimal")
    response = admin.post(SETTINGS, data=settings(**{"asks-1-was": "", "asks-1-id": "", "asks-1-title": "",
                                                     "asks-1-text": "", "asks-1-remove": "y"}))
    assert response.status_code == 302
    with app.test_request_context():
        assert [a.id for a in get_campaign("winter-appeal").asks] == ["heating"]


def test_no_more_than_twenty_asks_can_be_added(admin):
    make_campaign(admin, start="minimal")
    data = settings()
    del data["save"]
    for n in range(1, 20):
        data |= {f"asks-{n}-was": "", f"asks-{n}-id": f"ask-{n}", f"asks-{n}-title": "T", f"asks-{n}-text": "T"}
    response = admin.post(SETTINGS, data={**data, "add_ask": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="asks-19-title"' in page and 'name="asks-20-title"' not in page
    assert "A campaign can have up to 20 asks." in page


def test_a_second_ask_is_saved(app, admin):
    make_campaign(admin, start="minimal")
    admin.post(SETTINGS, data=settings(**{"asks-1-was": "", "asks-1-id": "insulation",
                                          "asks-1-title": "Insulate homes", "asks-1-text": "Fund insulation."}))
    with app.test_request_context():
        assert [a.id for a in get_campaign("winter-appeal").asks] == ["heating", "insulation"]


def test_a_save_from_a_stale_form_is_refused_and_keeps_the_text(app, admin):
    make_campaign(admin, start="minimal")
    admin.post(SETTINGS, data=settings(title="First change"))
    response = admin.post(SETTINGS, data=settings(title="Second change", based_on="1"))
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else saved this campaign while you were editing it" in page and "Second change" in page
    with app.test_request_context():
        assert get_campaign("winter-appeal").title == "First change"


def test_a_staff_made_campaign_downloads_as_a_folder_that_loads(admin, tmp_path):
    make_campaign(admin, start="minimal")
    admin.post(SETTINGS, data=settings())
    response = admin.get("/staff/c/winter-appeal/folder.zip")
    assert response.headers["Content-Disposition"] == 'attachment; filename="winter-appeal.zip"'
    zipfile.ZipFile(io.BytesIO(response.data)).extractall(tmp_path)
    campaign = load_campaign(tmp_path / "winter-appeal")
    assert campaign.hashtag == "keepwarm" and campaign.asks[0].title == "Fund winter heating help"


def test_the_manage_page_offers_settings_and_the_download(admin):
    make_campaign(admin, start="minimal")
    page = admin.get("/staff/c/winter-appeal/manage").get_data(as_text=True)
    assert "/staff/c/winter-appeal/settings" in page and "/staff/c/winter-appeal/folder.zip" in page
    assert "made on the staff pages and is kept in the database" in page
    assert "made on the staff pages" not in admin.get("/staff/c/bright-futures/manage").get_data(as_text=True)


def test_a_staff_made_campaign_has_no_file_in_a_campaign_folder_to_restore(admin):
    make_campaign(admin, start="minimal")
    history = admin.get("/staff/c/winter-appeal/files/letter_mp.md/history").get_data(as_text=True)
    assert "The file in the campaign folder" not in history
    assert admin.get("/staff/c/winter-appeal/files/letter_mp.md/versions/0").status_code == 404
    assert admin.get("/staff/c/winter-appeal/files/letter_mp.md").status_code == 200


def test_the_staff_home_page_links_admins_to_a_new_campaign(client, staff):
    staff.sign_in("admin")
    assert 'href="/staff/campaigns/new"' in client.get("/staff/").get_data(as_text=True)


def test_a_staff_made_campaign_exports_from_the_command_line_as_a_folder_that_loads(admin, runner, tmp_path):
    make_campaign(admin, start="minimal")
    admin.post(SETTINGS, data=settings())
    result = runner.invoke(args=["campaigns", "export", "winter-appeal", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert load_campaign(tmp_path / "winter-appeal").hashtag == "keepwarm"
    again = runner.invoke(args=["campaigns", "export", "winter-appeal", str(tmp_path)])
    assert again.exit_code == 1 and "already exists" in again.output


def test_exporting_an_unknown_campaign_says_how_to_find_the_right_name(runner, tmp_path):
    result = runner.invoke(args=["campaigns", "export", "no-such", str(tmp_path)])
    assert result.exit_code == 1 and "there is no campaign 'no-such'; `campaigns list` shows them" in result.output
