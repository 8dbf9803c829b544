"""Nation rules as data (nations.toml): who runs children's services in each UK nation, whether our
figures cover it and whether it is devolved. Letters, pages and the motion finder ask here rather than
testing country names themselves."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES_FILE = Path(__file__).with_name("nations.toml")
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")
# The first letter of a GSS code says the nation (E06000053, W06000001, S12000033, N09000003).
_CODE_NATION = {"E": "England", "W": "Wales", "S": "Scotland", "N": "Northern Ireland"}


@dataclass(frozen=True)
class Nation:
    name: str
    runs_children_services: str  # "councils", "the Health and Social Care Trusts"
    councils_run_children_services: bool
    local_figures: bool
    devolved: bool
    government: str  # "the Welsh Government"

    def as_template_dict(self) -> dict[str, object]:
        return {"name": self.name, "runs_children_services": self.runs_children_services,
                "councils_run_children_services": self.councils_run_children_services,
                "local_figures": self.local_figures, "devolved": self.devolved, "government": self.government}


@cache
def _rules() -> dict[str, Nation]:
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    return {name: Nation(name=name, **data[name]) for name in NATIONS}


def nation(name: str | None) -> Nation:
    """The rules for ``name``; England's when the nation is not known (postcodes.io always gives one for a
    UK postcode, so this only happens for a typed-in MP, and the campaign's own country is England)."""
    return _rules().get(name or "England") or _rules()["England"]


def nation_of_code(code: str | None) -> str | None:
    """The nation of a GSS code, or None for a code that does not say."""
    return _CODE_NATION.get((code or "")[:1].upper())
