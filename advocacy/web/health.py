"""GET /healthz: whether this process can reach the database, for load balancers and the Docker health check.

A success is remembered for ANSWERED_SECONDS per process: a load balancer (or a benchmark) asking many times
a second then costs the database nothing, and a failure is never remembered, so an outage shows at once."""

import time

from flask import Blueprint, current_app, jsonify

from ..db import database_answers
from .limits import never_limited
from .page_cache import replay_for

bp = Blueprint("health", __name__)
ANSWERED_SECONDS = 1.0
_EXTENSION = "advocacy.health"  # app.extensions: time.monotonic() until which the last success holds


@bp.get("/healthz")
@never_limited
def healthz():
    if time.monotonic() < current_app.extensions.get(_EXTENSION, 0.0) or database_answers():
        current_app.extensions[_EXTENSION] = time.monotonic() + ANSWERED_SECONDS
        replay_for(ANSWERED_SECONDS, depends_on_campaigns=False)  # the same answer, without Flask, meanwhile
        return jsonify({"status": "ok"})
    return jsonify({"status": "unavailable", "reason": "database does not answer"}), 503
