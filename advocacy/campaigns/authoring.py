"""Making and changing campaigns without touching files: the fields of ``campaign.toml`` as plain values,
a minimal campaign to start from, a copy of an existing one, and a campaign folder as a zip.

``campaign.toml`` is edited in place with tomlkit, so comments, layout and every key this module does not
know about (a nation's offers, a future setting) are kept exactly as they were: the form changes only the
fields it shows.
"""

from __future__ import annotations

import datetime as dt
import io
import tomllib
import zipfile
from dataclasses import dataclass, field
from typing import Any, Mapping

import tomlkit
from tomlkit.items import AoT, Table

from .loader import COUNTRIES, SLUG, TARGETS

CAMPAIGN_FILE = "campaign.toml"


@dataclass
class AskFields:
    id: str
    title: str
    text: str  # the ask's words in letters
    motion_text: str = ""  # the ask's words in a council motion (optional; ``motion`` in campaign.toml)
    was: str = ""  # the id the ask had when the form was opened, so its other keys stay with it


@dataclass
class CampaignFields:
    """The fields of campaign.toml that staff edit through the form."""

    title: str
    summary: str
    hashtag: str
    opens: dt.date | None
    closes: dt.date | None = None
    description: str = ""
    countries: list[str] = field(default_factory=lambda: ["England"])
    devolved_letters: bool = True
    devolved_note: str = ""
    targets: list[str] = field(default_factory=lambda: ["mp"])
    measures: list[str] = field(default_factory=list)
    asks: list[AskFields] = field(default_factory=list)


def read_fields(toml_text: str) -> CampaignFields:
    """The form's fields from a campaign.toml (which has already loaded, so its shape is known to be right)."""
    data = tomllib.loads(toml_text)

    def text(value: Any) -> str:
        return value.strip() if isinstance(value, str) else ""

    asks = [AskFields(id=text(a.get("id")), title=text(a.get("title")), text=text(a.get("text")),
                      motion_text=text(a.get("motion")), was=text(a.get("id")))
            for a in data.get("asks", []) if isinstance(a, dict)]
    return CampaignFields(
        title=text(data.get("title")), summary=text(data.get("summary")), hashtag=text(data.get("hashtag")),
        opens=_date_or_none(data.get("opens")), closes=_date_or_none(data.get("closes")),
        description=text(data.get("description")),
        countries=[c for c in data.get("countries", []) if c in COUNTRIES],
        devolved_letters=bool(data.get("devolved_letters", True)), devolved_note=text(data.get("devolved_note")),
        targets=[t for t in data.get("targets", []) if t in TARGETS],
        measures=[m for m in data.get("measures", []) if isinstance(m, str)], asks=asks)


