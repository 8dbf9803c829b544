"""Word (.docx) motions that democratic services can edit: built from the Markdown token stream with the
document's real styles (Title, Heading 1/2, List Number, List Bullet, Normal), so headings show in the
navigation pane and numbered points renumber themselves when a point is added or removed.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from markdown_it.token import Token

from .content import Motion
from .markdown import parse, typeset_in_place
from .typography import typeset

DocxDocument = Any  # python-docx's Document object (its class is not exported under a stable name)


def _list_style(ordered: bool, depth: int) -> str:
    base = "List Number" if ordered else "List Bullet"
    return base if depth == 1 else f"{base} {min(depth, 3)}"


def _restarted_numbering(document: DocxDocument, style_name: str, start: int) -> int:
    """A new numbering instance for ``style_name`` that starts again at ``start``; returns its numId.

    Word continues a numbered style's count through the whole document unless a paragraph points at its
    own numbering instance; one instance per list makes each "This council ..." section start at 1.
    """
    numbering = document.part.numbering_part.element
    style_num_id = document.styles[style_name].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _add_runs(paragraph: Any, children: list[Token] | None) -> None:
    bold = italic = False
    href: str | None = None
    label: list[str] = []
    for child in children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold or None, italic or None
            if href is not None:
                label.append(child.content)
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind == "link_open":
            href, label = str(child.attrGet("href") or ""), []
        elif kind == "link_close":
            if href and href != "".join(label):
                paragraph.add_run(f" ({href})")
            href = None


def add_markdown(document: DocxDocument, markdown: str) -> None:
    """Append Markdown to a python-docx document as styled paragraphs."""
    tokens = typeset_in_place(parse(markdown))
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    top = min(levels, default=1)
    lists: list[dict] = []  # innermost last: ordered?, style, numId
    heading: str | None = None
    first_in_item = False

    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading = f"Heading {min(int(token.tag[1]) - top + 1, 9)}"
        elif kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            style = _list_style(ordered, len(lists) + 1)
            num_id = _restarted_numbering(document, style, int(token.attrGet("start") or 1)) if ordered else None
            lists.append({"style": style, "num_id": num_id})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            first_in_item = True
        elif kind == "inline":
            if heading:
                paragraph = document.add_paragraph(style=heading)
                heading = None
            elif lists and first_in_item:
                current = lists[-1]
                paragraph = document.add_paragraph(style=current["style"])
                if current["num_id"] is not None:
                    paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = current["num_id"]
                first_in_item = False
            elif lists:
                paragraph = document.add_paragraph(style="List Continue")
            else:
                paragraph = document.add_paragraph()
            _add_runs(paragraph, token.children)
        elif kind in ("fence", "code_block"):
            document.add_paragraph(token.content.rstrip("\n"))


def motion_docx(motion: Motion, *, now: dt.datetime | None = None) -> bytes:
    """The motion as a Word document: title, council and meeting, then the motion with its headings and
    numbered points; core properties (title, author, subject) filled in."""
    document = Document()
    now = now or dt.datetime.now(dt.timezone.utc)
    properties = document.core_properties
    properties.title = motion.title
    properties.subject = f"Notice of motion, {motion.council}, {motion.heading_line}"
    properties.author = motion.proposer or motion.council
    properties.last_modified_by = properties.author
    properties.comments = ""
    properties.keywords = "motion"
    properties.language = "en-GB"
    properties.created = properties.modified = now.replace(microsecond=0, tzinfo=None)
    properties.revision = 1

    document.add_paragraph(typeset(motion.title), style="Title")
    document.add_paragraph(typeset(f"Notice of motion: {motion.council}, {motion.heading_line}"), style="Subtitle")
    add_markdown(document, motion.body)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
