from flask import Blueprint, jsonify

from ..db import database_answers

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    if database_answers():
        return jsonify({"status": "ok"})
    return jsonify({"status": "unavailable", "reason": "database does not answer"}), 503
