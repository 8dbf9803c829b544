"""CSRF protection for every form, and the security headers every response carries."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

# Pages that other sites may frame (the embeddable widget); everything else refuses framing.
FRAMEABLE_ENDPOINT_PREFIX = "embed."


def _security_headers(response: Response) -> Response:
    from flask import current_app

    frame_ancestors = "*" if (request.endpoint or "").startswith(FRAMEABLE_ENDPOINT_PREFIX) else "'none'"
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
