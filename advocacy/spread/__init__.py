"""Spreading the word: the public progress page, the embeddable widget, share cards, case studies from
council officers and the printable summary. Views in ``views``; plain functions in ``progress``,
``share_image``, ``case_studies`` and ``summary`` that the views, CLI and tests call.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import views

    app.register_blueprint(views.bp)
