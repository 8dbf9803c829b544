"""CSRF protection for every form, and the security headers every response carries."""

from __future__ import annotations

from typing import Callable

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()


def allow_framing(view: Callable) -> Callable:
    """Let other sites frame this view (the embeddable widget). Every view without it refuses framing."""
    view.allow_framing = True  # type: ignore[attr-defined]
    return view


def _frameable() -> bool:
    from flask import current_app

    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "allow_framing", False))


def _security_headers(response: Response) -> Response:
    from flask import current_app

    frame_ancestors = "*" if _frameable() else "'none'"
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {frame_ancestors}",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if frame_ancestors == "'none'":
        response.headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config.get("ADVOCACY_SECURE_COOKIES") or request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.after_request(_security_headers)
