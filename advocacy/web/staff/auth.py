"""Who may see what: Flask-Login set-up, the admin check, and safe redirects after signing in."""

from __future__ import annotations

from functools import wraps
from typing import Callable
from urllib.parse import urlsplit

from flask import Flask, request
from flask_login import LoginManager, current_user, login_required

from ...staff import accounts

login_manager = LoginManager()
login_manager.login_view = "staff.sign_in"
login_manager.login_message = "Sign in to see the staff pages."
login_manager.login_message_category = "info"
# "strong": a session cookie replayed from another browser or address is dropped, not trusted.
login_manager.session_protection = "strong"


@login_manager.user_loader
def _load_user(user_id: str):
    return accounts.load_session_user(user_id)


def admin_required(view: Callable) -> Callable:
    """Signed in as an admin; a viewer gets the 'not allowed' page (403), not a redirect."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            from ..errors import render_error

            return render_error(403, "You do not have permission to do that",
                                "Your account can see the dashboard and export action records. Editing "
                                "campaigns and exporting supporters' personal data need an admin account: "
                                "ask an admin of this campaign.")
        return view(*args, **kwargs)

    return wrapped


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: never a redirect to another site."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 for ch in target):  # browsers read /\evil.org as //evil.org
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def init_app(app: Flask) -> None:
    login_manager.init_app(app)

    @app.after_request
    def _no_caching_of_staff_pages(response):
        # Staff pages show figures and personal data: never keep them in a shared or back-button cache.
        if request.blueprint == "staff":
            response.headers["Cache-Control"] = "no-store"
        return response
