"""Logging set-up. Logs never contain email addresses: a filter masks them wherever they appear
(messages, arguments, request lines), because a log file outlives the retention period of the data."""

from __future__ import annotations

import logging
import re

from flask import Flask

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def redact(text: str) -> str:
    return EMAIL.sub("[email removed]", text)


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


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
