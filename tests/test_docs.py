"""The documentation agrees with the code: every setting is in the operators' table, every command exists."""

import re
from pathlib import Path

from advocacy.config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
READERS = ("residents-and-councillors", "campaign-staff", "operators", "data", "architecture")
# Read by create_app itself (it locates the instance folder before the settings are parsed).
KNOWN = {s.name for s in SETTINGS} | {"ADVOCACY_INSTANCE_PATH"}


def configuration_table_settings() -> set[str]:
    """The settings named in the first column of docs/operators.md's "Configuration" table."""
    text = (DOCS / "operators.md").read_text()
    table = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in table.splitlines():
        if row.startswith("| `ADVOCACY_"):
            first = row.split("|")[1]
            base = re.search(r"`(ADVOCACY_[A-Z0-9_]+)`", first).group(1)
            names.add(base)
            # "`ADVOCACY_SMTP_HOST` / `_PORT` / ..." documents several settings in one row
            stem = base.rsplit("_", 1)[0]
            names.update(stem + suffix for suffix in re.findall(r"`(_[A-Z0-9_]+)`", first))
    return names


def make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", makefile, flags=re.M))


def test_every_setting_is_documented_in_the_operators_configuration_table():
    assert KNOWN - configuration_table_settings() == set()


def test_the_operators_table_documents_no_setting_the_app_does_not_read():
    assert configuration_table_settings() - KNOWN == set()


def test_every_make_target_the_readme_names_exists():
    readme = (ROOT / "README.md").read_text()
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", readme))
    assert {"run", "test"} <= named
    assert named - make_targets() == set()


def test_the_readme_stays_under_150_lines_and_links_every_readers_guide():
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) < 150
    for name in READERS:
        assert (DOCS / f"{name}.md").is_file(), name
        assert f"](docs/{name}.md)" in readme, name


def test_links_and_pictures_in_the_docs_point_at_files_that_exist():
    for page in [ROOT / "README.md", *DOCS.glob("*.md")]:
        text = page.read_text()
        targets = re.findall(r"\]\(([^)#\s]+\.(?:md|png))(?:#[^)]*)?\)", text) + re.findall(r'src="([^"]+)"', text)
        for target in targets:
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"


def test_every_picture_has_a_description():
    for page in DOCS.glob("*.md"):
        for tag in re.findall(r"<img [^>]*>", page.read_text()):
            assert re.search(r'alt="[^"]{20,}"', tag), f"{page.name}: {tag}"
