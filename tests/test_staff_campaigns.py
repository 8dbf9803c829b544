"""Editing campaign texts in the browser: validation, preview, versions, restoring, opening and closing."""

import pytest

from advocacy.actions import Place, record_action
from advocacy.actions.models import Action
from advocacy.campaigns import get_campaign
from advocacy.campaigns.sample import sample_local
from advocacy.db import db

EDIT = "/staff/c/bright-futures/files/letter_mp.md"
GOOD = "Dear {{ mp.name }},\n\nI live in {{ constituency.name }} and I want {{ campaign.title }} now.\n"


@pytest.fixture
def admin(client, staff):
    staff.sign_in("admin")
    return client


def save(client, content, based_on=0, path=EDIT):
    return client.post(path, data={"content": content, "based_on": str(based_on), "save": "1"})


def test_the_editor_shows_the_current_file(admin):
    page = admin.get(EDIT).get_data(as_text=True)
    assert "Edit <code>letter_mp.md</code>" in page
    assert "{{ opening }}" in page and "I am asking you to support the Bright Futures call" in page
    assert 'name="based_on" type="hidden" value="0"' in page


def test_a_saved_version_is_used_for_new_letters_with_its_own_template_version(app, admin):
    with app.app_context():
        before = get_campaign("bright-futures").templates["letter_mp"].version
    response = save(admin, GOOD)
    assert response.status_code == 302
    assert "Saved letter_mp.md as version 1" in admin.get(response.headers["Location"]).get_data(as_text=True)
    with app.test_request_context():
        template = get_campaign("bright-futures").templates["letter_mp"]
        assert template.source == GOOD
        assert template.version != before
        from advocacy.campaigns import render_template_for
        from advocacy.campaigns.sample import sample_context

        campaign = get_campaign("bright-futures")
        assert "I live in Leeds Central and Headingley" in render_template_for(
            campaign, "letter_mp", sample_context(campaign, "letter_mp"))


