"""One place where errors become pages (or JSON for /api). No stack trace ever reaches a user."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

log = logging.getLogger("advocacy.errors")

MESSAGES = {
    400: ("Something was wrong with that request", "Go back, check what you entered and try again."),
    403: ("You do not have permission to see this page", "If you think you should, ask an admin."),
    404: ("Page not found", "If you typed the web address, check it is correct. "
          "If you followed a link, it may be out of date."),
    405: ("That action is not allowed here", "Go back and use the buttons on the page."),
    413: ("That was too large to send", "Try a shorter text or a smaller file."),
    429: ("Too many requests", "You have done that a lot in a short time. Wait a minute and try again."),
    500: ("Sorry, something went wrong on our side", "Nothing you entered is your fault. Try again in a "
          "few minutes; if it keeps happening, tell the campaign team."),
    503: ("This service is busy or unavailable", "Try again in a few minutes."),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(status: int, title: str | None = None, detail: str | None = None):
    default_title, default_detail = MESSAGES.get(status, MESSAGES[500])
    title, detail = title or default_title, detail or default_detail
    if _wants_json():
        slug = title.lower().replace(" ", "_")
        return jsonify({"error": slug, "message": f"{title}. {detail}"}), status
    return render_template("error.html", status=status, title=title, detail=detail), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, "Your session expired", "For your security, forms time out when the page "
                            "has been open a long time or cookies are blocked. Go back, reload the page and "
                            "submit again.")

    from ..documents import HeaderError

    @app.errorhandler(HeaderError)
    def cannot_go_in_an_email(error: HeaderError):
        # Forms refuse such text first; this catches anything that reaches an email by another road.
        return render_error(400, "That cannot go in an email", f"{error} Go back and change it, or download the "
                            "PDF instead.")

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge):
        # Nothing of the request was read, so say what the limits are rather than what was wrong.
        from ..config import UPLOAD_MAX_BYTES

        return render_error(413, "That was too large to send", "What you typed or the file you chose is larger "
                            f"than we accept: a file can be at most {UPLOAD_MAX_BYTES // 1_000_000} MB, and any "
                            "one box on a form far less than that. Go back, shorten what you typed or choose a "
                            "smaller file, and try again.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        return render_error(error.code)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        # Logged with the traceback for us; the user sees the friendly page only.
        log.exception("unhandled error on %s %s", request.method, request.path)
        return render_error(InternalServerError.code)
