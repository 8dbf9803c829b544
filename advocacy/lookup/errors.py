"""What can go wrong in a lookup, each with a slug (for the JSON API), a message a resident can act on,
and the HTTP status the API answers with."""

from __future__ import annotations


class LookupProblem(Exception):
    """A lookup that cannot give an answer. ``message`` says what is wrong and how to fix it."""

    slug = "lookup_failed"
    status = 400

    def __init__(self, message: str, slug: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if slug is not None:
            self.slug = slug
        if status is not None:
            self.status = status

    def to_dict(self) -> dict[str, str]:
        return {"error": self.slug, "message": self.message}


class PostcodeProblem(LookupProblem):
    """The text typed is not something we can look up: empty, not a postcode, only half of one, BFPO."""

    status = 400


class PostcodeNotFound(LookupProblem):
    slug = "not_found"
    status = 404


class PostcodeTerminated(LookupProblem):
    slug = "terminated"
    status = 404


class CrownDependency(LookupProblem):
    """Jersey, Guernsey and the Isle of Man have no MP in the House of Commons and no UK council."""

    slug = "crown_dependency"
    status = 404


class UpstreamUnavailable(LookupProblem):
    """postcodes.io (or what we need from it) is down and nothing usable is cached."""

    slug = "upstream_unavailable"
    status = 503
