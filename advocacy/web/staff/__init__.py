"""The campaign staff's pages: sign-in, dashboard and exports (``views``), campaign editing (``manage``),
local data uploads, the official data release, sending oversight, case study review, privacy requests, evidence packs and council
rules. Every module registers its pages on the one ``staff`` blueprint; the logic they call lives in the
capability packages (``advocacy.staff``, ``advocacy.evidence``, ``advocacy.councilrules`` ...).
"""

from flask import Flask

from . import (auth, campaign_authoring, case_studies, council_contacts, council_rules,  # noqa: F401
               council_rules_history, data_release, evidence, local_data, manage, motion_reports, outbox,
               privacy, sending)  # (these register their pages on the blueprint)
from .views import bp


def init_app(app: Flask) -> None:
    auth.init_app(app)


__all__ = ["bp", "init_app"]
