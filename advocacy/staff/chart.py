"""Geometry for the server-rendered bar chart of actions per day (the template only draws it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WIDTH = 720
HEIGHT = 220
AXIS_LEFT = 48
AXIS_BOTTOM = 24
TOP_MARGIN = 12


@dataclass(frozen=True)
class Bar:
    day: dt.date
    total: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    max_total: int
    ticks: list[tuple[float, int]]  # (y, value) for the horizontal grid lines
    labels: list[tuple[float, str]]  # (x, text) for a few dates along the bottom
    baseline: float


def _nice_max(value: int) -> int:
    """A round number at least ``value`` (1, 2, 5 x 10^n) so the grid lines read easily."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def bar_chart(per_day: list[tuple[dt.date, int]]) -> Chart:
    baseline = HEIGHT - AXIS_BOTTOM
    plot_width = WIDTH - AXIS_LEFT
    top = _nice_max(max((n for _, n in per_day), default=0))
    slot = plot_width / max(len(per_day), 1)
    gap = slot * 0.15 if slot >= 4 else 0
    scale = (baseline - TOP_MARGIN) / top
    bars = [Bar(day, total, round(AXIS_LEFT + i * slot + gap / 2, 2), round(baseline - total * scale, 2),
                round(slot - gap, 2), round(total * scale, 2))
            for i, (day, total) in enumerate(per_day)]
    ticks = [(round(baseline - value * scale, 2), value) for value in (0, top // 2, top) if value or top]
    every = max(1, len(per_day) // 6)
    labels = [(round(AXIS_LEFT + i * slot + slot / 2, 2), day.strftime("%-d %b"))
              for i, (day, _) in enumerate(per_day) if i % every == 0]
    return Chart(WIDTH, HEIGHT, bars, top, sorted(set(ticks)), labels, baseline)


# --- Horizontal bars: one labelled bar per place (the public progress page's regions) ---

ROW_HEIGHT = 28
LABEL_WIDTH = 190  # room for "Yorkshire and The Humber" at 12px
VALUE_ROOM = 56  # the count printed after each bar


@dataclass(frozen=True)
class LabelledBar:
    label: str
    total: int
    y: float  # top of the bar
    length: float
    text_y: float  # baseline for the label and the count, centred on the bar


@dataclass(frozen=True)
class HorizontalChart:
    width: int
    height: int
    label_width: int
    bars: list[LabelledBar]
    max_total: int
    ticks: list[tuple[float, int]]  # (x, value) for the vertical grid lines


def horizontal_bar_chart(items: list[tuple[str, int]]) -> HorizontalChart:
    """One bar per (label, total), in the order given, on a shared scale from 0 to a round number."""
    top = _nice_max(max((n for _, n in items), default=0))
    plot = WIDTH - LABEL_WIDTH - VALUE_ROOM
    scale = plot / top
    bars = [LabelledBar(label, total, TOP_MARGIN + i * ROW_HEIGHT + 4, round(total * scale, 2),
                        TOP_MARGIN + i * ROW_HEIGHT + ROW_HEIGHT / 2 + 4)
            for i, (label, total) in enumerate(items)]
    ticks = sorted({(round(LABEL_WIDTH + value * scale, 2), value) for value in (0, top // 2, top)})
    height = TOP_MARGIN + len(items) * ROW_HEIGHT + AXIS_BOTTOM
    return HorizontalChart(WIDTH, height, LABEL_WIDTH, bars, top, ticks)
