"""Where to reach a council: its website, from GOV.UK's local authority API (the data behind GOV.UK's
"find your local council"). Used for letters to a council, for which we hold no email address.

Through the lookup's GOV.UK client (advocacy.lookup.govuk: cached for ADVOCACY_GOVUK_CACHE_SECONDS, with
its circuit breaker), so the postcode's answer is the one the lookup already fetched. Soft by design: any
failure (timeout, error, an answer we cannot use) gives None and the page links to GOV.UK's own finder
instead, so a slow GOV.UK never holds up a letter.
"""

from __future__ import annotations

from ..lookup import LookupProblem, lookup_clients
from ..lookup.govuk import LocalAuthority, councils_for_postcode, local_authority


def _website(authority: LocalAuthority) -> str | None:
    url = authority.homepage_url
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) and len(url) < 300 else None


def council_website(postcode: str, *, upper_tier: bool, council_slug: str | None = None) -> dict[str, str] | None:
    """{"name", "website"} of the council for ``postcode`` (its county when ``upper_tier`` and the council is
    a district), or None when GOV.UK cannot say. For a postcode split between councils, ``council_slug`` is
    the council of the address the resident picked; without it, only a postcode whose addresses all have
    the same council gives an answer."""
    govuk = lookup_clients().govuk
    try:
        answer = councils_for_postcode(govuk, postcode)
        authority = answer.authority if answer is not None else None
        if answer is not None and answer.addresses:
            slugs = {choice.slug for choice in answer.addresses}
            slug = council_slug if council_slug in slugs else (slugs.pop() if len(slugs) == 1 else None)
            authority = local_authority(govuk, slug)[0] if slug else None
    except (LookupProblem, ValueError):
        return None
    if authority is None:
        return None
    if upper_tier and authority.parent is not None:
        authority = authority.parent
    website = _website(authority)
    return {"name": authority.name, "website": website} if website else None
