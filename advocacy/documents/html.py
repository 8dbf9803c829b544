"""HTML renderings: the print document given to WeasyPrint, and the fragment shown as an on-page preview.

The templates live in templates/documents/ and use their own Jinja environment (autoescaped, strict), so
these functions work without a Flask app: in the web layer, the CLI, the benchmarks and the tests.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown_it.token import Token
from markupsafe import Markup

from ..config import ROOT
from ..memo import text_memo
from .content import RECEIVED_FIELDS, RECEIVED_TITLE, Letter, Motion
from .markdown import parse, render_html, typeset_in_place
from .typography import format_date, typeset

TEMPLATES = ROOT / "templates" / "documents"


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters["typeset"] = typeset
    return env


def compile_templates() -> None:
    """Compile every document template now rather than on first use (the gunicorn master does, for the
    workers it forks: advocacy.warm)."""
    env = _env()
    for name in env.list_templates():
        env.get_template(name)


def _shift_headings(tokens: list[Token], by: int) -> list[Token]:
    """Move headings down ``by`` levels (h2 -> h3), so a preview nests under the page's own headings."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + by)}"
    return tokens


@text_memo()
def body_html(markdown: str, *, heading_shift: int = 0) -> Markup:
    """The letter's or motion's body as HTML. Remembered for the last few hundred bodies (for at most an
    hour: advocacy.memo): most letters are not personalised, so everyone writing from one area in a rush
    sends the same body, and parsing and typesetting it was a tenth of a letter submission's work."""
    return render_html(_shift_headings(typeset_in_place(parse(markdown)), heading_shift))


def letter_print_html(letter: Letter) -> str:
    """A complete HTML document for the PDF (title and author in its metadata)."""
    return _env().get_template("letter.html").render(
        letter=letter, date=format_date(letter.date), body_html=body_html(letter.body))


def letter_preview_html(letter: Letter) -> Markup:
    """The letter as an HTML fragment, safe to place in a page (every value escaped)."""
    return Markup(_env().get_template("letter_preview.html").render(
        letter=letter, date=format_date(letter.date), body_html=body_html(letter.body, heading_shift=1)))


def motion_print_html(motion: Motion) -> str:
    """The motion for the PDF: a running header with the council and meeting, the motion, signature and
    date lines for proposer and seconder, and the box democratic services fill in."""
    return _env().get_template("motion.html").render(motion=motion, title_level=1, body_html=body_html(motion.body),
                                                     received_title=RECEIVED_TITLE, received_fields=RECEIVED_FIELDS)


def motion_preview_html(motion: Motion) -> Markup:
    """The motion as an HTML fragment; its title is an h2 and its headings h3, to sit under a page's h1."""
    return Markup(_env().get_template("motion_preview.html").render(
        motion=motion, title_level=2, body_html=body_html(motion.body, heading_shift=1)))


def print_template(name: str, **context) -> str:
    """Any other print document in templates/documents/ (an evidence pack, a campaign's one-page summary),
    rendered with the same autoescaped, strict environment and typography filter as letters and motions."""
    return _env().get_template(name).render(**context)
