"""The site's public address for absolute links: emailed links, the councillor's private links, share
snippets and the embed code.

ADVOCACY_PUBLIC_URL when it is set. Unset, the address the page was requested on (so `make run` and the
demo on any port give links that work); outside a request (the worker, the CLI) the default local address.
Production sets ADVOCACY_PUBLIC_URL, so that emailed links never depend on a request's Host header.
"""

from __future__ import annotations

from flask import current_app, has_request_context, request

LOCAL = "http://127.0.0.1:5000"  # outside a request, with nothing configured: `make run`'s address


def public_base_url() -> str:
    """'https://raise.example.org' (no trailing slash)."""
    configured = current_app.config.get("ADVOCACY_PUBLIC_URL")
    if configured:
        return str(configured).rstrip("/")
    if has_request_context():
        return request.host_url.rstrip("/")
    return LOCAL
