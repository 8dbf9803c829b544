"""PDFs with WeasyPrint: A4 letters and motions with an embedded font, rendered once and cached.

Safety: the URL fetcher serves only files inside the app's static folder and refuses everything else
(network, data:, file:// outside static) *before* any request is made. A refused or missing resource stops
the render with a DocumentError naming it, as does any "Failed to load" that WeasyPrint would otherwise
only log (GOV.UK Notify's weasyprint_hack): a letter with a hole in it is never produced.

Speed: the stylesheets are parsed once per renderer and share one FontConfiguration; finished PDFs are
cached by a hash of their HTML. One render runs at a time per renderer (WeasyPrint's font objects are not
made for sharing between threads); scale out with processes, as the gunicorn workers do.
"""

from __future__ import annotations

import logging
import mimetypes
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.logger import LOGGER as WEASYPRINT_LOGGER
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse, path2url

from ..config import ROOT
from .cache import PdfCache, content_key
from .content import DocumentError, Letter, Motion
from .html import letter_print_html, motion_print_html

STATIC = ROOT / "static"
PRINT_CSS = "css/print.css"
PAGE_NUMBERS_CSS = "css/print-pages.css"  # added only when a document has more than one page
OPTIONS = {"pdf_tags": True}  # tagged PDF: headings, paragraphs and lists for screen readers


class AssetRefused(FatalURLFetchingError):
    """A document asked for something other than the app's own static files."""


class AssetMissing(FatalURLFetchingError):
    """A static file a document needs (font, image, stylesheet) is not there."""


class StaticFilesOnly(URLFetcher):
    """Serves files under ``root`` and refuses every other URL without opening any connection or file."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True, timeout=1)
        self.root = root.resolve()

    def path_for(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise AssetRefused(f"refused to fetch {url[:200]!r}: documents may use only the app's static files")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.root):
            raise AssetRefused(f"refused to read {url[:200]!r}: it is outside the static folder {self.root}")
        return path

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = self.path_for(url)
        if not path.is_file():
            raise AssetMissing(f"missing static file {path.relative_to(self.root)} (wanted by a document)")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


# --- Loud failure: WeasyPrint logs some failures instead of raising; collect them per render. ---

_local = threading.local()
_LOUD = ("Failed to load", "cannot be loaded", "without a base URI")


class _FailureCollector(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        problems = getattr(_local, "problems", None)
        if problems is not None and record.levelno >= logging.WARNING:
            message = record.getMessage()
            if any(marker in message for marker in _LOUD):
                problems.append(message)


_collector = _FailureCollector()
if _collector not in WEASYPRINT_LOGGER.handlers:
    WEASYPRINT_LOGGER.addHandler(_collector)


@contextmanager
def _fail_loudly() -> Iterator[None]:
    # These records are how a broken image or font is noticed, so they must reach the collector even if
    # logging was reconfigured since start-up (Alembic's fileConfig disables every existing logger).
    WEASYPRINT_LOGGER.disabled = False
    if WEASYPRINT_LOGGER.getEffectiveLevel() > logging.WARNING:
        WEASYPRINT_LOGGER.setLevel(logging.WARNING)
    _local.problems = []
    try:
        yield
        if _local.problems:
            raise DocumentError("could not build the PDF: " + "; ".join(_local.problems))
    except FatalURLFetchingError as exc:
        raise DocumentError(f"could not build the PDF: {exc}") from None
    finally:
        _local.problems = None


class PdfRenderer:
    """Renders print HTML to PDF bytes. Holds the parsed stylesheets, fonts and the PDF cache."""

    def __init__(self, static_root: Path = STATIC, cache: PdfCache | None = None) -> None:
        self.static_root = Path(static_root)
        self.fetcher = StaticFilesOnly(self.static_root)
        self.base_url = path2url(str(self.static_root.resolve()))  # a folder: ends with "/"
        self.font_config = FontConfiguration()
        self.cache = cache
        self.renders = 0  # how many times WeasyPrint actually ran (cache misses)
        self._lock = threading.Lock()
        with _fail_loudly():
            self.stylesheet = self._css(PRINT_CSS)
            self.page_numbers = self._css(PAGE_NUMBERS_CSS)
        # The cache key covers the CSS too, so a restyled letter is never served from an old render.
        self.version = content_key(*((self.static_root / name).read_bytes() for name in (PRINT_CSS, PAGE_NUMBERS_CSS)))

    def _css(self, name: str) -> CSS:
        path = self.static_root / name
        if not path.is_file():
            raise DocumentError(f"missing static file {name} (print stylesheet)")
        # Charset given, not sniffed (WeasyPrint #1183); the print HTML declares <meta charset="utf-8">.
        return CSS(filename=str(path), encoding="utf-8", url_fetcher=self.fetcher, font_config=self.font_config)

    def render(self, html: str) -> bytes:
        """PDF bytes for a complete print HTML document; from the cache when the same HTML was rendered."""
        key = content_key(self.version, html)
        if self.cache is not None and (cached := self.cache.get(key)) is not None:
            return cached
        with self._lock, _fail_loudly():
            pdf = self._render(html)
            self.renders += 1
        if self.cache is not None:
            self.cache.put(key, pdf)
        return pdf

    def _render(self, html: str) -> bytes:
        document = self._layout(html, [self.stylesheet])
        if len(document.pages) > 1:
            # Page numbers live in the page margin, so adding them never changes where pages break.
            document = self._layout(html, [self.stylesheet, self.page_numbers])
        return document.write_pdf(**OPTIONS)

    def _layout(self, html: str, stylesheets: list[CSS]):  # noqa: ANN202 - weasyprint.Document
        source = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
        return source.render(font_config=self.font_config, stylesheets=stylesheets, **OPTIONS)

    def page_count(self, html: str) -> int:
        with self._lock, _fail_loudly():
            return len(self._layout(html, [self.stylesheet]).pages)


# --- The renderer the app uses: configured by init_app, or a default one outside an app. ---

EXTENSION = "advocacy.documents"
_default: PdfRenderer | None = None
_default_lock = threading.Lock()


def default_renderer() -> PdfRenderer:
    global _default
    with _default_lock:
        if _default is None:
            _default = PdfRenderer(cache=PdfCache())
        return _default


def current_renderer() -> PdfRenderer:
    from flask import current_app, has_app_context

    if has_app_context() and EXTENSION in current_app.extensions:
        return current_app.extensions[EXTENSION]
    return default_renderer()


def html_to_pdf(html: str, renderer: PdfRenderer | None = None) -> bytes:
    return (renderer or current_renderer()).render(html)


def letter_pdf(letter: Letter, renderer: PdfRenderer | None = None) -> bytes:
    """The letter as an A4 PDF: embedded font, title and author metadata, page numbers past one page."""
    return html_to_pdf(letter_print_html(letter), renderer)


def motion_pdf(motion: Motion, renderer: PdfRenderer | None = None) -> bytes:
    return html_to_pdf(motion_print_html(motion), renderer)
