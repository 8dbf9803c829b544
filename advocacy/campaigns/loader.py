"""Reading campaign folders (``letters/<slug>/campaign.toml`` plus templates) into Campaign objects.

Every problem is reported with the file, the line where there is one, and what is wrong, and loading
collects all problems before failing so one run shows everything to fix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .templating import TemplateProblem, TemplateProblems

COUNTRIES = ("England", "Scotland", "Wales", "Northern Ireland")
TARGETS = ("mp", "council")
COUNCIL_RECIPIENTS = ("leader", "children_lead")
TEMPLATE_KINDS = ("letter_mp", "letter_council", "motion")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,78}[a-z0-9]$")


OFFERS = ("mp", "council", "motion")


@dataclass(frozen=True)
class Ask:
    id: str
    title: str
    text: str
    nations: tuple[str, ...] = COUNTRIES  # where the ask applies (the Early Intervention Grant is England's)
    # The ask as a council resolution's action, following "asking the Government": "to fully fund ...".
    motion: str = ""

    @property
    def resolution(self) -> str:
        """The ask's words in a motion: its own motion wording, else a neutral action around its title."""
        return self.motion or f"to act on this call: {self.title}"


@dataclass(frozen=True)
class NationOffer:
    """What a campaign offers residents of one nation, and why (shown before they write)."""

    nation: str
    offers: tuple[str, ...]  # from OFFERS: letters to the MP or council, the council motion
    local_figures: bool  # letters quote the council's own figures (else England's, said to be England's)
    why: str


