"""Local figures: official children's services statistics for every council in England.

Import DfE and ONS files (``importer``), map any council to its children's services authority
(``authorities``) and give letters, motions, the CLI and the API one figures object (``figures``).
"""

from __future__ import annotations

from flask import Flask

from .ees import ImportRejected
from .figures import Figures, MeasureFigures
from .importer import ImportReport, import_lookup, import_measure, import_population
from .store import (children_services_authority, figures_for, figures_for_england, has_official_data,
                    why_no_figures)

__all__ = ["Figures", "ImportRejected", "ImportReport", "MeasureFigures", "children_services_authority",
           "figures_for", "figures_for_england", "has_official_data", "import_lookup", "import_measure",
           "import_population", "init_app", "why_no_figures"]


def init_app(app: Flask) -> None:
    from . import cli

    cli.init_app(app)
