"""The app's campaigns: loaded from the campaigns folder at start-up and validated completely."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from .loader import Campaign, campaign_folders, load_campaign
from .sample import sample_context
from .templating import TemplateProblem, TemplateProblems, Templates

EXTENSION = "advocacy.campaigns"


class CampaignRegistry:
    """Holds the loaded campaigns and the sandboxed templates that render them."""

    def __init__(self) -> None:
        self.campaigns: dict[str, Campaign] = {}
        self.templates = Templates()

    def add(self, campaign: Campaign) -> None:
        """Register a campaign's templates and render each with sample data. Raises TemplateProblems."""
        problems: list[TemplateProblem] = []
        for kind, template in campaign.templates.items():
            try:
                key = template_key(campaign.slug, kind)
                self.templates.register(key, template.source, template.filename, kind)
                self.templates.render(key, sample_context(campaign, kind))
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
        try:
            registry.add(load_campaign(folder))
        except TemplateProblems as exc:
            problems.extend(exc.problems)
    if problems:
        raise TemplateProblems(problems)
    return registry


def init_app(app: Flask) -> None:
    from ..config import ConfigError

    try:
        app.extensions[EXTENSION] = load_folder(Path(app.config["ADVOCACY_CAMPAIGNS_DIR"]))
    except TemplateProblems as exc:
        raise ConfigError("a campaign could not be loaded:\n  " + "\n  ".join(map(str, exc.problems))) from None


def registry() -> CampaignRegistry:
    return current_app.extensions[EXTENSION]


def get_campaign(slug: str) -> Campaign | None:
    return registry().campaigns.get(slug)


def open_campaigns() -> list[Campaign]:
    return sorted((c for c in registry().campaigns.values() if c.is_open()), key=lambda c: c.title)


def render_template_for(campaign: Campaign, kind: str, context: dict) -> str:
    """Render one of a campaign's templates (letter or motion) to Markdown."""
    return registry().render(campaign, kind, context)
