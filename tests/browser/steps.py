"""What a person does on a page, as functions, so a journey test reads like the person's steps.

Fields and buttons are found the way a person (or a screen reader) finds them: by their label or
their visible name. A field that loses its label therefore breaks the journey tests as well as the
axe check. Every step waits for the page as Playwright does, up to the context's timeout.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, Response

MAX_TABS = 40


def visit(page: Page, path: str, *, status: int = 200) -> Response:
    """Go to ``path`` on the live server and check the HTTP status a person's browser got."""
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, expected {status}"
    return response


def field(page: Page, label: str) -> Locator:
    """The form control whose label is exactly ``label`` (without "(optional)")."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}(\s*\(optional\))?\s*$"))


def fill_in(page: Page, label: str, value: str) -> None:
    field(page, label).fill(value)


def value_of(page: Page, label: str) -> str:
    return field(page, label).input_value()


def date_group(page: Page, legend: str) -> Locator:
    """A GOV.UK date input (Day, Month and Year boxes), found by its legend as a screen reader finds it."""
    return page.get_by_role("group", name=re.compile(rf"^\s*{re.escape(legend)}(\s*\(optional\))?\s*$"))


def fill_in_date(page: Page, legend: str, date: dt.date) -> None:
    group = date_group(page, legend)
    for part, value in (("Day", date.day), ("Month", date.month), ("Year", date.year)):
        group.get_by_label(part, exact=True).fill(str(value))


def date_typed(page: Page, legend: str) -> str:
    """What the Day, Month and Year boxes show, as "21 1 2027"."""
    group = date_group(page, legend)
    return " ".join(group.get_by_label(part, exact=True).input_value() for part in ("Day", "Month", "Year"))


def date_error(page: Page, legend: str) -> str:
    """The error message shown with a date input, as announced with its group (aria-describedby)."""
    group = date_group(page, legend)
    described_by = (group.get_attribute("aria-describedby") or "").split()
    errors = [page.locator(f"[id='{ident}']").inner_text().strip() for ident in described_by
              if ident.endswith("-error")]
    return " ".join(errors).replace("Error:", "").strip()


def tick(page: Page, label: str) -> None:
    """Tick a checkbox or choose a radio button by its label."""
    field(page, label).check()


def untick(page: Page, label: str) -> None:
    field(page, label).uncheck()


def button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


def link(page: Page, name: str) -> Locator:
    return page.get_by_role("link", name=name, exact=True)


def press_button(page: Page, name: str) -> None:
    """Click a button and wait for the page it leads to (forms post and the server answers)."""
    with page.expect_navigation():
        button(page, name).click()


def follow_link(page: Page, name: str) -> None:
    """Click a link and wait for the page it leads to."""
    with page.expect_navigation():
        link(page, name).click()


def download(page: Page, name: str, folder: Path) -> Path:
    """Follow the link or press the button called ``name`` and save the file it downloads into ``folder``."""
    target = page.get_by_role("link", name=name, exact=True).or_(button(page, name))
    with page.expect_download() as info:
        target.click()
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def error_summary(page: Page) -> list[str]:
    """The messages in the "There is a problem" summary, in order; empty when the page has none."""
    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="There is a problem"))
    if summary.count() == 0:
        return []
    return [text.strip() for text in summary.get_by_role("listitem").all_inner_texts()]


def field_error(page: Page, label: str) -> str:
    """The error message shown with a field, as a screen reader announces it (via aria-describedby)."""
    control = field(page, label)
    described_by = (control.get_attribute("aria-describedby") or "").split()
    errors = [page.locator(f"[id='{ident}']").inner_text().strip() for ident in described_by
              if ident.endswith("-error")]
    return " ".join(errors).replace("Error:", "").strip()


# --- keyboard --------------------------------------------------------------------------------------

def focused(page: Page) -> str:
    """A short description of the element that has focus, for messages: tag#id "text"."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'nothing (the page body)';
        const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40);
        return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`;
    }""")


def is_focused(locator: Locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab(page: Page, times: int = 1, *, backwards: bool = False) -> None:
    for _ in range(times):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")


def tab_to(page: Page, target: Locator, *, limit: int = MAX_TABS) -> int:
    """Press Tab until ``target`` has focus; return how many presses it took. Fails if it never does."""
    visited = []
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if is_focused(target):
            return presses
        visited.append(focused(page))
    raise AssertionError(f"{limit} Tab presses never reached {target}; focus went through: " + ", ".join(visited))


def assert_focus_is_visible(page: Page) -> None:
    """The focused element looks different from when it is not focused (WCAG 2.4.7), and the
    difference can be seen: an outline appears, or the box shadow, background, text colour, underline
    or border changes. Compared by blurring the element for a moment and focusing it again."""
    changes = page.evaluate("""() => {
        const el = document.activeElement;
        const look = () => {
            const s = getComputedStyle(el);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                && !/rgba\\(.*, 0\\)$|transparent/.test(s.outlineColor);
            return {outline: outline ? `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : 'none',
                    boxShadow: s.boxShadow, backgroundColor: s.backgroundColor, color: s.color,
                    textDecorationLine: s.textDecorationLine, borderColor: s.borderColor};
        };
        const withFocus = look();
        el.blur();
        const without = look();
        el.focus();
        return Object.keys(withFocus).filter(k => withFocus[k] !== without[k])
                     .map(k => `${k}: ${without[k]} -> ${withFocus[k]}`);
    }""")
    assert changes, f"{focused(page)} looks the same with and without focus"


# --- layout ----------------------------------------------------------------------------------------

def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when there is no sideways scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def elements_wider_than_window(page: Page) -> list[str]:
    """The elements that stick out past the right edge: where to look when there is sideways scrolling."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > width + 0.5)
            .slice(0, 10)
            .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                       + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''));
    }""")


def main_text(page: Page) -> str:
    return page.get_by_role("main").inner_text()

