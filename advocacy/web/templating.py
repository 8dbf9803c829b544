"""Helpers available in every page template (display only, no logic)."""

from __future__ import annotations

from typing import Any

from flask import Flask


def field_attrs(field: Any, hint: str | None, css_class: str, **extra: Any) -> dict[str, Any]:
    """HTML attributes for a form control: class, error state, and the ids of its hint and error."""
    described = [f"{field.id}-hint"] if hint else []
    if field.errors:
        described.append(f"{field.id}-error")
        css_class += " input--error"
    attrs: dict[str, Any] = {"class_": css_class}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    attrs.update({k: v for k, v in extra.items() if v not in (None, False)})
    return attrs


def init_app(app: Flask) -> None:
    app.jinja_env.globals["field_attrs"] = field_attrs
