"""PDF letters: the app's renderer against plain WeasyPrint on the same HTML, in one run.

Both sides render exactly the same print HTML with the same stylesheet and bundled fonts and the same
PDF options; the app's PDF cache is off for the comparison, so every letter is really rendered each time.
"Plain" is WeasyPrint used the obvious way: parse the stylesheet and build a FontConfiguration per letter.
Target: app / plain <= 1.15. Also reported: letters per second, and the cached re-render time.

Run: `make bench` (or `.venv/bin/python bench/pdf.py`). Writes the "PDF letters" section of
docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import platform
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint import __version__ as weasyprint_version  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from advocacy.campaigns.registry import load_folder  # noqa: E402
from advocacy.campaigns.sample import sample_context  # noqa: E402
from advocacy.documents import HOUSE_OF_COMMONS, Letter, PdfCache, PdfRenderer, letter_print_html  # noqa: E402
from advocacy.documents.pdf import OPTIONS, PAGE_NUMBERS_CSS, PRINT_CSS, STATIC  # noqa: E402

LETTERS = 12
ROUNDS = 3
TARGET = 1.15
RESULTS = ROOT / "docs" / "benchmarks.md"
SECTION = "PDF letters"


def letters() -> list[str]:
    """Print HTML of realistic, all-different letters from the bundled campaign (one in four runs to 2 pages)."""
    registry = load_folder(ROOT / "letters")
    campaign = registry.campaigns["bright-futures"]
    result = []
    for n in range(LETTERS):
        context = sample_context(campaign, "letter_mp")
        context["asks"] = context["asks"][: 2 + n % 4]
        repeat = 40 if n % 4 == 3 else 1
        context["personal"] = " ".join([f"Letter {n}: early help kept our family together."] * repeat)
        letter = Letter(sender_name=f"Resident {n}", sender_address=[f"{n} Example Street", "Leeds"],
                        sender_postcode="LS1 1UR", date=dt.date(2026, 11, 23), recipient_name="Alex Sobel MP",
                        recipient_address=HOUSE_OF_COMMONS, salutation="Dear Alex Sobel",
                        subject="Children's services in Leeds need your support",
                        body=registry.render(campaign, "letter_mp", context))
        result.append(letter_print_html(letter))
    return result


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
    htmls = letters()
    app = PdfRenderer(cache=None)
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
        "Letters (all different)": f"{LETTERS} ({sum(multi_page)} of them 2 pages) x {ROUNDS} rounds",
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


def write_section(rows: dict[str, str]) -> None:
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join([
        f"## {SECTION}", "",
        f"`bench/pdf.py`, {when}, Python {platform.python_version()}, WeasyPrint {weasyprint_version}, "
        f"{platform.machine()}. The app's renderer (stylesheet parsed once, one shared FontConfiguration, "
        "static-only URL fetcher, page numbers only past one page, cache off) against plain WeasyPrint on the "
        "same HTML, fonts and options, interleaved in one run.", "",
        "| Measure | Result |", "| --- | --- |",
        *(f"| {name} | {value} |" for name, value in rows.items()), "", ""])
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n\nResults of `make bench` (bench/*.py).\n\n"
    pattern = re.compile(rf"^## {re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    text = pattern.sub(lambda _: body, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + body
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text.rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
