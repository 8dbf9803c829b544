"""Campaigns: folders of campaign.toml plus letter and motion templates, loaded and validated at start-up."""

from .loader import Ask, Campaign, NationOffer, TemplateSource, load_campaign
from .registry import get_campaign, init_app, open_campaigns, registry, render_template_for
from .templating import TemplateProblem, TemplateProblems

__all__ = ["Ask", "Campaign", "NationOffer", "TemplateProblem", "TemplateProblems", "TemplateSource", "get_campaign",
           "init_app", "load_campaign", "open_campaigns", "registry", "render_template_for"]
