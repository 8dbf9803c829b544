"""Where to reach a council: its website, from GOV.UK's local authority API (the data behind GOV.UK's
"find your local council"). Used for letters to a council, for which we hold no email address.

Soft by design: any failure (timeout, error, an answer we cannot use) gives None and the page links to
GOV.UK's own finder instead, so a slow GOV.UK never holds up a letter.
"""

from __future__ import annotations

from typing import Any

import requests
from flask import current_app


def _get(path: str, params: dict[str, str] | None = None) -> dict[str, Any] | None:
    base = current_app.config["ADVOCACY_GOVUK_API_URL"].rstrip("/")
    timeout = (current_app.config["ADVOCACY_HTTP_CONNECT_TIMEOUT"], current_app.config["ADVOCACY_HTTP_READ_TIMEOUT"])
    try:
        # The postcode endpoint redirects to /local-authority/<slug> when one council covers the postcode.
        response = requests.get(f"{base}{path}", params=params, timeout=timeout, allow_redirects=True)
        if response.status_code != 200:
            return None
        data = response.json()
    except (requests.RequestException, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _website(authority: Any) -> str | None:
    url = authority.get("homepage_url") if isinstance(authority, dict) else None
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) and len(url) < 300 else None


def council_website(postcode: str, *, upper_tier: bool) -> dict[str, str] | None:
    """{"name", "website"} of the council for ``postcode`` (its county when ``upper_tier`` and the council is
    a district), or None when GOV.UK cannot say."""
    data = _get("/local-authority", {"postcode": postcode})
    if data is not None and "addresses" in data:
        # The postcode spans councils: usable only when every address has the same one.
        slugs = {a.get("local_authority_slug") for a in data["addresses"] if isinstance(a, dict)}
        data = _get(f"/local-authority/{slugs.pop()}") if len(slugs) == 1 and None not in slugs else None
    authority = (data or {}).get("local_authority")
    if not isinstance(authority, dict):
        return None
    if upper_tier and isinstance(authority.get("parent"), dict):
        authority = authority["parent"]
    website = _website(authority)
    return {"name": str(authority.get("name") or ""), "website": website} if website else None
