"""Council rules from a CSV file: every good row is saved, every bad row is reported with its row number
and the reason, and nothing from a bad row is saved.

Columns (header row required, any order, extra columns ignored):

    council_code, council_name, notice_days, notice_type, seconder_required,
    democratic_services_email, meeting_dates, last_checked

``notice_type`` is ``working`` or ``clear``; ``seconder_required`` yes or no; ``meeting_dates`` the
upcoming Full Council dates separated by semicolons (2027-01-21; 2027-03-03, or 21/01/2027); dates as
2027-01-21 or 21/01/2027. A council's meetings are replaced by the file's list.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import BinaryIO

from email_validator import EmailNotValidError, validate_email

from .deadlines import NOTICE_KINDS
from .service import RulesInput, save_rules

REQUIRED_COLUMNS = ("council_code", "council_name", "notice_days", "notice_type", "seconder_required",
                    "democratic_services_email", "meeting_dates")
OPTIONAL_COLUMNS = ("last_checked",)
MAX_BYTES = 2 * 1024 * 1024
MAX_NOTICE_DAYS = 60
ENGLISH_COUNCIL = re.compile(r"E(06|07|08|09|10)\d{6}")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


class RulesFileRejected(ValueError):
    """The file as a whole cannot be read (not a CSV, columns missing). Nothing was imported."""


@dataclass(frozen=True)
class RowProblem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    council: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f" ({self.council})" if self.council else "")
        return f"{where}: {self.reason}"


@dataclass
class RulesImportReport:
    saved: list[str] = field(default_factory=list)  # council names
    problems: list[RowProblem] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [f"Saved the rules of {len(self.saved)} council{'' if len(self.saved) == 1 else 's'}."]
        if self.problems:
            lines.append(f"{len(self.problems)} row{'' if len(self.problems) == 1 else 's'} not imported; "
                         "fix them and import the file again (rows already saved are simply updated):")
        return lines


def parse_date(text: str) -> dt.date:
    """2027-01-21 or 21/01/2027 (the way a UK spreadsheet writes it). Raises ValueError."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


def parse_row(record: dict[str, str], today: dt.date) -> RulesInput:
    """One row's rules; raises ValueError with the reason a person can act on."""
    def get(name: str) -> str:
        return (record.get(name) or "").strip()

    code = get("council_code").upper()
    if not code:
        raise ValueError("council_code is empty: give the council's nine-character ONS code, e.g. E08000035")
    if not ENGLISH_COUNCIL.fullmatch(code):
        raise ValueError(f"council_code {code!r} is not an English council's code (E06, E07, E08, E09 or E10 "
                         "followed by six digits); deadlines use England's bank holidays")
    name = get("council_name")
    if not name:
        raise ValueError("council_name is empty")
    if len(name) > 120:
        raise ValueError("council_name is longer than 120 characters")
    days_text = get("notice_days")
    if not days_text.isdigit() or int(days_text) > MAX_NOTICE_DAYS:
        raise ValueError(f"notice_days {days_text!r} is not a whole number of days from 0 to {MAX_NOTICE_DAYS}")
    kind = get("notice_type").lower().removesuffix(" days").removesuffix(" day")
    if kind not in NOTICE_KINDS:
        raise ValueError(f"notice_type {get('notice_type')!r} must be 'working' (working days) or 'clear' "
                         "(clear days)")
    seconder = get("seconder_required").lower()
    if seconder not in YES | NO:
        raise ValueError(f"seconder_required {get('seconder_required')!r} must be yes or no")
    email = get("democratic_services_email")
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError as exc:
            raise ValueError(f"democratic_services_email {email!r} is not an email address ({exc})") from None
    meetings: list[dt.date] = []
    for part in re.split(r"[;\n]", get("meeting_dates")):
        if not part.strip():
            continue
        try:
            meetings.append(parse_date(part))
        except ValueError:
            raise ValueError(f"meeting date {part.strip()!r} is not a date written like 2027-01-21 or "
                             "21/01/2027 (separate several dates with semicolons)") from None
    checked = None
    if get("last_checked"):
        try:
            checked = parse_date(get("last_checked"))
        except ValueError:
            raise ValueError(f"last_checked {get('last_checked')!r} is not a date written like 2026-11-23 "
                             "or 23/11/2026") from None
        if checked > today:
            raise ValueError(f"last_checked {checked.isoformat()} is in the future")
    return RulesInput(council_code=code, council_name=name, notice_days=int(days_text), notice_kind=kind,
                      seconder_required=seconder in YES, democratic_services_email=email or None,
                      meetings=sorted(set(meetings)), last_checked=checked)


def _text(data: bytes, filename: str) -> str:
    if data[:4] in (b"PK\x03\x04", b"%PDF") or b"\x00" in data[:4096]:
        raise RulesFileRejected(f"{filename} is not a CSV file: save the spreadsheet as CSV (UTF-8) and "
                                "import that.")
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves "CSV" as cp1252
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RulesFileRejected(f"{filename} is not a text CSV file")  # pragma: no cover - cp1252 reads nearly all


def import_rules(source: BinaryIO | bytes, *, filename: str = "the file", by: str = "import",
                 today: dt.date | None = None) -> RulesImportReport:
    """Save every good row's rules; report each bad row. Raises RulesFileRejected when no row can be read."""
    from .deadlines import london_today

    today = today or london_today()
    data = source if isinstance(source, bytes) else source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise RulesFileRejected(f"{filename} is larger than 2 MB; a file of rules for every council is far smaller")
    reader = csv.DictReader(io.StringIO(_text(data, filename)))
    columns = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    reader.fieldnames = columns
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise RulesFileRejected(f"{filename} has no column{'s' if len(missing) > 1 else ''} "
                                f"{', '.join(missing)}. The first row must name the columns: "
                                f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}.")
    report = RulesImportReport()
    seen: dict[str, int] = {}
    for number, record in enumerate(reader, start=2):
        if not any((value or "").strip() for value in record.values() if isinstance(value, str)):
            continue  # a blank line
        code = (record.get("council_code") or "").strip().upper()
        try:
            rules = parse_row(record, today)
            if rules.council_code in seen:
                raise ValueError(f"{rules.council_code} is already on row {seen[rules.council_code]}; "
                                 "keep one row per council")
        except ValueError as exc:
            report.problems.append(RowProblem(number, code, str(exc)))
            continue
        seen[rules.council_code] = number
        save_rules(rules, by=by, commit=False)
        report.saved.append(rules.council_name)
    from ..db import db

    db.session.commit()
    return report