def test_another_process_picks_up_a_save_on_its_next_request(make_app, admin, app):
    # Two apps on one database stand for two worker processes.
    other = make_app(ADVOCACY_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"])
    with other.test_request_context():
        assert get_campaign("bright-futures").is_open()
    save(admin, GOOD)
    admin.post("/staff/c/bright-futures/status", data={"status": "closed"})
    with other.test_request_context():
        campaign = get_campaign("bright-futures")
        assert campaign.templates["letter_mp"].source == GOOD
        assert not campaign.is_open()


@pytest.mark.parametrize("attack", ["{{ ''.__class__ }}", "{{ campaign.__class__.__mro__ }}",
                                    "{{ 'x'|attr('__class__') }}"])
def test_unsafe_template_code_is_refused_with_the_line_and_nothing_is_saved(app, admin, attack):
    content = f"Dear {{{{ mp.name }}}},\n\n{attack}\n"
    response = save(admin, content)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This cannot be saved yet" in page
    assert "bright-futures/letter_mp.md</a>" not in page
    assert "bright-futures/letter_mp.md, line 3</a>: not allowed in a campaign template" in page
    assert "Nothing has been saved; your text is below." in page
    assert "__class__" in page.split('name="content"')[1]  # the text typed is still in the box
    with app.test_request_context():
        assert "__class__" not in get_campaign("bright-futures").templates["letter_mp"].source


@pytest.mark.parametrize("content, message", [
    ("Dear {{ mp.name }},\n{% for ask in asks %}\n- {{ ask.title }}\n",
     "line 3</a>: a `{% for %}` is never closed: add `{% endfor %}` where the part it repeats ends"),
    ("Dear {{ mp.name }},\n\nIn {{ constituency.nmae }} things are hard.\n",
     "line 3</a>: there is no `constituency.nmae`; did you mean `constituency.name`?"),
    ("Dear {{ mp.name }},\n\n{{ config }}\n", "line 3</a>: there is no `config`: the placeholders list"),
    ("Dear {{ mp.name }},\n\n{{ local.section74.sentence }}\n",
     "line 3</a>: there is no `local.section74`; did you mean `local.section47`?"),
    ("Dear {{ mp.name }},\n\n{{ mp name }}\n", "line 3</a>: this placeholder has a space or a missing dot in it"),
    ("Dear {{ mp.name }},\n\n{% endfro %}\n", "line 3</a>: `{% endfro %}` is not something a template "
                                                 "understands; did you mean `{% endfor %}`?"),
])
def test_template_mistakes_name_the_line_and_reason(admin, content, message):
    response = save(admin, content)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_broken_campaign_toml_names_its_line(admin):
    toml = admin.get("/staff/c/bright-futures/files/campaign.toml").get_data(as_text=True)
    assert "hashtag" in toml
    response = save(admin, 'title = "x"\ntargets = ["mp", "mayor"]\n', path="/staff/c/bright-futures/files/campaign.toml")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "bright-futures/campaign.toml, line 2</a>: &#39;targets&#39; has unknown value(s) &#39;mayor&#39;" in page


def test_preview_renders_for_the_example_council_and_saves_nothing(app, editing_admin):
    response = editing_admin.post(EDIT, data={"content": GOOD + "\n**{{ local.section47.latest_fmt }}** enquiries\n",
                                              "based_on": "0", "preview": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Preview for Hartlepool Borough Council" in page
    assert "<p>I live in Hartlepool and I want" in page
    assert f"<strong>{sample_local('E06000001')['section47']['latest_fmt']}</strong> enquiries" in page
    with app.app_context():
        from advocacy.campaigns.store import versions_of

        assert versions_of("bright-futures", "letter_mp.md") == []


def test_html_in_a_template_is_shown_as_text_in_the_preview(editing_admin):
    page = editing_admin.post(EDIT, data={"content": GOOD + "<script>alert(1)</script>\n", "based_on": "0",
                                  "preview": "1"}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_every_save_keeps_the_previous_version_and_one_can_be_restored(app, admin):
    first = save(admin, GOOD)
    second = save(admin, GOOD.replace("now", "this year"), based_on=1)
    assert first.status_code == second.status_code == 302
    history = admin.get(EDIT + "/history").get_data(as_text=True)
    assert "admin@example.org" in history and "in use" in history
    assert admin.get(EDIT + "/versions/1").get_data(as_text=True).count("want {{ campaign.title }} now") == 1

    restored = admin.post(EDIT + "/versions/1/restore", data={"based_on": "2"})
    assert restored.status_code == 302
    assert "Restored version 1 of letter_mp.md as version 3" in admin.get(restored.headers["Location"]).get_data(as_text=True)
    with app.test_request_context():
        from advocacy.campaigns.store import versions_of

        assert [(v.version, v.restored_from) for v in versions_of("bright-futures", "letter_mp.md")] == [
            (3, 1), (2, None), (1, None)]
        assert get_campaign("bright-futures").templates["letter_mp"].source == GOOD


def test_the_file_from_the_campaign_folder_can_be_restored(app, admin):
    with app.test_request_context():
        original = get_campaign("bright-futures").templates["letter_mp"]
    save(admin, GOOD)
    admin.post(EDIT + "/versions/0/restore", data={"based_on": "1"})
    with app.test_request_context():
        assert get_campaign("bright-futures").templates["letter_mp"].version == original.version


def test_a_save_from_a_stale_editor_is_refused_and_keeps_the_text(admin):
    save(admin, GOOD)
    response = save(admin, GOOD + "My own words.\n", based_on=0)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else saved this file while you were editing it" in page
    assert "My own words." in page


def test_actions_record_the_version_of_the_template_in_use(app, admin):
    save(admin, GOOD)
    with app.test_request_context():
        from advocacy.campaigns.store import content_sha

        template = get_campaign("bright-futures").templates["letter_mp"]
        assert template.version == content_sha(GOOD)[:12]
        record_action(campaign="bright-futures", kind="letter_mp", channel="pdf", place=Place(),
                      template_version=template.version)
        assert db.session.scalar(db.select(Action.template_version)) == content_sha(GOOD)[:12]
    manage = admin.get("/staff/c/bright-futures/manage").get_data(as_text=True)
    assert f"<code>{content_sha(GOOD)[:12]}</code>" in manage


def test_closing_a_campaign_hides_the_postcode_form_and_opening_brings_it_back(client, admin):
    assert 'name="postcode"' in client.get("/c/bright-futures").get_data(as_text=True)
    response = admin.post("/staff/c/bright-futures/status", data={"status": "closed"}, follow_redirects=True)
    assert "The campaign is closed" in response.get_data(as_text=True)
    page = client.get("/c/bright-futures").get_data(as_text=True)
    assert "This campaign is closed" in page and 'name="postcode"' not in page
    admin.post("/staff/c/bright-futures/status", data={"status": "dates"})
    assert 'name="postcode"' in client.get("/c/bright-futures").get_data(as_text=True)


def test_a_campaign_can_be_opened_before_its_dates(make_app, tmp_path):
    import shutil
    from pathlib import Path

    from .conftest import StaffAccounts

    folder = tmp_path / "letters"
    shutil.copytree(Path(__file__).resolve().parent.parent / "letters", folder)
    toml = folder / "bright-futures" / "campaign.toml"
    toml.write_text(toml.read_text().replace("opens = 2026-01-01", "opens = 2099-01-01"))
    app = make_app(ADVOCACY_CAMPAIGNS_DIR=str(folder))
    client = app.test_client()
    assert "This campaign is closed" in client.get("/c/bright-futures").get_data(as_text=True)
    StaffAccounts(app, client).sign_in("admin")
    client.post("/staff/c/bright-futures/status", data={"status": "open"})
    assert 'name="postcode"' in client.get("/c/bright-futures").get_data(as_text=True)


def test_only_the_campaigns_own_files_can_be_edited(admin):
    assert admin.get("/staff/c/bright-futures/files/..%2Fsecret_key").status_code == 404
    assert admin.get("/staff/c/bright-futures/files/other.md").status_code == 404
    assert admin.get("/staff/c/no-such-campaign/files/letter_mp.md").status_code == 404


def test_the_status_form_says_to_choose_an_option(admin):
    response = admin.post("/staff/c/bright-futures/status", data={})
    assert response.status_code == 400
    assert "Choose whether the campaign is open" in response.get_data(as_text=True)


def test_the_editor_works_without_javascript_and_loads_its_live_preview_from_this_site(admin):
    page = admin.get(EDIT).get_data(as_text=True)
    assert '<button class="button button--secondary" type="submit" name="preview" value="1">Preview</button>' in page
    assert '<script src="/static/js/staff-preview.js" defer></script>' in page
    assert admin.get("/static/js/staff-preview.js").status_code == 200
