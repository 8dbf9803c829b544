"""Small counts are never shown exactly: 1 to 4 reads "fewer than 5", so no count can point at a person.

A breakdown whose total is printed could give a hidden cell away by subtraction (total 12, months 8 and
"fewer than 5" -> 4). When exactly one cell of a breakdown is hidden, the smallest other cell is shown as
"5 or more" too, which is true and leaves the hidden one unknowable.
"""

from __future__ import annotations

from typing import Sequence

THRESHOLD = 5
FEWER = f"fewer than {THRESHOLD}"
AT_LEAST = f"{THRESHOLD} or more"


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def shown(count: int) -> str:
    """'0', 'fewer than 5' or '1,234'."""
    if is_small(count):
        return FEWER
    return f"{count:,}"


def shown_breakdown(counts: Sequence[int]) -> list[str]:
    """Each count as ``shown``; plus one more cell withheld when exactly one is small (see module doc)."""
    cells = [shown(count) for count in counts]
    small = [i for i, count in enumerate(counts) if is_small(count)]
    if len(small) == 1:
        others = [i for i, count in enumerate(counts) if count >= THRESHOLD]
        if others:
            smallest = min(others, key=lambda i: (counts[i], -i))
            cells[smallest] = AT_LEAST
    return cells


def bar_width(count: int, largest: int) -> int:
    """Bar length in percent for a chart; 0 for a hidden count, whose size a bar would give away."""
    if is_small(count) or largest <= 0:
        return 0
    return max(1, round(count * 100 / largest))
