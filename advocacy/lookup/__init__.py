"""Postcode lookup: constituency, MP and councils for a UK postcode, fast (cached) and resilient
(retries, circuit breakers, stale answers, a synced MP directory, a manual path when all else fails).

Public interface: ``normalise_postcode``, ``find_representatives`` and the errors they raise.
"""

from flask import Flask

from .councils import Area
from .errors import (CrownDependency, LookupProblem, PostcodeNotFound, PostcodeProblem, PostcodeTerminated,
                     UpstreamUnavailable)
from .postcodes import normalise_postcode
from .representatives import MP, Representatives, checked_phrase
from .service import answered_recently, find_representatives, lookup_clients, while_remembered

__all__ = ["MP", "Area", "CrownDependency", "LookupProblem", "PostcodeNotFound", "PostcodeProblem",
           "PostcodeTerminated", "Representatives", "UpstreamUnavailable", "answered_recently", "checked_phrase",
           "find_representatives", "init_app", "lookup_clients", "normalise_postcode", "while_remembered"]


def init_app(app: Flask) -> None:
    from . import directory, service

    service.init_app(app)
    directory.init_app(app)
