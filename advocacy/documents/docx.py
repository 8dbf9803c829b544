"""Word (.docx) motions that democratic services can edit: built from the Markdown token stream with the
document's real styles (Title, Heading 1/2, List Number, List Bullet, Normal), so headings show in the
navigation pane and numbered points renumber themselves when a point is added or removed.

Laid out like the PDF (static/css/print.css): A4, the same margins, Liberation Sans (Arial's metrics) at
the same sizes and line heights, the council and meeting in the page header, "Page x of y" fields in the
footer, signature and date lines for proposer and seconder, and the "received by democratic services"
box. Clerks edit this file, so it must be as good as the PDF; a test converts it with LibreOffice and
compares its pages and text with the app's PDF.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from markdown_it.token import Token

from .content import RECEIVED_FIELDS, RECEIVED_TITLE, Motion
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


FONT = "Liberation Sans"  # the PDF's font; Word without it substitutes Arial, which has the same metrics
BLACK = RGBColor(0, 0, 0)
# (size pt, line height pt, space before, space after, bold): print.css's sizes, line-height 1.32 (1.2 for
# headings) and margins in mm.
STYLES: dict[str, tuple[float, float, float, float, bool]] = {
    "Normal": (10, 13.2, 0, 2.8, False),
    "Title": (16, 19.2, 0, 6, True),
    "Subtitle": (9, 11.9, 0, 2, False),
    "Heading 1": (12.5, 15, 6, 2.5, True),
    "Heading 2": (11, 13.2, 5, 2, True),
    "Heading 3": (10, 12, 4, 2, True),
    "List Number": (10, 13.2, 0, 2.8, False),
    "List Bullet": (10, 13.2, 0, 0.6, False),
    "List Bullet 2": (10, 13.2, 0, 0.6, False),
    "List Number 2": (10, 13.2, 0, 0.6, False),
    "List Continue": (10, 13.2, 0, 2.8, False),
    "Header": (8.5, 11, 0, 0, False),
    "Footer": (8.5, 11, 0, 0, False),
}
LIST_INDENTS = {"List Number": 7, "List Bullet": 7, "List Number 2": 14, "List Bullet 2": 14, "List Continue": 7}
TEXT_WIDTH_MM = 210 - 22 - 20


def _plain_font(style: Any, size: float, bold: bool) -> None:
    """The style's font as the PDF's: Liberation Sans, black, no theme font or colour (Word's default
    headings are Calibri Light in blue)."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    style.font.size, style.font.bold, style.font.italic = Pt(size), bold, False
    style.font.color.rgb = BLACK
    for name in ("w:spacing", "w:kern"):  # Title's wide letter spacing
        for element in rpr.findall(qn(name)):
            rpr.remove(element)


def _set_styles(document: DocxDocument) -> None:
    for name, (size, line, before, after, bold) in STYLES.items():
        style = document.styles[name]
        _plain_font(style, size, bold)
        paragraph = style.paragraph_format
        paragraph.line_spacing_rule, paragraph.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
        paragraph.space_before, paragraph.space_after = Mm(before), Mm(after)
        if name.startswith("Heading") or name == "Title":
            paragraph.keep_with_next = True
        ppr = style.element.get_or_add_pPr()
        for name_ in ("w:pBdr", "w:contextualSpacing"):  # Title's blue rule; lists' squeezed spacing
            for element in ppr.findall(qn(name_)):
                ppr.remove(element)
        if name in LIST_INDENTS:
            paragraph.left_indent, paragraph.first_line_indent = Mm(LIST_INDENTS[name]), Mm(-6 if "Number" in name
                                                                                              else -4)
        paragraph.widow_control = True
    document.styles["Subtitle"].font.all_caps = True
    if "Signature Line" not in [s.name for s in document.styles]:
        line = document.styles.add_style("Signature Line", WD_STYLE_TYPE.PARAGRAPH)
        line.base_style = document.styles["Normal"]
        line.paragraph_format.space_before, line.paragraph_format.space_after = Mm(0), Mm(4)
        stops = line.paragraph_format.tab_stops
        stops.add_tab_stop(Mm(12 + 75), leader=WD_TAB_LEADER.LINES)  # "Signed ____"
        stops.add_tab_stop(Mm(12 + 75 + 6 + 10), leader=WD_TAB_LEADER.SPACES)  # "Date"
        stops.add_tab_stop(Mm(12 + 75 + 6 + 10 + 35), leader=WD_TAB_LEADER.LINES)


def _page_setup(document: DocxDocument, motion: Motion) -> None:
    """A4 with the PDF's margins; the council and meeting in the header, "Page x of y" in the footer."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (
        Mm(15), Mm(20), Mm(17), Mm(22))
    section.header_distance, section.footer_distance = Mm(6), Mm(7)
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.text = typeset(motion.running_header)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = 1  # centred
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update as the document is laid out."""
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None), ("text", shown),
                       ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            run.text = text
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _signatures(document: DocxDocument, motion: Motion) -> None:
    """Who proposes and seconds, each with a signature and a date line (tab stops with a line leader, so
    the lines stay lines however the name is edited)."""
    first = True
    for role, who in motion.signatures:
        signer = document.add_paragraph(typeset(f"{role}: {who}"))
        signer.paragraph_format.keep_with_next = True
        signer.paragraph_format.space_before = Mm(8 if first else 1)
        signer.paragraph_format.space_after = Mm(7)
        first = False
        document.add_paragraph("Signed\t\tDate\t", style="Signature Line")


def _received_box(document: DocxDocument) -> None:
    """A bordered one-cell table democratic services fill in when the signed motion arrives."""
    document.add_paragraph(style="Normal").paragraph_format.space_after = Mm(0)
    table = document.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.style = document.styles["Table Grid"]
    cell = table.cell(0, 0)
    cell.width = Mm(TEXT_WIDTH_MM)
    title = cell.paragraphs[0]
    title.add_run(RECEIVED_TITLE).bold = True
    title.paragraph_format.space_before, title.paragraph_format.space_after = Mm(2), Mm(4)
    title.paragraph_format.keep_with_next = True
    for label in RECEIVED_FIELDS:
        line = cell.add_paragraph(f"{label}\t", style="Normal")
        line.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM - 12), leader=WD_TAB_LEADER.LINES)
        line.paragraph_format.space_after = Mm(4)
        line.paragraph_format.keep_with_next = True
    row = table.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    row.append(cant_split)


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

    _set_styles(document)
    _page_setup(document, motion)
    document.add_paragraph("Notice of motion", style="Subtitle")
    meeting = document.add_paragraph(typeset(motion.council))
    meeting.add_run().add_break()
    meeting.add_run(typeset(motion.heading_line))
    meeting.paragraph_format.space_after = Mm(6)
    document.add_paragraph(typeset(motion.title), style="Title")
    add_markdown(document, motion.body)
    _signatures(document, motion)
    _received_box(document)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
