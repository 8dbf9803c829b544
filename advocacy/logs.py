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


def init_app(app: Flask) -> None:
    redactor = RedactPersonalData()
    for name in ("advocacy", "werkzeug", "gunicorn.access", "gunicorn.error", app.logger.name):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactPersonalData) for f in logger.filters):
            logger.addFilter(redactor)
    logging.getLogger("advocacy").setLevel(app.config["ADVOCACY_LOG_LEVEL"])
