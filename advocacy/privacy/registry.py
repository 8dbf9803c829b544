from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalData:
    model: Any  # a SQLAlchemy model class
    created_column: str  # when the row was stored (UTC); the retention clock starts here
    email_column: str | None  # how to find one person's rows, if the table has an email
    description: str  # for the privacy notice and exports


_REGISTRY: dict[str, PersonalData] = {}


def register_personal_data(model: Any, *, created: str, email: str | None, description: str) -> None:
    """Declare that ``model`` holds personal data. Called once at import by the owning capability."""
    _REGISTRY[model.__tablename__] = PersonalData(model, created, email, description)


def personal_data_models() -> list[PersonalData]:
    return list(_REGISTRY.values())