@dataclass(frozen=True)
class TemplateSource:
    kind: str  # letter_mp | letter_council | motion
    source: str
    filename: str
    subjects: tuple[str, ...] = ()
    openings: tuple[str, ...] = ()

    @property
    def version(self) -> str:
        """Content hash: the same wording always has the same version, on every machine."""
        return hashlib.sha256(self.source.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Campaign:
    slug: str
    title: str
    summary: str
    description: tuple[str, ...]  # paragraphs of plain text for the campaign page
    hashtag: str
    asks: tuple[Ask, ...]
    countries: tuple[str, ...]  # where children's services figures and letters apply as normal
    devolved_letters: bool  # whether residents elsewhere in the UK may still write
    devolved_note: str
    targets: tuple[str, ...]
    opens: dt.date
    closes: dt.date | None
    measures: tuple[str, ...]
    send_for_me: bool
    motion_title: str
    templates: dict[str, TemplateSource] = field(default_factory=dict)
    offers: dict[str, NationOffer] = field(default_factory=dict)  # nation -> what is offered there
    council_recipients: tuple[str, ...] = ("leader",)  # who a council letter is addressed to
    folder: Path | None = None
    # Set by staff ("open" or "closed") to override the dates; None follows opens/closes.
    status: str | None = None

    def is_open(self, today: dt.date | None = None) -> bool:
        if self.status is not None:
            return self.status == "open"
        today = today or dt.date.today()
        return self.opens <= today and (self.closes is None or today <= self.closes)

    def ask(self, ask_id: str) -> Ask | None:
        return next((a for a in self.asks if a.id == ask_id), None)

    def offer_for(self, nation: str | None) -> NationOffer:
        """What this campaign offers in ``nation`` (the campaign's first country when it is not known)."""
        return self.offers.get(nation or "") or self.offers[self.countries[0] if self.countries else "England"]

    def asks_for(self, nation: str | None) -> tuple[Ask, ...]:
        """The asks that apply where the resident lives."""
        where = nation or (self.countries[0] if self.countries else "England")
        return tuple(ask for ask in self.asks if where in ask.nations)


class _Problems:
    def __init__(self, filename: str, source: str) -> None:
        self.filename = filename
        self.source = source
        self.items: list[TemplateProblem] = []

    def add(self, message: str, key: str | None = None, line: int | None = None) -> None:
        if line is None and key is not None:
            line = _line_of_key(self.source, key)
        self.items.append(TemplateProblem(self.filename, line, message))


def _line_of_key(source: str, key: str) -> int | None:
    match = re.search(rf"^\s*(\[+\s*)?{re.escape(key)}\b", source, re.MULTILINE)
    return source.count("\n", 0, match.start()) + 1 if match else None


def _text(data: dict, key: str, problems: _Problems, *, required: bool = True, default: str = "") -> str:
    value = data.get(key)
    if value is None:
        if required:
            problems.add(f"missing required field '{key}'")
        return default
    if not isinstance(value, str) or not value.strip():
        problems.add(f"'{key}' must be non-empty text", key)
        return default
    return value.strip()


def _list_of(data: dict, key: str, allowed: tuple[str, ...], problems: _Problems) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        problems.add(f"missing required field '{key}' (a list from: {', '.join(allowed)})")
        return ()
    if not isinstance(value, list) or not value:
        problems.add(f"'{key}' must be a non-empty list", key)
        return ()
    bad = [v for v in value if v not in allowed]
    if bad:
        problems.add(f"'{key}' has unknown value(s) {', '.join(map(repr, bad))}; use: {', '.join(allowed)}", key)
    return tuple(v for v in value if v in allowed)


def _date(data: dict, key: str, problems: _Problems, *, required: bool) -> dt.date | None:
    value = data.get(key)
    if value is None:
        if required:
            problems.add(f"missing required field '{key}' (a date like 2026-01-31)")
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        problems.add(f"'{key}' must be a date like 2026-01-31 (no quotes)", key)
        return None
    return value


def _strings(value: Any, key: str, problems: _Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.add(f"'{key}' must be a list of non-empty texts", key)
        return ()
    return tuple(v.strip() for v in value)


def _send_for_me(data: dict, letters: Any, problems: _Problems) -> bool:
    """``send_for_me`` under [letters.mp]: may residents ask the app to email their letter to their MP?"""
    if data.get("send_for_me") is not False and "send_for_me" in data:  # a stray "= false" up there is harmless
        problems.add("'send_for_me' belongs under [letters.mp] (sending is offered for letters to MPs only); "
                     "move the line there", "send_for_me")
        return False
    table = letters.get("mp") if isinstance(letters, dict) else None
    if not isinstance(table, dict) or "send_for_me" not in table:
        return False
    value = table["send_for_me"]
    if not isinstance(value, bool):
        problems.add("[letters.mp] 'send_for_me' must be true or false (no quotes)", "send_for_me")
        return False
    return value
VARIANT_NAMES = ("area", "constituency")  # what subjects and openings may say in {braces}
_BRACED = re.compile(r"\{([^{}]*)\}")
_USES_OPENING = re.compile(r"\{\{-?\s*opening\b")


def _check_variants(template: TemplateSource, label: str, problems: _Problems) -> None:
    """Subjects and openings may only use {area} and {constituency}; a template that prints the opening
    needs at least one."""
    for key, texts in (("subjects", template.subjects), ("openings", template.openings)):
        for text in texts:
            for name in _BRACED.findall(text):
                if name not in VARIANT_NAMES:
                    problems.add(f"[{label}] {key}: unknown name {{{name}}} in {text!r} (known: "
                                 f"{', '.join('{' + n + '}' for n in VARIANT_NAMES)})", key)
    if _USES_OPENING.search(template.source) and not template.openings:
        problems.add(f"[{label}] template {template.filename.rsplit('/', 1)[-1]} prints {{{{ opening }}}}, so "
                     f"[{label}] needs 'openings', a list of at least one opening sentence", label)


def read_campaign_files(folder: Path) -> dict[str, str]:
    """The editable files of a campaign folder: campaign.toml and its templates, {file name: text}."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())
            if path.is_file() and (path.name == "campaign.toml" or path.suffix == ".md")}


def load_campaign(folder: Path) -> Campaign:
    """Load and validate one campaign folder. Raises TemplateProblems listing everything wrong."""
    return load_campaign_files(folder.name, read_campaign_files(folder) if folder.is_dir() else {},
                               location=str(folder), folder=folder)


def load_campaign_files(slug: str, files: Mapping[str, str], *, location: str,
                        folder: Path | None = None) -> Campaign:
    """Load and validate a campaign from its files' texts ({file name: text}), wherever they are kept.

    Disk folders and versions saved in the database both come through here, so both are checked the
    same way. Problems name ``<location>/<file name>``. Raises TemplateProblems listing everything wrong.
    """
    filename = f"{location}/campaign.toml"
    source = files.get("campaign.toml")
    if source is None:
        raise TemplateProblems([TemplateProblem(filename, None, "campaign.toml is missing")])
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise TemplateProblems(
            [TemplateProblem(filename, int(match.group(1)) if match else None, f"not valid TOML: {exc}")]
        ) from None

    problems = _Problems(filename, source)
    if not SLUG.match(slug):
        problems.add(f"folder name {slug!r} is not a valid slug (lower-case letters, digits and hyphens)")

    asks: list[Ask] = []
    raw_asks = data.get("asks")
    if not isinstance(raw_asks, list) or not raw_asks:
        problems.add("missing required field 'asks' (at least one [[asks]] table)", "asks")
    else:
        for number, raw in enumerate(raw_asks, start=1):
            if not isinstance(raw, dict):
                problems.add(f"ask {number} must be a table", "asks")
                continue
            ask_problems = _Problems(filename, source)
            ask = Ask(
                id=_text(raw, "id", ask_problems),
                title=_text(raw, "title", ask_problems),
                text=_text(raw, "text", ask_problems),
                nations=(_list_of(raw, "nations", COUNTRIES, ask_problems) if "nations" in raw else COUNTRIES),
                motion=raw["motion"].strip() if isinstance(raw.get("motion"), str) else "",
            )
            if "motion" in raw and not isinstance(raw["motion"], str):
                ask_problems.add("'motion' must be text, like \"to fully fund children's services\"", "asks")
            for problem in ask_problems.items:
                problems.add(f"ask {number}: {problem.message}", "asks")
            asks.append(ask)
        ids = [a.id for a in asks]
        if len(ids) != len(set(ids)):
            problems.add("two asks share an id; each ask needs its own 'id'", "asks")

    targets = _list_of(data, "targets", TARGETS, problems)
    templates: dict[str, TemplateSource] = {}
    letters = data.get("letters", {})
    motion = data.get("motion", {})
    wanted = {"letter_mp": ("mp" in targets, letters.get("mp"), "letters.mp"),
              "letter_council": ("council" in targets, letters.get("council"), "letters.council"),
              "motion": ("council" in targets, motion or None, "motion")}
    for kind, (needed, table, label) in wanted.items():
        if table is None:
            if needed:
                problems.add(f"missing required table [{label}] with a 'template' file name")
            continue
        if not isinstance(table, dict):
            problems.add(f"[{label}] must be a table", label.split(".")[-1])
            continue
        template_name = _text(table, "template", problems)
        if not template_name:
            continue
        if template_name not in files:  # only plain names of files beside campaign.toml are keys
            problems.add(f"[{label}] template file {template_name!r} not found in {location}", "template")
            continue
        templates[kind] = TemplateSource(
            kind=kind,
            source=files[template_name],
            filename=f"{location}/{template_name}",
            subjects=_strings(table.get("subjects"), "subjects", problems),
            openings=_strings(table.get("openings"), "openings", problems),
        )
        if kind.startswith("letter") and not templates[kind].subjects:
            problems.add(f"[{label}] needs 'subjects', a list of at least one email subject line", label)
        if kind.startswith("letter"):
            _check_variants(templates[kind], label, problems)

    description = _text(data, "description", problems, required=False)
    countries = _list_of(data, "countries", COUNTRIES, problems)
    devolved_letters = bool(data.get("devolved_letters", True))
    devolved_note = _text(data, "devolved_note", problems, required=False,
                          default="Children's services are devolved where you live.")
    council = letters.get("council") if isinstance(letters, dict) else None
    recipients = ("leader",)
    if isinstance(council, dict) and "recipients" in council:
        recipients = _list_of(council, "recipients", COUNCIL_RECIPIENTS, problems) or recipients
    campaign = Campaign(
        slug=slug,
        title=_text(data, "title", problems),
        summary=_text(data, "summary", problems),
        description=tuple(p.strip() for p in description.split("\n\n") if p.strip()),
        hashtag=_text(data, "hashtag", problems).lstrip("#"),
        asks=tuple(asks),
        countries=countries,
        devolved_letters=devolved_letters,
        devolved_note=devolved_note,
        targets=targets,
        opens=_date(data, "opens", problems, required=True) or dt.date.min,
        closes=_date(data, "closes", problems, required=False),
        measures=_strings(data.get("measures"), "measures", problems),
        send_for_me=_send_for_me(data, letters, problems),
        motion_title=_text(motion, "title", problems, required=False, default=_text(
            data, "title", _Problems(filename, source), required=False)) if isinstance(motion, dict) else "",
        templates=templates,
        folder=folder,
        offers=_offers(data.get("nations"), countries, targets if len(targets) == len(data.get("targets") or ())
                       else (), devolved_letters, devolved_note, problems),
        council_recipients=recipients,
    )
    if campaign.closes and campaign.closes < campaign.opens:
        problems.add("'closes' is before 'opens'", "closes")
    if problems.items:
        raise TemplateProblems(problems.items)
    return campaign


def _offers(raw: Any, countries: tuple[str, ...], targets: tuple[str, ...], devolved_letters: bool,
            devolved_note: str, problems: _Problems) -> dict[str, NationOffer]:
    """Each nation's offer: from [nations.<name>] tables where the campaign has them, else worked out from
    'countries' and 'devolved_letters' (campaigns written before per-nation offers)."""
    found: dict[str, NationOffer] = {}
    for nation in COUNTRIES:
        if nation in countries:
            offers = (*targets, "motion") if "council" in targets else targets
            found[nation] = NationOffer(nation, offers, True, "")
        else:
            found[nation] = NationOffer(nation, ("mp",) if devolved_letters and "mp" in targets else (), False,
                                        devolved_note)
    if raw is None:
        return found
    if not isinstance(raw, dict):
        problems.add("[nations] must be tables like [nations.England]", "nations")
        return found
    for nation, table in raw.items():
        label = f"nations.{nation}" if " " not in nation else f'nations."{nation}"'
        if nation not in COUNTRIES:
            problems.add(f"[{label}]: unknown nation (known: {', '.join(COUNTRIES)})", "nations")
            continue
        if not isinstance(table, dict):
            problems.add(f"[{label}] must be a table", "nations")
            continue
        # offers = [] is allowed: the campaign offers nothing there (the page says so, and why)
        offers = _list_of(table, "offers", OFFERS, problems) if table.get("offers", []) != [] else ()
        missing = [o for o in offers if (o if o != "motion" else "council") not in targets]
        if missing and targets:  # (wrong targets are reported once, under 'targets')
            problems.add(f"[{label}] offers {', '.join(missing)}, which the campaign's 'targets' do not include",
                         "nations")
        figures = table.get("figures", "local")
        if figures not in ("local", "england"):
            problems.add(f"[{label}] 'figures' must be \"local\" or \"england\"", "nations")
        found[nation] = NationOffer(nation, offers, figures == "local",
                                    _text(table, "why", problems, required=False, default=""))
    return found


def campaign_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
