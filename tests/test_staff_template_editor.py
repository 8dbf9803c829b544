"""The template editor for campaign staff who are not developers: placeholders with their meaning and
value for an example council, plain-worded mistakes, and the published and edited versions side by side."""

import re

import pytest

EDIT = "/staff/c/bright-futures/files/letter_mp.md"
MOTION = "/staff/c/bright-futures/files/motion.md"


def page_of(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def preview(client, content, example="unitary", path=EDIT):
    return client.post(path, data={"content": content, "based_on": "0", "example": example, "preview": "1"})


def current(client, path=EDIT) -> str:
    from html import unescape

    page = client.get(path).get_data(as_text=True)
    return unescape(page.split('name="content"')[1].split(">", 1)[1].split("</textarea>")[0]).lstrip("\n")


def test_the_panel_lists_each_placeholder_with_its_meaning_and_value_for_the_example(editing_admin):
    page = page_of(editing_admin.get(EDIT + "?example=district"))
    assert "Placeholders you can use" in page
    assert "Values for Maidstone Borough Council (England, district in Kent)" in page
    assert ("<dt><code>{{ mp.name }}</code></dt> <dd>The MP&#39;s name: "
            "<span class=\"placeholder-value\">Helen Grant</span>") in page
    # A district's children's services are the county's: the panel shows what the letter will say.
    assert ("<dt><code>{{ authority.name }}</code></dt> <dd>The council that runs children&#39;s services (the "
            "county for a district council): <span class=\"placeholder-value\">Kent</span>") in page
    assert "<code>{{ local.section47.sentence }}</code>" in page
    assert "A ready-made sentence about this measure" in page


def test_a_mistyped_placeholder_names_the_line_and_the_nearest_valid_name(editing_admin):
    text = current(editing_admin).replace("{{ local.section47.sentence }}", "{{ local.section74.sentence }}")
    response = preview(editing_admin, text)
    page = page_of(response)
    line = text.splitlines().index(next(l for l in text.splitlines() if "section74" in l)) + 1
    assert response.status_code == 400
    assert (f"bright-futures/letter_mp.md, line {line}</a>: there is no `local.section74`; "
            "did you mean `local.section47`?") in page
    assert "section74" in page.split('name="content"')[1]  # what was typed is kept


def test_a_syntax_error_is_explained_in_plain_words(editing_admin):
    response = preview(editing_admin, "Dear {{ mp.name }},\n\nI live in {{ constituency name }}.\n")
    page = page_of(response)
    assert "expected token" not in page
    assert "line 3</a>: this placeholder has a space or a missing dot in it" in page


def test_the_preview_shows_published_and_edited_letters_side_by_side_with_the_change_marked(editing_admin):
    text = current(editing_admin).replace("deserve the best start", "deserve the very best start")
    page = page_of(preview(editing_admin, text))
    assert "Preview for Hartlepool Borough Council (England, unitary)" in page
    letter = page.split('aria-label="Letter to the MP"')[1].split("</section>")[0]
    published = letter.split('data-version="published"')[1].split('data-version="edited"')[0]
    edited = letter.split('data-version="edited"')[1]
    assert re.search(r"<del class=\"diff-block\"><p>Children in Hartlepool deserve the best start", published)
    assert re.search(r"<ins class=\"diff-block\"><p>Children in Hartlepool deserve the very best start", edited)
    # Unchanged paragraphs are not marked.
    assert '<del class="diff-block"><p>I am asking you' not in published
    assert "Email to the MP" in page and "Subject: " in page
    assert "Dear Mr Jonathan Brash," in page


def test_an_unchanged_file_shows_no_differences(editing_admin):
    page = page_of(preview(editing_admin, current(editing_admin)))
    assert "diff-block" not in page
    assert "no changes" in page


def test_northern_ireland_example_shows_that_letter(editing_admin):
    page = page_of(preview(editing_admin, current(editing_admin), example="northern-ireland"))
    assert "Preview for Belfast City Council (Northern Ireland)" in page
    assert "Dear Claire Hanna," in page
    # Children's social care in Northern Ireland is not run by councils: the letter quotes England's figures,
    # exactly as a Belfast resident's letter would.
    assert '<option selected value="northern-ireland">' in page


def test_the_motion_preview_uses_the_example_council(editing_admin):
    page = page_of(preview(editing_admin, current(editing_admin, MOTION), example="scotland", path=MOTION))
    assert "Preview for Glasgow City Council (Scotland)" in page
    assert "Motion: " in page and "Glasgow City" in page
    assert "<code>{{ proposer.name }}</code>" in page


@pytest.mark.parametrize("example", ["unitary", "district", "scotland", "northern-ireland"])
def test_every_example_renders_the_shipped_templates(editing_admin, example):
    for path in (EDIT, "/staff/c/bright-futures/files/letter_council.md", MOTION):
        response = editing_admin.get(f"{path}?example={example}")
        assert response.status_code == 200
        assert "This cannot be saved yet" not in response.get_data(as_text=True)


def test_saving_still_makes_a_new_version_after_previewing(editing_admin):
    text = current(editing_admin).replace("deserve the best start", "deserve the very best start")
    response = editing_admin.post(EDIT, data={"content": text, "based_on": "0", "example": "district", "save": "1"})
    assert response.status_code == 302
    page = page_of(preview(editing_admin, text))
    assert "diff-block" not in page  # the saved version is now the published one
