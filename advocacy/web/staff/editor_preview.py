"""What the template editor shows beside the text: the placeholders a file may use, with their values for
the chosen example council, and each output (letter, email, motion) as published and as edited, side by
side, with the differences marked."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from ...campaigns import Campaign
from ...campaigns.registry import CampaignRegistry
from ...campaigns.templating import TemplateProblems
from ...staff.compare import Comparison, compare, paragraphs
from ...staff.template_examples import Example, Placeholder, context_for, outputs_for, placeholders

# Markdown for the preview only: raw HTML in a template is shown as text, never run.
_markdown = MarkdownIt("commonmark", {"html": False})

KIND_LABELS = {"letter_mp": "Letter to an MP", "letter_council": "Letter to a council", "motion": "Council motion"}


def kinds_for(campaign: Campaign, filename: str) -> list[str]:
    """The templates a file feeds: its own, or all of them for campaign.toml."""
    return [kind for kind, template in sorted(campaign.templates.items())
            if filename == "campaign.toml" or template.filename.endswith("/" + filename)]


@dataclass(frozen=True)
class PlaceholderGroup:
    kind: str
    label: str
    items: list[Placeholder]


def placeholder_groups(campaign: Campaign, filename: str, item: Example) -> list[PlaceholderGroup]:
    return [PlaceholderGroup(kind, KIND_LABELS.get(kind, kind), placeholders(context_for(item, campaign, kind)))
            for kind in kinds_for(campaign, filename)]


@dataclass(frozen=True)
class SideBySide:
    title: str
    old: list[tuple[Markup, bool]]  # (HTML of a block, changed?)
    new: list[tuple[Markup, bool]]
    changes: int
    problem: str | None = None  # the published version could not be rendered for this example


def _block_html(text: str, markdown: bool) -> Markup:
    if markdown:
        return Markup(_markdown.render(text))
    return Markup('<div class="diff-text">') + escape(text) + Markup("</div>")


def _side_by_side(title: str, old: str | None, new: str, markdown: bool, problem: str | None = None) -> SideBySide:
    split = paragraphs if markdown else (lambda text: text.splitlines())
    result: Comparison = compare(split(old) if old is not None else [], split(new))
    return SideBySide(title, [(_block_html(b.text, markdown), b.changed) for b in result.old],
                      [(_block_html(b.text, markdown), b.changed) for b in result.new],
                      result.changes if old is not None else 0, problem)


def side_by_side(published: CampaignRegistry, edited: CampaignRegistry, slug: str, filename: str,
                 item: Example) -> list[SideBySide]:
    """Each output the edited file affects, for the example, published next to edited."""
    new_campaign = edited.campaigns[slug]
    old_campaign = published.campaigns.get(slug)
    shown = []
    for kind in kinds_for(new_campaign, filename):
        new_outputs = outputs_for(item, new_campaign, kind, edited.render)
        problem = None
        try:
            old_outputs = outputs_for(item, old_campaign, kind, published.render) if old_campaign else []
        except TemplateProblems as exc:  # e.g. the published version uses a name this example lacks
            old_outputs, problem = [], "; ".join(p.message for p in exc.problems)
        for index, output in enumerate(new_outputs):
            old = old_outputs[index] if index < len(old_outputs) else None
            markdown = output.markdown is not None
            old_text = (old.markdown if markdown else old.text) if old else None
            shown.append(_side_by_side(output.title, old_text, output.markdown if markdown else output.text,
                                       markdown, problem))
    return shown
