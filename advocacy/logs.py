"""Logging set-up. Logs never contain email addresses or postcodes: a filter masks them wherever they appear
(messages, arguments, request lines, URLs logged by HTTP libraries), and tracebacks are logged without
exception messages (which may quote what was typed), because a log file outlives
the retention period of the data. Names and street addresses are never passed to a logger at all; the
journey test in tests/test_logs.py checks that."""

from __future__ import annotations

import logging
import re
import traceback

from flask import Flask

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# A full UK postcode, however it was written into a URL or a message: "LS1 1UR", "ls11ur", "LS1+1UR",
# "LS1%201UR". Only full postcodes: an outward code alone ("LS1") names thousands of addresses.
POSTCODE = re.compile(r"\b[A-Za-z]{1,2}[0-9][A-Za-z0-9]?(?: |\+|%20)?[0-9][A-Za-z]{2}\b")


def redact(text: str) -> str:
    return POSTCODE.sub("[postcode removed]", EMAIL.sub("[email removed]", text))


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
            record.exc_text = traceback_without_messages(record.exc_info)
        return True


WITHHELD = "(message not logged: it may quote personal data)"


def traceback_without_messages(exc_info) -> str:  # noqa: ANN001 - a sys.exc_info() triple
    """The traceback, with every exception's type and where it happened but not its message: a message
    may quote what a resident typed (a database error quotes the row it could not store)."""
    formatted = traceback.TracebackException(*exc_info)
    seen: set[int] = set()
    stack = [formatted]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        current._str = WITHHELD  # what format() prints after "ValueError: "
        stack.extend(e for e in (current.__cause__, current.__context__) if e is not None)
    return redact("".join(formatted.format()).rstrip("\n"))


_redactor = RedactPersonalData()
_make_record = logging.getLogRecordFactory()


def _redacting_record_factory(*args, **kwargs) -> logging.LogRecord:
    # A factory, not a logger filter: logger filters do not see records that propagate up from child
    # loggers (advocacy.staff, werkzeug internals...), and every handler would need its own filter.
    record = _make_record(*args, **kwargs)
    _redactor.filter(record)
    return record


def init_app(app: Flask) -> None:
    if logging.getLogRecordFactory() is not _redacting_record_factory:
        logging.setLogRecordFactory(_redacting_record_factory)
    logging.getLogger("advocacy").setLevel(app.config["ADVOCACY_LOG_LEVEL"])
