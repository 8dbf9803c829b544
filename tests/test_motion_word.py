"""The Word motion is the one clerks edit, so it must be as good as the PDF: A4 with the PDF's margins and
fonts, the council and meeting in the header, page numbers in the footer (a PAGE field), real styles and
real Word numbering, signature and date lines for proposer and seconder, and a "received by democratic
services" box. LibreOffice's PDF of it has the same pages and text as the app's own PDF."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_TAB_LEADER
from docx.shared import Pt
from pypdf import PdfReader

from advocacy.documents import PdfRenderer, motion_docx, motion_pdf

HEADER = "Leeds City Council: Full Council, 21\u00a0January 2027"


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def renderer():
    return PdfRenderer()


@pytest.fixture
def document(motion):
    return open_docx(motion_docx(motion))


def test_the_page_is_a4_with_the_pdfs_margins(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    assert [round(m.mm) for m in margins] == [15, 20, 17, 22]  # print.css: margin: 15mm 20mm 17mm 22mm


def test_the_header_names_the_council_and_meeting_and_the_footer_numbers_the_pages(document):
    section = document.sections[0]
    assert section.header.paragraphs[0].text.replace("\u00a0", " ") == HEADER.replace("\u00a0", " ")
    footer = section.footer.paragraphs[0]._p.xml
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer)
    assert section.footer.paragraphs[0].text.startswith("Page ")


def test_styles_use_the_pdfs_font_in_black_not_words_default_look(document):
    for name, size in (("Normal", 10), ("Title", 16), ("Heading 1", 12.5)):
        style = document.styles[name]
        assert style.font.name == "Liberation Sans" and style.font.size == Pt(size)
        assert style.font.color.rgb is None or str(style.font.color.rgb) == "000000"
        fonts = style.element.rPr.find(docx.oxml.ns.qn("w:rFonts"))
        assert not [a for a in fonts.attrib if "Theme" in a]  # no Calibri/Cambria through the theme
    assert [p.style.name for p in document.paragraphs[:3]] == ["Subtitle", "Normal", "Title"]


def test_resolutions_are_real_word_numbering(document):
    resolves = [p.text for p in document.paragraphs]
    start = resolves.index("This council resolves")
    numbered = [p for p in document.paragraphs[start:] if p.style.name == "List Number"]
    assert len(numbered) >= 3
    assert all(p._p.pPr.numPr is not None for p in numbered)  # Word numbers them, not typed "1."
    assert not any(re.match(r"\d+\.", p.text) for p in numbered)


def test_proposer_and_seconder_have_signature_and_date_lines(document):
    texts = [p.text.replace("\u00a0", " ") for p in document.paragraphs]
    assert "Proposed by: Cllr Sam Patel" in texts and "Seconded by: Cllr Jo Green" in texts
    lines = [p for p in document.paragraphs if p.style.name == "Signature Line"]
    assert [p.text for p in lines] == ["Signed\t\tDate\t"] * 2
    stops = lines[0].style.paragraph_format.tab_stops
    assert [stop.leader for stop in stops].count(WD_TAB_LEADER.LINES) == 2


def test_a_motion_without_a_seconder_leaves_the_seconders_name_to_fill_in(motion):
    import dataclasses

    document = open_docx(motion_docx(dataclasses.replace(motion, seconder="")))
    texts = [p.text for p in document.paragraphs]
    assert "Seconded by: " in texts
    assert len([p for p in document.paragraphs if p.style.name == "Signature Line"]) == 2


def test_there_is_a_received_by_democratic_services_box(document):
    [table] = document.tables
    text = [p.text for p in table.cell(0, 0).paragraphs]
    assert text == ["Received by democratic services", "Received by\t", "Date and time received\t", "Reference\t"]
    assert table.style.name == "Table Grid"  # a box with borders


# --- LibreOffice's PDF of the .docx against the app's PDF ---

def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def libreoffice() -> str:
    found = _soffice()
    if found is None:
        pytest.skip("LibreOffice is not installed and could not be installed here (`make test` installs "
                    "libreoffice-writer-nogui; install it by hand with apt-get to run this test)")
    return found


def _docx_to_pdf(soffice: str, data: bytes, folder: Path) -> bytes:
    """LibreOffice's PDF of the .docx, with the app's own font files (what Word on a clerk's computer has
    as Arial, metric for metric)."""
    from advocacy.documents.pdf import STATIC

    source = folder / "motion.docx"
    source.write_bytes(data)
    fonts = folder / "fonts.conf"
    fonts.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
        <include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{STATIC / "fonts"}</dir>
        <cachedir>{folder / "fontcache"}</cachedir></fontconfig>""")
    profile = folder / "profile"  # its own profile: never clashes with another LibreOffice running
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(folder), "FONTCONFIG_FILE": str(fonts)})
    return (folder / "motion.pdf").read_bytes()


# Drawn differently, same meaning: line leaders, bullet glyphs (Word's "o" for a second-level bullet), and
# list numbers, which WeasyPrint's PDF stores after the page's text rather than before each point.
_IGNORED = re.compile(r"_+|(?<!\S)(?:[\u2022\uf0b7\u00b7\u25cf\u25e6\uf0a7o]|\d+\.)(?!\S)")


def page_texts(pdf: bytes) -> list[str]:
    """Each page's words in reading order, without the header and footer (checked separately)."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = _IGNORED.sub(" ", page.extract_text().replace("\u00a0", " "))
        pages.append(" ".join(text.split()))
    return pages


def without_furniture(text: str, page: int, pages: int) -> str:
    header = HEADER.replace("\u00a0", " ")
    assert header in text, f"page {page} has no header"
    assert f"Page {page} of {pages}" in text, f"page {page} has no page number"
    return " ".join(text.replace(header, " ").replace(f"Page {page} of {pages}", " ").split())


def test_libreoffices_pdf_of_the_word_file_has_the_same_pages_and_text_as_the_apps_pdf(motion, libreoffice,
                                                                                      tmp_path, renderer):
    ours_pdf, theirs_pdf = motion_pdf(motion, renderer), _docx_to_pdf(libreoffice, motion_docx(motion), tmp_path)
    if os.environ.get("ADVOCACY_KEEP_MOTION_PDFS"):  # to look at both side by side
        Path(os.environ["ADVOCACY_KEEP_MOTION_PDFS"], "app.pdf").write_bytes(ours_pdf)
        Path(os.environ["ADVOCACY_KEEP_MOTION_PDFS"], "word.pdf").write_bytes(theirs_pdf)
    ours, theirs = page_texts(ours_pdf), page_texts(theirs_pdf)
    assert len(theirs) == len(ours)
    for number, (mine, word) in enumerate(zip(ours, theirs), start=1):
        assert without_furniture(word, number, len(ours)) == without_furniture(mine, number, len(ours))
