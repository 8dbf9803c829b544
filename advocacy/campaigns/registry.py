"""The app's campaigns: loaded from the campaigns folder at start-up and validated completely.

Staff may then edit campaign files in the browser, open or close campaigns, and make new campaigns that
exist only in the database (see ``store`` and ``authoring``); those changes live in the database. A request
checks a cheap change stamp (at most once every ADVOCACY_CAMPAIGN_CHECK_SECONDS per process, so a busy public
page costs no query) and, when it moved, rebuilds the campaigns from the files on disk overlaid with the
newest saved versions. The process that saved sees the change on its next request; every other worker within
ADVOCACY_CAMPAIGN_CHECK_SECONDS.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path

from flask import Flask, current_app, has_request_context, request
from sqlalchemy.exc import SQLAlchemyError

from ..db import db
from . import store
from .loader import Campaign, campaign_folders, load_campaign_files, read_campaign_files
from .sample import longest_context, sample_context
from .templating import TemplateProblem, TemplateProblems, Templates

EXTENSION = "advocacy.campaigns"
log = logging.getLogger("advocacy.campaigns")


class CampaignRegistry:
    """Holds the loaded campaigns and the sandboxed templates that render them."""

    def __init__(self) -> None:
        self.campaigns: dict[str, Campaign] = {}
        self.templates = Templates()
        self.files: dict[str, dict[str, str]] = {}  # slug -> {file name: text} the campaign came from

    def add(self, campaign: Campaign) -> None:
        """Register a campaign's templates and render each with example data. Raises TemplateProblems."""
        problems: list[TemplateProblem] = []
        for kind, template in campaign.templates.items():
            try:
                key = template_key(campaign.slug, kind)
                self.templates.register(key, template.source, template.filename, kind)
                self.templates.render(key, sample_context(campaign, kind))
                self.templates.render(key, longest_context(campaign, kind))  # within budget with the most typed
            except TemplateProblems as exc:
                problems.extend(exc.problems)
        if problems:
            raise TemplateProblems(problems)
        self.campaigns[campaign.slug] = campaign

    def render(self, campaign: Campaign, kind: str, context: dict) -> str:
        return self.templates.render(template_key(campaign.slug, kind), context)


def template_key(slug: str, kind: str) -> str:
    return f"{slug}/{kind}"


def load_folder(root: Path) -> CampaignRegistry:
    """Load every campaign under ``root``. Raises TemplateProblems with every problem found."""
    registry = CampaignRegistry()
    problems: list[TemplateProblem] = []
    if not root.is_dir():
        raise TemplateProblems([TemplateProblem(str(root), None, "campaigns folder does not exist")])
    for folder in campaign_folders(root):
        files = read_campaign_files(folder)
        try:
            registry.add(load_campaign_files(folder.name, files, location=str(folder), folder=folder))
            registry.files[folder.name] = files
        except TemplateProblems as exc:
            problems.extend(exc.problems)
    if problems:
        raise TemplateProblems(problems)
    return registry


def load_files(slug: str, files: dict[str, str], *, location: str, folder: Path | None = None,
               status: str | None = None) -> CampaignRegistry:
    """Validate one campaign's files completely (fields, templates, a render with example data).

    Returns a registry holding just that campaign, ready to render previews. Raises TemplateProblems
    naming ``<location>/<file>``, the line and the reason.
    """
    campaign = load_campaign_files(slug, files, location=location, folder=folder)
    loaded = CampaignRegistry()
    loaded.add(dataclasses.replace(campaign, status=status))
    loaded.files[slug] = dict(files)
    return loaded


@dataclasses.dataclass
class _AppCampaigns:
    disk: CampaignRegistry  # as validated from the folder at start-up
    current: CampaignRegistry  # disk overlaid with the database's saved versions and statuses
    stamp: tuple[int, int] | None = None
    # Saved versions that no longer load (e.g. after an upgrade narrowed what templates may use):
    # the campaign falls back to its files on disk and staff pages show these problems.
    problems: dict[str, list[TemplateProblem]] = dataclasses.field(default_factory=dict)
    checked_until: float = 0.0  # time.monotonic() before which the stamp is not read again


