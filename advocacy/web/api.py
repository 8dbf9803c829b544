"""JSON API: GET /api/lookup?postcode=... -> constituency, MP and councils (shape in docs/residents-and-councillors.md).

A campaign shared in one town brings many people with the same few postcodes, so a look-up this process made
within the last minute is cheap twice over: it is not counted towards the API's rate limit (the limit guards
the outside services a look-up asks, and counting costs a round trip to Redis), and its finished answer is
sent again by the replay middleware (advocacy.web.page_cache) without running Flask, for as long as the lookup
memo holds the postcode (never longer: clearing the memo ends the replay too).
"""

from flask import Blueprint, jsonify, request

from ..lookup import LookupProblem, answered_recently, find_representatives, while_remembered
from .forms import printable
from .limits import free_when, limit_api
from .page_cache import replay_for

bp = Blueprint("api", __name__, url_prefix="/api")
limit_api(bp)  # every /api view shares the API limit
ANSWER_SECONDS = 30.0  # at most; ends sooner when the lookup memo lets the postcode go


def _already_answered() -> bool:
    if request.args.get("council"):  # an address picked in a split postcode: GOV.UK may be asked about it
        return False
    return answered_recently(printable(request.args.get("postcode", "")))


@bp.get("/lookup")
@free_when(_already_answered)
def lookup():
    postcode = printable(request.args.get("postcode", ""))
    council = printable(request.args.get("council", "")) or None
    try:
        found = find_representatives(postcode, council_slug=council)
    except LookupProblem as problem:
        response = jsonify(problem.to_dict())
        response.status_code = problem.status
        if problem.status == 503:
            response.headers["Retry-After"] = "60"
        return response
    if council is None and not found.stale:  # stale: an outside service is down; ask again next time
        replay_for(ANSWER_SECONDS, depends_on_campaigns=False, while_true=while_remembered(postcode))
    return jsonify(found.to_api_dict())
