"""GET /api/councils/<code>/figures: a council's figures as JSON (the object templates see)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..campaigns import get_campaign
from .limits import limit_api
from ..localdata.store import figures_for, why_no_figures

bp = Blueprint("localdata_api", __name__, url_prefix="/api/councils")
limit_api(bp)


@bp.get("/<code>/figures")
def council_figures(code: str):
    measures = None
    slug = request.args.get("campaign")
    if slug:
        campaign = get_campaign(slug)
        if campaign is None:
            return jsonify({"error": f"There is no campaign called {slug!r}."}), 404
        measures = list(campaign.measures)
    figures = figures_for(code, measures)
    if figures is None:
        return jsonify({"error": why_no_figures(code)}), 404
    return jsonify(figures.as_template_dict())