def _overlay(disk: CampaignRegistry) -> tuple[CampaignRegistry, dict[str, list[TemplateProblem]]]:
    latest = store.latest_versions()
    statuses = store.status_overrides()
    current = CampaignRegistry()
    problems: dict[str, list[TemplateProblem]] = {}
    for slug, campaign in disk.campaigns.items():
        files = {**disk.files[slug], **{name: v.content for name, v in latest.get(slug, {}).items()}}
        try:
            loaded = load_files(slug, files, location=slug, folder=campaign.folder, status=statuses.get(slug))
            current.add(loaded.campaigns[slug])
        except TemplateProblems as exc:
            log.error("saved versions of campaign %s do not load; using the files on disk: %s", slug, exc)
            problems[slug] = exc.problems
            current.add(dataclasses.replace(campaign, status=statuses.get(slug)))
            files = disk.files[slug]
        current.files[slug] = files
    for slug, versions in latest.items():  # campaigns made on the staff pages: no folder, only saved files
        if slug in disk.campaigns:
            continue
        files = {name: v.content for name, v in versions.items()}
        try:
            current.add(load_files(slug, files, location=slug, status=statuses.get(slug)).campaigns[slug])
        except TemplateProblems as exc:
            log.error("campaign %s, made on the staff pages, does not load: %s", slug, exc)
            problems[slug] = exc.problems
            continue
        current.files[slug] = files
    return current, problems


def _refreshed(state: _AppCampaigns) -> CampaignRegistry:
    """The current campaigns, rebuilt when the database's change stamp has moved (checked once per request)."""
    # Once per request and once per ADVOCACY_CAMPAIGN_CHECK_SECONDS; outside requests (CLI, scripts) on
    # every call, which is as cheap.
    if has_request_context():
        if getattr(request, "_campaigns_checked", False) or time.monotonic() < state.checked_until:
            return state.current
        request._campaigns_checked = True
    try:
        stamp = store.change_stamp()
        if stamp != state.stamp:
            state.current, state.problems = _overlay(state.disk)
            state.stamp = stamp
        state.checked_until = time.monotonic() + current_app.config["ADVOCACY_CAMPAIGN_CHECK_SECONDS"]
    except SQLAlchemyError as exc:
        # No database yet (before `flask setup`) or it is down: serve the campaigns as on disk.
        db.session.rollback()
        log.debug("campaign overrides not read: %s", exc)
    return state.current


def init_app(app: Flask) -> None:
    from ..config import ConfigError

    try:
        disk = load_folder(Path(app.config["ADVOCACY_CAMPAIGNS_DIR"]))
    except TemplateProblems as exc:
        raise ConfigError("a campaign could not be loaded:\n  " + "\n  ".join(map(str, exc.problems))) from None
    app.extensions[EXTENSION] = _AppCampaigns(disk=disk, current=disk)


def registry() -> CampaignRegistry:
    return _refreshed(current_app.extensions[EXTENSION])


def campaigns_stamp() -> tuple[int, int] | None:
    """The change stamp of the campaigns this process serves now (part of cached public pages' keys)."""
    registry()
    return current_app.extensions[EXTENSION].stamp


def recheck_soon() -> None:
    """Read the change stamp again on the next request (called after this process saved a change)."""
    state = current_app.extensions.get(EXTENSION)
    if state is not None:
        state.checked_until = 0.0


def disk_registry() -> CampaignRegistry:
    """The campaigns exactly as in the campaigns folder, ignoring edits saved in the database."""
    return current_app.extensions[EXTENSION].disk


def saved_version_problems(slug: str) -> list[TemplateProblem]:
    """Problems that stop a campaign's saved versions from loading (it is served from disk meanwhile)."""
    registry()
    return current_app.extensions[EXTENSION].problems.get(slug, [])


def get_campaign(slug: str) -> Campaign | None:
    return registry().campaigns.get(slug)


def open_campaigns() -> list[Campaign]:
    return sorted((c for c in registry().campaigns.values() if c.is_open()), key=lambda c: c.title)


def render_template_for(campaign: Campaign, kind: str, context: dict) -> str:
    """Render one of a campaign's templates (letter or motion) to Markdown."""
    return registry().render(campaign, kind, context)
