"""One EvidencePack -> an A4 PDF (the documents' renderer: static files only, embedded font, cached) and
a CSV with the same rows, every count suppressed the same way."""

from __future__ import annotations

import csv
import io

from ..documents import format_date, html_to_pdf
from ..documents.html import print_template
from .pack import EvidencePack
from .suppress import AT_LEAST


def pack_html(pack: EvidencePack) -> str:
    return print_template("evidence_pack.html", pack=pack, generated=format_date(pack.generated),
                          until=format_date(pack.until),
                          show_at_least=any(row.shown == AT_LEAST for row in pack.months))


def pack_pdf(pack: EvidencePack) -> bytes:
    return html_to_pdf(pack_html(pack))


CSV_COLUMNS = ("section", "item", "value", "detail")


def pack_rows(pack: EvidencePack) -> list[tuple[str, str, str, str]]:
    rows = [
        ("place", pack.place_type, pack.name, pack.code),
        ("place", "for", pack.recipient, ""),
        ("place", "region", pack.region or "not known", ""),
        ("letters", "period", format_date(pack.since), format_date(pack.until)),
        ("letters", "summary", pack.headline, ""),
    ]
    if pack.other_letters:
        rows.append(("letters", "to their MPs", pack.other_letters, ""))
    rows += [("letters per month", row.label, row.shown, "") for row in pack.months]
    rows += [("asks chosen", row.label, row.shown, "") for row in pack.asks]
    rows.append(("asks chosen", "note", pack.asks_note, ""))
    for f in pack.figures:
        rows.append(("official figures", f.label, f"{f.latest} ({f.latest_year})", f"{f.area_name}; {f.change}; "
                     f"per 10,000 children: {f.per_10k}"))
        rows.append(("official figures", f"{f.label}: England", f.england_latest, f.england_change))
    rows.append(("official figures", "note", pack.figures_note, ""))
    rows += [("official figures", "source", line, "") for line in pack.figure_sources]
    if pack.nearby:
        rows += [("nearby councils that passed the motion", c.name, c.passed_on, pack.region or "")
                 for c in pack.nearby]
    else:
        rows.append(("nearby councils that passed the motion", "note",
                     pack.nearby_note if pack.nearby is None else "none yet", pack.region or ""))
    return rows


def pack_csv(pack: EvidencePack) -> str:
    from ..staff.exports import spreadsheet_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in pack_rows(pack):
        writer.writerow([spreadsheet_safe(value) for value in row])
    return buffer.getvalue()
