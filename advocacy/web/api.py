"""JSON API: GET /api/lookup?postcode=... -> constituency, MP and councils (shape in docs/residents-and-councillors.md)."""

from flask import Blueprint, jsonify, request

from ..lookup import LookupProblem, find_representatives
from .limits import limit_api

bp = Blueprint("api", __name__, url_prefix="/api")
limit_api(bp)  # every /api view shares the API limit


@bp.get("/lookup")
def lookup():
    try:
        found = find_representatives(request.args.get("postcode", ""), council_slug=request.args.get("council") or None)
    except LookupProblem as problem:
        response = jsonify(problem.to_dict())
        response.status_code = problem.status
        if problem.status == 503:
            response.headers["Retry-After"] = "60"
        return response
    return jsonify(found.to_api_dict())
