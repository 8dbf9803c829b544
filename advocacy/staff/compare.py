"""Two versions of a text, side by side, with what changed marked (the template editor's preview)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    text: str
    changed: bool  # removed (in the old version) or added (in the new one)


@dataclass(frozen=True)
class Comparison:
    old: list[Block]
    new: list[Block]

    @property
    def changes(self) -> int:
        return sum(b.changed for b in self.old) + sum(b.changed for b in self.new)


def paragraphs(markdown: str) -> list[str]:
    """Markdown split into its blank-line separated blocks (paragraphs, list items, headings)."""
    return [block.strip("\n") for block in markdown.replace("\r\n", "\n").split("\n\n") if block.strip()]


def compare(old: list[str], new: list[str]) -> Comparison:
    """Blocks of each version, each marked when it is not in the other version at that place."""
    old_blocks: list[Block] = []
    new_blocks: list[Block] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        same = tag == "equal"
        old_blocks.extend(Block(text, not same) for text in old[i1:i2])
        new_blocks.extend(Block(text, not same) for text in new[j1:j2])
    return Comparison(old_blocks, new_blocks)
