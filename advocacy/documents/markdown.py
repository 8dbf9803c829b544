"""Markdown (the output of campaign templates) to safe HTML and to plain text, from one token stream.

Raw HTML is off, so ``<b>`` in a letter is printed as the four characters, never as markup; images are
off, so nothing in a letter can make the PDF renderer fetch anything. Values typed by residents arrive
backslash-escaped (see advocacy.campaigns.templating.escape_markdown); the parser resolves the escapes, so
"*not bold*" prints with its asterisks in every rendering.
"""

from __future__ import annotations

import copy
from typing import Iterable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from .typography import typeset

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")


def parse(source: str) -> list[Token]:
    """The token stream every rendering starts from."""
    return _md.parse(source)


def typeset_tokens(tokens: Iterable[Token]) -> list[Token]:
    """A copy of ``tokens`` with print typography (curly quotes, non-breaking spaces) on every text run.

    Works on whole inline runs so a quote after a bold word still knows what came before it.
    """
    return typeset_in_place(copy.deepcopy(list(tokens)))


def typeset_in_place(result: list[Token]) -> list[Token]:
    """``typeset_tokens`` on tokens the caller owns (just parsed): no copy."""
    for token in result:
        if token.type != "inline" or not token.children:
            continue
        before = ""
        for child in token.children:
            if child.type == "text":
                child.content = typeset(child.content, before)
                before = child.content[-1:] or before
            elif child.type in ("softbreak", "hardbreak"):
                before = " "
            elif child.type == "code_inline":
                before = child.content[-1:] or before
    return result


def render_html(tokens: list[Token]) -> Markup:
    """HTML for a token stream; safe to place in a page because the parser never lets markup through."""
    return Markup(_md.renderer.render(tokens, _md.options, {}))


def to_html(source: str, *, typography: bool = True) -> Markup:
    tokens = parse(source)
    return render_html(typeset_in_place(tokens) if typography else tokens)


def inline_text(children: Iterable[Token] | None) -> str:
    """The visible text of an inline run: emphasis dropped, links as 'text (address)'."""
    parts: list[str] = []
    href: str | None = None
    link_start = 0
    for child in children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            link_start = len(parts)
        elif child.type == "link_close":
            label = "".join(parts[link_start:])
            if href and href != label and href != f"mailto:{label}":
                parts.append(f" ({href})")
            href = None
    return "".join(parts)


def render_text(tokens: list[Token]) -> str:
    """Plain text: paragraphs separated by a blank line, lists as '- ' and '1. ', nested lists indented."""
    lines: list[str] = []
    lists: list[dict] = []  # open lists, innermost last: ordered?, next number, indent of their items
    prefix: str | None = None  # marker waiting for the first line of the current list item
    content_indent = ""  # indent for further lines of the current list item

    def blank() -> None:
        if lines and lines[-1] != "":
            lines.append("")

    def emit(text: str) -> None:
        nonlocal prefix
        first, *rest = text.split("\n")
        if prefix is not None:
            lines.append(prefix + first)
            prefix = None
        else:
            lines.append(content_indent + first)
        lines.extend(content_indent + line for line in rest)

    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if not lists:
                blank()
            lists.append({"ordered": kind == "ordered_list_open", "next": int(token.attrGet("start") or 1),
                          "indent": content_indent})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            content_indent = lists.pop()["indent"]
            if not lists:
                blank()
        elif kind == "list_item_open":
            current = lists[-1]
            marker = f"{current['next']}. " if current["ordered"] else "- "
            current["next"] += 1
            prefix = current["indent"] + marker
            content_indent = current["indent"] + " " * len(marker)
        elif kind == "inline":
            emit(inline_text(token.children))
        elif kind in ("fence", "code_block"):
            emit(token.content.rstrip("\n"))
            blank()
        elif kind == "hr":
            emit("----")
            blank()
        elif kind in ("paragraph_close", "heading_close") and not token.hidden:
            blank()  # hidden paragraphs are the items of a tight list: one line each, no gap
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines)


def to_text(source: str) -> str:
    return render_text(parse(source))
