"""PDF letters: the app's renderer against plain WeasyPrint on the same HTML, in one run.

Both sides render exactly the same print HTML with the same stylesheet and bundled fonts and the same
PDF options; the app's PDF cache is off for the comparison, so every letter is really rendered each time.
"Plain" is WeasyPrint used the obvious way: parse the stylesheet and build a FontConfiguration per letter.
Target: app / plain <= 1.15. Also reported: letters per second, the cached re-render time, and the pages
of a typical letter (must be 1). Letters are built by the journey's own ``letter_for`` from drafts.

Run: `make bench` (or `.venv/bin/python bench/pdf.py`). Writes the "PDF letters" section of
docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import platform
import re
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint import __version__ as weasyprint_version  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from advocacy.campaigns import get_campaign  # noqa: E402
from advocacy.documents import PdfCache, PdfRenderer, letter_print_html  # noqa: E402
from advocacy.letters import LetterDraft, letter_for  # noqa: E402
from advocacy.documents.pdf import OPTIONS, PAGE_NUMBERS_CSS, PRINT_CSS, STATIC  # noqa: E402

LETTERS = 12
ROUNDS = 3
TARGET = 1.15
RESULTS = ROOT / "docs" / "benchmarks.md"
SECTION = "PDF letters"


LOOKUP = {"postcode": "LS1 1UR", "country": "England", "region": "Yorkshire and The Humber",
          "constituency": {"name": "Leeds Central and Headingley", "code": "E14001331"},
          "mp": {"name": "Alex Sobel", "party": "Labour (Co-op)", "email": "alex.sobel.mp@parliament.uk",
                 "member_id": 4658},
          "council": {"name": "Leeds", "code": "E08000035"}, "authority": {"name": "Leeds", "code": "E08000035"}}
TYPICAL_PERSONAL = ("My daughter's school lost its family support worker last year. Early help kept our family "
                    "together when we needed it, and other families deserve the same.")


@contextmanager
def journey_app() -> Iterator[None]:
    """An app context on a throwaway database with the data release: what the letter journey runs on."""
    from flask_migrate import upgrade

    from advocacy import create_app
    from advocacy.data.load import load_release

    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"INSTANCE_PATH": folder, "ADVOCACY_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                          "ADVOCACY_SECRET_KEY": "bench", "ADVOCACY_LOG_LEVEL": "WARNING"})
        with app.app_context():
            upgrade()
            load_release()
            yield


def draft(n: int, asks: int, personal: str) -> LetterDraft:
    """A draft as the letter form saves it (not stored: letter_for only reads it)."""
    campaign = get_campaign("bright-futures")
    return LetterDraft(public_id=f"bench{n}", campaign=campaign.slug, kind="letter_mp", name=f"Resident {n}",
                       address=f"{n} Example Street\nLeeds", postcode="LS1 1UR", email=f"resident{n}@example.org",
                       asks=[a.id for a in campaign.asks[:asks]], personal=personal, consent_updates=False,
                       lookup=LOOKUP, subject="Children's services in Leeds need your support",
                       template_version=campaign.templates["letter_mp"].version)


def letters() -> tuple[list[str], str]:
    """Print HTML of realistic, all-different letters built by the journey's letter_for (one in four runs
    to 2 pages), and of one typical letter (three asks, a two-sentence paragraph of the writer's own)."""
    today = dt.date(2026, 11, 23)
    result = []
    for n in range(LETTERS):
        repeat = 40 if n % 4 == 3 else 1
        personal = " ".join([f"Letter {n}: early help kept our family together."] * repeat)
        result.append(letter_print_html(letter_for(draft(n, 2 + n % 4, personal), today=today)))
    typical = letter_print_html(letter_for(draft(99, 3, TYPICAL_PERSONAL), today=today))
    return result, typical


def plain_weasyprint(html: str, pages_css: bool) -> bytes:
    fonts = FontConfiguration()
    stylesheets = [CSS(filename=str(STATIC / PRINT_CSS), encoding="utf-8", font_config=fonts)]
    if pages_css:
        stylesheets.append(CSS(filename=str(STATIC / PAGE_NUMBERS_CSS), encoding="utf-8", font_config=fonts))
    return HTML(string=html, base_url=str(STATIC) + "/").write_pdf(stylesheets=stylesheets, font_config=fonts,
                                                                   **OPTIONS)


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    with journey_app():
        htmls, typical = letters()
    app = PdfRenderer(cache=None)
    typical_pages = app.page_count(typical)
    multi_page = [app.page_count(html) > 1 for html in htmls]
    app.render(htmls[0]), plain_weasyprint(htmls[0], multi_page[0])  # warm up imports and font caches

    app_times: list[float] = []
    plain_times: list[float] = []
    for _ in range(ROUNDS):  # interleaved, so both sides see the same machine load
        for html, pages in zip(htmls, multi_page):
            app_times.append(timed(app.render, html))
            plain_times.append(timed(plain_weasyprint, html, pages))

    cached = PdfRenderer(cache=PdfCache())
    cached.render(htmls[0])
    cached_time = statistics.median(timed(cached.render, htmls[0]) for _ in range(50))

    app_total, plain_total = sum(app_times), sum(plain_times)
    ratio = app_total / plain_total
    verdict = "met" if ratio <= TARGET else "NOT met"
    rows = {
        "Letters (all different, built by the journey's letter_for)":
            f"{LETTERS} ({sum(multi_page)} of them 2 pages) x {ROUNDS} rounds",
        "Pages of a typical letter (3 asks, two sentences of the writer's own)": str(typical_pages),
        "App renderer, median per letter": f"{statistics.median(app_times) * 1000:.1f} ms",
        "Plain WeasyPrint, median per letter": f"{statistics.median(plain_times) * 1000:.1f} ms",
        "Ratio app / plain (total time)": f"{ratio:.2f} (target <= {TARGET}: {verdict})",
        "App letters per second (one process)": f"{len(app_times) / app_total:.1f}",
        "Plain letters per second": f"{len(plain_times) / plain_total:.1f}",
        "Cached re-render of the same letter, median": f"{cached_time * 1_000_000:.0f} µs",
    }
    for name, value in rows.items():
        print(f"{name}: {value}")
    write_section(rows)
    if ratio > TARGET:
        sys.exit(f"app / plain = {ratio:.2f} is above the target {TARGET}")
    if typical_pages != 1:
        sys.exit(f"a typical letter runs to {typical_pages} pages; it should fit on one")


def write_section(rows: dict[str, str]) -> None:
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join([
        f"## {SECTION}", "",
        f"`bench/pdf.py`, {when}, Python {platform.python_version()}, WeasyPrint {weasyprint_version}, "
        f"{platform.machine()}. The app's renderer (stylesheet parsed once, one shared FontConfiguration, "
        "static-only URL fetcher, page numbers only past one page, cache off) against plain WeasyPrint on the "
        "same HTML, fonts and options, interleaved in one run. The letters are built the way the resident journey "
        "builds them (`advocacy.letters.letter_for` on a draft, the release's figures for Leeds). The machine is shared "
        "with other jobs, so compare the ratio, not the milliseconds, between runs.", "",
        "| Measure | Result |", "| --- | --- |",
        *(f"| {name} | {value} |" for name, value in rows.items()), "", ""])
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n\nResults of `make bench` (bench/*.py).\n\n"
    pattern = re.compile(rf"^## {re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    text = pattern.sub(lambda _: body, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + body
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text.rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
