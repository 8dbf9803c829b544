"""Staff pages for evidence packs (on the staff blueprint): the list of places, and each pack as PDF or CSV."""

from __future__ import annotations

import logging
import re

from flask import Response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...campaigns import Campaign
from ...staff.sources import all_constituencies, childrens_services_authorities
from .views import bp, campaign_or_404, today_utc
from ..errors import render_error
from ...evidence.listing import evidence_listing
from ...evidence.pack import PlaceType, UnknownPlace, build_pack
from ...evidence.render import pack_csv, pack_pdf

log = logging.getLogger("advocacy.evidence")
CODE = re.compile(r"[A-Z]\d{8}")


@bp.get("/c/<slug>/evidence/")
@login_required
def evidence(slug: str):
    campaign = campaign_or_404(slug)
    constituencies = all_constituencies()
    listing = evidence_listing(slug, campaign.opens, today_utc(), constituencies)
    return render_template("staff/evidence.html", campaign=campaign, top=listing.constituencies,
                           without=listing.without, have_directory=bool(constituencies), councils=listing.councils,
                           authorities=_pickable_councils(),
                           page_title=f"Evidence packs: {campaign.title}")


def _pickable_councils() -> list[tuple[str, str]]:
    """Every English council in the motions' register (districts too), else the children's services
    authorities the local figures know."""
    from ...motions.finder import register_loaded, search_councils

    if register_loaded():
        return [(c.code, c.name) for c in search_councils("", limit=1000)]
    return childrens_services_authorities()


@bp.get("/c/<slug>/evidence/council")
@login_required
def evidence_council_choice(slug: str):
    """The 'any council' form (a GET, works without JavaScript): sends the browser to that council's pack."""
    campaign_or_404(slug)
    code = (request.args.get("code") or "").strip().upper()
    fmt = request.args.get("format") if request.args.get("format") in ("pdf", "csv") else "pdf"
    if not CODE.fullmatch(code):
        return render_error(400, "Choose a council", "Pick a council from the list, then choose Download.")
    return redirect(url_for(".evidence_pack", slug=slug, place_type="council", code=code, fmt=fmt))


@bp.get("/c/<slug>/evidence/<any(constituency, council):place_type>/<code>.<any(pdf, csv):fmt>")
@login_required
def evidence_pack(slug: str, place_type: PlaceType, code: str, fmt: str):
    campaign = campaign_or_404(slug)
    log.info("evidence pack %s %s %s (%s) by staff member %s", slug, place_type, code, fmt, current_user.id)
    return pack_response(campaign, place_type, code, fmt)


def pack_response(campaign: Campaign, place_type: PlaceType, code: str, fmt: str) -> Response:
    """The pack as a download, or a page saying which code is unknown. Shared with the councillors' link."""
    if not CODE.fullmatch(code.upper()):
        return render_error(404, "No such place", f"{code[:20]!r} is not a constituency or council code; codes "
                            "look like E14001331 (constituency) or E08000035 (council).")
    try:
        pack = build_pack(campaign, place_type, code, today=today_utc())
    except UnknownPlace as exc:
        return render_error(404, "No such place", str(exc))
    if fmt == "csv":
        response = Response(pack_csv(pack), mimetype="text/csv")
    else:
        response = Response(pack_pdf(pack), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{pack.filename}.{fmt}"'
    return response
