"""Council contacts from a CSV file staff upload: every good row is saved (replacing that council's contact),
every bad row is reported with its row number and the reason, and nothing from a bad row is saved.

Columns (header row required, any order, extra columns ignored):

    name, code, address_line_1, address_line_2, address_line_3, address_line_4, postcode, email, source, date

``name`` is the council's name as the register has it ("Kent County Council", or its short name "Kent");
``code`` (its GSS code, e.g. E10000016) may be given instead or as well. A row needs a postal address (an
address line and a postcode) or an email, or both. ``source`` says where the details came from (a web page);
``date`` when they were read (2026-11-30 or 30/11/2026).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import BinaryIO

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, or_, select

from ..councilrules.importer import RowProblem, parse_date
from ..db import db
from ..lookup import normalise_postcode
from ..lookup.errors import LookupProblem
from ..lookup.members import fold
from ..motions.models import Council
from .models import CouncilContact

COLUMNS = ("name", "code", "address_line_1", "address_line_2", "address_line_3", "address_line_4", "postcode",
           "email", "source", "date")
ADDRESS_COLUMNS = COLUMNS[2:6]
MAX_BYTES = 2 * 1024 * 1024
GSS_COUNCIL = re.compile(r"[EWSN]\d{8}")


class ContactsFileRejected(ValueError):
    """The file as a whole cannot be read (not a CSV, columns missing). Nothing was imported."""


@dataclass
class ContactsImportReport:
    saved: list[str] = field(default_factory=list)  # council names
    problems: list[RowProblem] = field(default_factory=list)


@dataclass(frozen=True)
class ContactInput:
    council_code: str
    council_name: str
    address_lines: tuple[str, ...]
    postcode: str | None
    email: str | None
    source: str
    checked_on: dt.date | None


def _council(name: str, code: str) -> Council | None:
    if code:
        return db.session.get(Council, code)
    folded = fold(name)
    return db.session.scalar(select(Council).where(or_(
        Council.folded_name == folded, func.lower(Council.short_name) == name.lower())).limit(1))


def parse_row(record: dict[str, str], today: dt.date) -> ContactInput:
    """One row's contact; raises ValueError with the reason a person can act on."""
    def get(name: str) -> str:
        return " ".join((record.get(name) or "").split())

    name, code = get("name"), get("code").upper()
    if not name and not code:
        raise ValueError("name and code are both empty: give the council's name, e.g. Kent County Council")
    if code and not GSS_COUNCIL.fullmatch(code):
        raise ValueError(f"code {code!r} is not a council's GSS code (a letter and eight digits, e.g. E10000016)")
    council = _council(name, code)
    if council is None and not code:
        raise ValueError(f"no council called {name!r} in the council register; check the spelling or add its "
                         "code (e.g. E10000016) in the code column")
    lines = tuple(get(column) for column in ADDRESS_COLUMNS if get(column))
    if any(len(line) > 120 for line in lines):
        raise ValueError("an address line is longer than 120 characters")
    postcode = None
    if get("postcode"):
        try:
            postcode = normalise_postcode(get("postcode"))
        except LookupProblem as problem:
            raise ValueError(f"postcode {get('postcode')!r}: {problem.message}") from None
    if bool(lines) != bool(postcode):
        raise ValueError("a postal address needs both an address line and a postcode")
    email = get("email")
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError as exc:
            raise ValueError(f"email {email!r} is not an email address ({exc})") from None
    if not lines and not email:
        raise ValueError("no address and no email: give a postal address, an email, or both")
    source = get("source")
    if not source:
        raise ValueError("source is empty: say where the details came from, e.g. the council's contact page")
    checked = None
    if get("date"):
        try:
            checked = parse_date(get("date"))
        except ValueError:
            raise ValueError(f"date {get('date')!r} is not a date written like 2026-11-30 or 30/11/2026") from None
        if checked > today:
            raise ValueError(f"date {checked.isoformat()} is in the future")
    return ContactInput(council_code=council.code if council else code, council_name=council.name if council
                        else name or code, address_lines=lines, postcode=postcode, email=email or None,
                        source=source[:300], checked_on=checked)


def save_contact(contact: ContactInput) -> CouncilContact:
    row = db.session.get(CouncilContact, contact.council_code) or CouncilContact(council_code=contact.council_code)
    row.address = "\n".join(contact.address_lines)
    row.postcode = contact.postcode
    row.email = contact.email
    row.source = contact.source
    row.checked_on = contact.checked_on
    db.session.add(row)
    return row


def _decode(data: bytes, filename: str) -> str:
    if data[:4] in (b"PK\x03\x04", b"%PDF") or b"\x00" in data[:4096]:
        raise ContactsFileRejected(f"{filename} is not a CSV file: save the spreadsheet as CSV (UTF-8) and "
                                   "import that.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel on Windows saves "CSV" as cp1252


def import_contacts(source: BinaryIO | bytes, *, filename: str = "the file",
                    today: dt.date | None = None) -> ContactsImportReport:
    """Save every good row's contact; report each bad row. Raises ContactsFileRejected when no row can be read."""
    today = today or dt.date.today()
    data = source if isinstance(source, bytes) else source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ContactsFileRejected(f"{filename} is larger than 2 MB; contacts for every UK council are far smaller")
    reader = csv.DictReader(io.StringIO(_decode(data, filename)))
    columns = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    reader.fieldnames = columns
    if "source" not in columns or not ({"name", "code"} & set(columns)):
        raise ContactsFileRejected(f"{filename} does not have the columns this import needs. The first row must "
                                   f"name the columns: {', '.join(COLUMNS)}.")
    report = ContactsImportReport()
    seen: dict[str, int] = {}
    for number, record in enumerate(reader, start=2):
        if not any((value or "").strip() for value in record.values() if isinstance(value, str)):
            continue  # a blank line
        label = (record.get("name") or record.get("code") or "").strip()
        try:
            contact = parse_row(record, today)
            if contact.council_code in seen:
                raise ValueError(f"{contact.council_name} is already on row {seen[contact.council_code]}; "
                                 "keep one row per council")
        except ValueError as exc:
            report.problems.append(RowProblem(number, label, str(exc)))
            continue
        seen[contact.council_code] = number
        save_contact(contact)
        report.saved.append(contact.council_name)
    db.session.commit()
    return report
