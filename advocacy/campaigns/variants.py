"""Which subject line and opening a letter gets. Campaigns may offer several of each in campaign.toml
(``subjects``, ``openings`` in ``[letters.mp]`` / ``[letters.council]``); each letter gets one of each at
random, so an MP's inbox is not a wall of identical subjects. The indexes are recorded with the letter,
and the choice takes a ``random.Random`` so tests (and a replay) can fix the seed."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .loader import TemplateSource

_SYSTEM_RANDOM = random.SystemRandom()


@dataclass(frozen=True)
class LetterVariant:
    subject_index: int
    opening_index: int | None  # None: the campaign offers no openings

    def subject(self, template: TemplateSource, **names: str) -> str:
        return fill(template.subjects[self.subject_index], **names)

    def opening(self, template: TemplateSource, **names: str) -> str:
        """The opening sentence(s), or "" when the campaign offers none."""
        if self.opening_index is None or not template.openings:
            return ""
        return fill(template.openings[self.opening_index % len(template.openings)], **names)

    def to_dict(self) -> dict[str, int | None]:
        return {"subject_index": self.subject_index, "opening_index": self.opening_index}

    @classmethod
    def from_dict(cls, data: dict | None, template: TemplateSource) -> "LetterVariant":
        """Back from a session or draft; an index the campaign no longer has (after an edit) is redrawn."""
        data = data or {}
        subject, opening = data.get("subject_index"), data.get("opening_index")
        if not isinstance(subject, int) or not 0 <= subject < len(template.subjects):
            return choose_variant(template)
        if template.openings and (not isinstance(opening, int) or not 0 <= opening < len(template.openings)):
            opening = _SYSTEM_RANDOM.randrange(len(template.openings))
        return cls(subject, opening if template.openings else None)


def choose_variant(template: TemplateSource, rng: random.Random | None = None) -> LetterVariant:
    """One subject and one opening, each drawn uniformly from the campaign's lists."""
    rng = rng or _SYSTEM_RANDOM
    subject = rng.randrange(len(template.subjects)) if template.subjects else 0
    opening = rng.randrange(len(template.openings)) if template.openings else None
    return LetterVariant(subject, opening)


def fill(text: str, **names: str) -> str:
    """Replace ``{area}``, ``{constituency}`` and the like; unknown or missing names are left as they are
    (a campaign typo shows in `campaigns check`, never as a crash in a resident's journey)."""
    for name, value in names.items():
        text = text.replace("{" + name + "}", value or "")
    return text
