"""CSRF protection for every form, and the security headers every response carries.

Every response (pages, JSON, static files, error pages) gets a strict Content-Security-Policy with no
inline scripts, ``nosniff``, a Referrer-Policy that never sends a path to another site, and refuses to be
framed. A view that other sites may embed opts in with ``@allow_framing`` (the embeddable widget); nothing
else can be framed. HSTS is sent only over HTTPS or when ADVOCACY_SECURE_COOKIES says the site is HTTPS.
"""

from __future__ import annotations

from typing import Callable, TypeVar

from flask import Flask, Response, current_app, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

View = TypeVar("View", bound=Callable)
_FRAMEABLE = "_advocacy_allow_framing"  # attribute set on a view function by @allow_framing

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors {ancestors}")
HSTS = "max-age=31536000; includeSubDomains"


def allow_framing(view: View) -> View:
    """Let any site show this view in an <iframe> (frame-ancestors *). Opt-in, one view at a time."""
    setattr(view, _FRAMEABLE, True)
    return view


def _frameable() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(view is not None and getattr(view, _FRAMEABLE, False))


def _security_headers(response: Response) -> Response:
    frameable = _frameable()
    response.headers.setdefault("Content-Security-Policy", CSP.format(ancestors="*" if frameable else "'none'"))
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
    if not frameable:
        response.headers.setdefault("X-Frame-Options", "DENY")  # for browsers that predate frame-ancestors
    if request.is_secure or current_app.config.get("ADVOCACY_SECURE_COOKIES"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask) -> None:
    from .forms import refuse_control_characters_in_urls

    csrf.init_app(app)
    app.before_request(refuse_control_characters_in_urls)  # forms: CheckedForm, the same check
    app.after_request(_security_headers)
