"""Helpers available in every page template (display only, no logic)."""

from __future__ import annotations

import re
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


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘'(])")


def first_sentence(text: str) -> tuple[str, str]:
    """(first sentence, the rest) of ``text``: the campaign page leads with one sentence of why, so the
    postcode box fits in a phone's first screen, and the rest of the summary follows it."""
    parts = _SENTENCE_END.split((text or "").strip(), maxsplit=1)
    return parts[0], (parts[1] if len(parts) > 1 else "")


def init_app(app: Flask) -> None:
    app.jinja_env.globals["field_attrs"] = field_attrs
    app.jinja_env.filters["first_sentence"] = first_sentence