def _date_or_none(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def _unchanged(table: Any, key: str, value: Any) -> bool:
    """Whether ``key`` already holds ``value`` (texts compared without surrounding space): then it is left
    exactly as written."""
    if key not in table:
        return False
    old = table[key].unwrap() if hasattr(table[key], "unwrap") else table[key]
    return (old.strip() == value) if isinstance(old, str) and isinstance(value, str) else old == value


def _set(table: Any, key: str, value: Any) -> None:
    if not _unchanged(table, key, value):
        table[key] = value


def _set_text(table: Any, key: str, value: str) -> None:
    """Set a text key, or remove it when the value is empty (optional keys then take their defaults)."""
    if _unchanged(table, key, value):
        return
    if value:
        table[key] = tomlkit.string(value, multiline="\n" in value)
    elif key in table:
        del table[key]


def _array(values: list[str]) -> Any:
    array = tomlkit.array()
    array.extend(values)
    return array


def apply_fields(files: Mapping[str, str], fields: CampaignFields) -> dict[str, str]:
    """The campaign's files with ``fields`` written into campaign.toml; every other key is kept.

    Adding "council" to the targets also adds what letters to councils and motions need when the campaign
    has none yet: the [letters.council] and [motion] tables and plain starting templates.
    """
    files = dict(files)
    doc = tomlkit.parse(files[CAMPAIGN_FILE])
    for key in ("title", "summary", "hashtag"):
        _set_text(doc, key, getattr(fields, key))
    _set_text(doc, "description", fields.description)
    _set(doc, "countries", _array(fields.countries))
    if "devolved_letters" in doc or not fields.devolved_letters:  # true is the default: not written unasked
        _set(doc, "devolved_letters", fields.devolved_letters)
    _set_text(doc, "devolved_note", fields.devolved_note)
    _set(doc, "targets", _array(fields.targets))
    if fields.opens is not None:
        _set(doc, "opens", fields.opens)
    if fields.closes is not None:
        _set(doc, "closes", fields.closes)
    elif "closes" in doc:
        del doc["closes"]
    _set(doc, "measures", _array(fields.measures))
    _write_asks(doc, fields.asks)
    for target in fields.targets:
        _add_target(doc, files, target, fields.title)
    files[CAMPAIGN_FILE] = tomlkit.dumps(doc)
    return files


def _write_asks(doc: Any, asks: list[AskFields]) -> None:
    old = doc.get("asks")
    by_id = {str(t.get("id")): t for t in old} if isinstance(old, AoT) else {}
    tables = []
    for ask in asks:
        table = by_id.pop(ask.was, None) if ask.was else None
        if table is None:
            table = tomlkit.table()
        _set_text(table, "id", ask.id)
        _set_text(table, "title", ask.title)
        _set_text(table, "text", ask.text)
        _set_text(table, "motion", ask.motion_text)
        tables.append(table)
    if isinstance(old, AoT):
        # Change the array in place so it stays where it was in the file, with its comments.
        while len(old):
            old.pop(0)
        for table in tables:
            old.append(table)
    else:
        doc["asks"] = tomlkit.aot()
        for table in tables:
            doc["asks"].append(table)


STARTING_TEMPLATES = {
    "letter_mp.md": """I am writing to you as your constituent to ask for your support.

{% for ask in asks %}
- **{{ ask.title }}.** {{ ask.text }}
{% endfor %}
{% if personal %}

{{ personal }}
{% endif %}

Please let me know what you will do.
""",
    "letter_council.md": """I live in {{ council.name }}'s area and I am writing to ask the council for its support.

{% for ask in asks %}
- **{{ ask.title }}.** {{ ask.text }}
{% endfor %}
{% if personal %}

{{ personal }}
{% endif %}

Please let me know whether the council will table the motion, and when.
""",
    "motion.md": """## This council resolves

{% for ask in asks %}
{{ loop.index }}. To call on the Government to act: {{ ask.title }}. {{ ask.text }}
{% endfor %}
""",
}


def _add_target(doc: Any, files: dict[str, str], target: str, title: str) -> None:
    """Give a target the tables and templates the loader needs, unless the campaign already has them."""
    wanted = {"mp": [("letters", "mp", "letter_mp.md")],
              "council": [("letters", "council", "letter_council.md"), ("motion", None, "motion.md")]}[target]
    for top, sub, template in wanted:
        parent = doc
        if sub is not None:
            if top not in doc:
                doc[top] = tomlkit.table(is_super_table=True)
            parent, key = doc[top], sub
        else:
            key = top
        if key in parent:
            continue
        table = tomlkit.table()
        table["template"] = template
        if top == "letters":
            table["subjects"] = _array([title])
        else:
            table["title"] = title
        parent[key] = table
        files.setdefault(template, STARTING_TEMPLATES[template])


def minimal_files(title: str, today: dt.date) -> dict[str, str]:
    """A campaign with one ask and letters to MPs: the smallest campaign that loads, to fill in."""
    doc = tomlkit.document()
    doc.add(tomlkit.comment("Made on the staff pages. Format: docs/campaign-staff.md, \"Writing a campaign\"."))
    doc["title"] = title
    doc["summary"] = "One or two sentences saying what this campaign asks for."
    doc["hashtag"] = "".join(ch for ch in title.lower() if ch.isalnum())[:30] or "campaign"
    doc["countries"] = _array(["England"])
    doc["devolved_letters"] = True
    doc["targets"] = _array(["mp"])
    doc["opens"] = today
    doc["measures"] = _array([])
    asks = tomlkit.aot()
    ask = tomlkit.table()
    ask["id"] = "first-ask"
    ask["title"] = "What you ask for"
    ask["text"] = "One or two sentences that say it plainly."
    asks.append(ask)
    doc["asks"] = asks
    files = {CAMPAIGN_FILE: ""}
    _add_target(doc, files, "mp", title)
    files[CAMPAIGN_FILE] = tomlkit.dumps(doc)
    return files


def copied_files(files: Mapping[str, str], title: str) -> dict[str, str]:
    """A copy of a campaign's files under a new title (everything else as it was)."""
    files = dict(files)
    doc = tomlkit.parse(files[CAMPAIGN_FILE])
    doc["title"] = title
    files[CAMPAIGN_FILE] = tomlkit.dumps(doc)
    return files


def slug_problem(slug: str, taken: set[str]) -> str | None:
    """Why ``slug`` cannot be a new campaign's web address, or None."""
    if not SLUG.match(slug):
        return ("Use 2 to 80 lower-case letters, digits and hyphens, starting and ending with a letter or digit, "
                "like winter-appeal")
    if slug in taken:
        return f"There is already a campaign at /c/{slug}: choose another web address"
    return None


def folder_zip(slug: str, files: Mapping[str, str]) -> bytes:
    """The campaign as a folder ``<slug>/`` in a zip: unzip it into letters/ to ship it with the project."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(f"{slug}/{name}", files[name])
    return buffer.getvalue()
