"""Documents: one letter or motion source, several renderings (GOV.UK Notify's template classes idea).

    letter = Letter(sender_name=..., sender_address=[...], sender_postcode=..., date=..., recipient_name=...,
                    recipient_address=HOUSE_OF_COMMONS, salutation=..., body=markdown, subject=...)
    letter_preview_html(letter)   # fragment for the preview page
    letter_pdf(letter)            # A4 PDF bytes (cached by a hash of the HTML)
    letter_text(letter)           # email body, copy box
    letter_mailto(letter, to), mailto_too_long(url), letter_eml(letter, to_address)
    motion_pdf(motion), motion_docx(motion), motion_text(motion)
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask

from .cache import PdfCache
from .content import HOUSE_OF_COMMONS, DocumentError, Letter, Motion, council_leader_address
from .docx import motion_docx
from .email import (MAILTO_MAX_LENGTH, MAILTO_SAFE_LENGTH, WEBMAIL_MAX_LENGTH, ComposeLink, HeaderError,
                    check_header_value, eml_bytes, letter_compose_links, letter_eml, letter_mailto,
                    mailto_fits_everywhere, mailto_too_long, mailto_url)
from .html import (letter_preview_html, letter_print_html, motion_preview_html, motion_print_html,
                   print_template)
from .markdown import to_html as markdown_html
from .markdown import to_text as markdown_text
from .pdf import EXTENSION, PdfRenderer, current_renderer, html_to_pdf, letter_pdf, motion_pdf
from .text import letter_text, motion_text
from .typography import format_date

__all__ = [
    "HOUSE_OF_COMMONS", "MAILTO_MAX_LENGTH", "MAILTO_SAFE_LENGTH", "WEBMAIL_MAX_LENGTH", "ComposeLink",
    "letter_compose_links", "mailto_fits_everywhere", "DocumentError", "HeaderError", "Letter", "Motion", "PdfCache",
    "PdfRenderer", "check_header_value", "council_leader_address", "current_renderer", "eml_bytes",
    "format_date", "html_to_pdf", "init_app", "letter_eml", "letter_mailto", "letter_pdf",
    "letter_preview_html", "letter_print_html", "letter_text", "mailto_too_long", "mailto_url",
    "markdown_html", "markdown_text", "motion_docx", "motion_pdf", "motion_preview_html", "motion_print_html",
    "motion_text", "print_template",
]


_renderers: dict[tuple, PdfRenderer] = {}
_renderers_lock = threading.Lock()


def init_app(app: Flask) -> None:
    """Give the app its PDF renderer, built now so a missing font or stylesheet stops start-up.

    Apps in one process with the same settings share a renderer (stylesheets, fonts, cache), so building
    many apps (tests, CLI) parses the print stylesheet once.
    """
    folder = app.config.get("ADVOCACY_PDF_CACHE_DIR")
    key = (str(app.static_folder), app.config["ADVOCACY_PDF_CACHE_SIZE"], str(folder or ""))
    with _renderers_lock:
        if key not in _renderers:
            cache = PdfCache(max_items=key[1], folder=Path(folder) if folder else None)
            _renderers[key] = PdfRenderer(static_root=Path(key[0]), cache=cache)
        app.extensions[EXTENSION] = _renderers[key]
