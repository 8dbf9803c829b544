import re
import shutil
from pathlib import Path

import pytest

from advocacy import create_app
from advocacy.campaigns import TemplateProblems, load_campaign
from advocacy.campaigns.registry import load_folder
from advocacy.campaigns.templating import Templates, escape_markdown
from advocacy.config import ConfigError

from .conftest import base_config

BUNDLED = Path(__file__).resolve().parent.parent / "letters"


@pytest.fixture
def campaigns_dir(tmp_path):
    """A copy of the bundled campaigns that a test may break."""
    folder = tmp_path / "letters"
    shutil.copytree(BUNDLED, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(TemplateProblems) as raised:
        load_folder(folder)
    return [str(p) for p in raised.value.problems]


def test_the_bundled_campaign_loads_with_its_asks_targets_and_templates():
    campaign = load_campaign(BUNDLED / "bright-futures")
    assert campaign.slug == "bright-futures"
    assert campaign.hashtag == "gettingthebest"
    assert campaign.countries == ("England",)
    assert campaign.targets == ("mp", "council")
    assert {a.id for a in campaign.asks} >= {"fund", "early-intervention"}
    assert set(campaign.templates) == {"letter_mp", "letter_council", "motion"}
    assert re.fullmatch(r"[0-9a-f]{12}", campaign.templates["letter_mp"].version)


def test_a_missing_field_names_the_file_and_the_field(campaigns_dir):
    toml = campaigns_dir / "bright-futures" / "campaign.toml"
    edit(toml, 'hashtag = "gettingthebest"\n', "")
    assert problems_of(campaigns_dir) == [f"{toml}: missing required field 'hashtag'"]


def test_a_wrong_value_names_the_line_it_is_on(campaigns_dir):
    toml = campaigns_dir / "bright-futures" / "campaign.toml"
    edit(toml, 'targets = ["mp", "council"]', 'targets = ["mp", "mayor"]')
    line = next(n for n, text in enumerate(toml.read_text().splitlines(), 1) if text.startswith("targets"))
    [problem] = problems_of(campaigns_dir)
    assert problem.startswith(f"{toml}, line {line}: 'targets' has unknown value(s) 'mayor'")


def test_broken_toml_is_reported_with_its_line(campaigns_dir):
    toml = campaigns_dir / "bright-futures" / "campaign.toml"
    edit(toml, 'hashtag = "gettingthebest"', 'hashtag = "gettingthebest')
    [problem] = problems_of(campaigns_dir)
    assert problem.startswith(f"{toml}, line ") and "not valid TOML" in problem


def test_a_template_syntax_error_names_the_template_and_line(campaigns_dir):
    template = campaigns_dir / "bright-futures" / "letter_mp.md"
    template.write_text("Dear reader,\n\n{% for ask in asks %}\n- {{ ask.title }}\n")  # no endfor
    [problem] = problems_of(campaigns_dir)
    assert problem.startswith(f"{template}, line ")
    assert "endfor" in problem


def test_an_undefined_placeholder_names_the_template_line_and_name(campaigns_dir):
    template = campaigns_dir / "bright-futures" / "letter_mp.md"
    template.write_text("Dear {{ mp.name }},\n\nIn {{ constituency.nmae }} things are hard.\n")
    [problem] = problems_of(campaigns_dir)
    assert problem == f"{template}, line 3: there is no `constituency.nmae`; did you mean `constituency.name`?"


def test_an_unknown_top_level_name_is_refused_before_rendering(campaigns_dir):
    template = campaigns_dir / "bright-futures" / "motion.md"
    template.write_text("This council notes\n\n{{ config }}\n")
    [problem] = problems_of(campaigns_dir)
    assert problem.startswith(f"{template}, line 3: there is no `config`")


@pytest.mark.parametrize("attack", [
    "{{ ''.__class__.__mro__ }}",
    "{{ asks.__class__ }}",
    "{{ 'x'|attr('__class__') }}",
    "{{ '{0.__class__}'.format(campaign) }}",
])
def test_unsafe_template_code_is_refused_with_a_clear_error(campaigns_dir, attack):
    template = campaigns_dir / "bright-futures" / "letter_mp.md"
    template.write_text(f"Dear {{{{ mp.name }}}},\n{attack}\n")
    [problem] = problems_of(campaigns_dir)
    assert problem.startswith(str(template))
    assert "not allowed in a campaign template" in problem


def test_a_broken_campaign_stops_start_up_naming_the_file(campaigns_dir, tmp_path):
    edit(campaigns_dir / "bright-futures" / "campaign.toml", 'title = "Bright', 'titel = "Bright')
    with pytest.raises(ConfigError) as raised:
        create_app({**base_config(tmp_path, tmp_path / "db.sqlite3"), "ADVOCACY_CAMPAIGNS_DIR": str(campaigns_dir)})
    assert "campaign.toml: missing required field 'title'" in str(raised.value)


def test_campaigns_check_reports_every_template_as_ok(runner):
    result = runner.invoke(args=["campaigns", "check"])
    assert result.exit_code == 0
    assert "ok: bright-futures (letter_council, letter_mp, motion)" in result.output


def test_campaigns_check_reports_problems_in_a_draft_folder_and_fails(runner, campaigns_dir):
    (campaigns_dir / "bright-futures" / "motion.md").write_text("{{ council.name }\n")
    result = runner.invoke(args=["campaigns", "check", "--dir", str(campaigns_dir)])
    assert result.exit_code == 1
    assert "motion.md, line 1" in result.output


def test_values_typed_by_residents_print_literally_in_the_markdown():
    templates = Templates()
    templates.register("t/letter_mp", "Note: {{ personal }}\n", "t.md", "letter_mp")
    out = templates.render("t/letter_mp", {"personal": "**bold** [x](http://evil) # not a heading\n    code"})
    assert out == ("Note: \\*\\*bold\\*\\* \\[x\\]\\(http://evil\\) \\# not a heading\ncode\n")
    assert escape_markdown("3,097 (up 24%)") == "3,097 \\(up 24%\\)"


def test_a_closed_campaign_is_not_listed_as_open(campaigns_dir, make_app):
    edit(campaigns_dir / "bright-futures" / "campaign.toml", "opens = 2026-01-01", "opens = 2020-01-01\ncloses = 2020-12-31")
    app = make_app(ADVOCACY_CAMPAIGNS_DIR=str(campaigns_dir))  # a migrated database: the page shows case studies
    page = app.test_client().get("/").get_data(as_text=True)
    assert "no open campaigns" in page
    campaign_page = app.test_client().get("/c/bright-futures").get_data(as_text=True)
    assert "This campaign is closed" in campaign_page and 'name="postcode"' not in campaign_page


def test_send_for_me_is_off_unless_the_campaign_opts_in_under_letters_mp(campaigns_dir):
    assert load_campaign(BUNDLED / "bright-futures").send_for_me is False
    edit(campaigns_dir / "bright-futures" / "campaign.toml", "send_for_me = false", "send_for_me = true")
    assert load_folder(campaigns_dir).campaigns["bright-futures"].send_for_me is True


def test_send_for_me_must_be_true_or_false(campaigns_dir):
    toml = campaigns_dir / "bright-futures" / "campaign.toml"
    edit(toml, "send_for_me = false", 'send_for_me = "yes"')
    [problem] = problems_of(campaigns_dir)
    line = toml.read_text().splitlines().index('send_for_me = "yes"') + 1
    assert problem.endswith(f"campaign.toml, line {line}: [letters.mp] 'send_for_me' must be true or false (no quotes)")


def test_send_for_me_at_the_top_level_says_where_it_belongs(campaigns_dir):
    toml = campaigns_dir / "bright-futures" / "campaign.toml"
    edit(toml, 'hashtag = ', 'send_for_me = true\nhashtag = ')
    [problem] = problems_of(campaigns_dir)
    assert "'send_for_me' belongs under [letters.mp]" in problem
def test_subjects_and_openings_may_only_use_area_and_constituency(campaigns_dir):
    toml = campaigns_dir / "bright-futures" / "campaign.toml"
    edit(toml, "I live in {constituency}, and", "I live in {constituencey}, and")
    [problem] = problems_of(campaigns_dir)
    assert "[letters.mp] openings: unknown name {constituencey}" in problem
    assert "(known: {area}, {constituency})" in problem


def test_a_template_printing_the_opening_needs_openings(campaigns_dir):
    toml = campaigns_dir / "bright-futures" / "campaign.toml"
    text = toml.read_text()
    start = text.index("openings = [\n  \"I live in {area}")
    toml.write_text(text[:start] + text[text.index("]\n", start) + 2:])
    [problem] = problems_of(campaigns_dir)
    assert "template letter_council.md prints {{ opening }}, so [letters.council] needs 'openings'" in problem
