"""The resident's journey after the postcode: who represents them (step 2), and the manual path when the
postcode or MP services cannot answer. The letter itself is the next step (built by the letters work)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for

from ..campaigns import Campaign, get_campaign
from ..lookup import (MP, Area, LookupProblem, Representatives, UpstreamUnavailable, checked_phrase,
                      find_representatives)
from ..lookup.directory import get_constituency, last_synced, search_constituencies
from ..lookup.representatives import FROM_DIRECTORY, FROM_PARLIAMENT
from .limits import limit_form_submits
from .lookup_forms import ChooseConstituencyForm, TypedMPForm

bp = Blueprint("resident", __name__)
LIST_LIMIT = 50  # constituencies listed at once on the manual path; a search narrows the list


def _campaign(slug: str) -> Campaign:
    campaign = get_campaign(slug)
    if campaign is None:
        abort(404)
    return campaign


@dataclass(frozen=True)
class Situation:
    """What the 'your representatives' page says, worked out here so the template only displays it."""

    outside_campaign: bool  # the resident lives in a nation this campaign's figures don't cover
    letters_offered: bool  # the campaign still offers letters there
    can_write_to_mp: bool
    can_write_to_council: bool
    show_council_separately: bool  # county / children's services authority differ from the council
    mp_freshness: str | None
    postcode_freshness: str | None


def situation(campaign: Campaign, reps: Representatives | None, manual: dict | None) -> Situation:
    country = reps.country if reps else None
    outside = country is not None and country not in campaign.countries
    letters = not outside or campaign.devolved_letters
    has_mp = bool((reps and reps.mp) or (manual and manual.get("name")))
    freshness = None
    if reps and reps.mp_source == FROM_PARLIAMENT and reps.mp_checked_at:
        freshness = f"MP details from the UK Parliament, {checked_phrase(reps.mp_checked_at)}"
    elif reps and reps.mp_source == FROM_DIRECTORY:
        freshness = ("The UK Parliament's MP service is not answering, so these MP details come from our copy "
                     f"of its list, {checked_phrase(reps.mp_checked_at).replace('checked', 'updated')}")
    return Situation(
        outside_campaign=outside,
        letters_offered=letters,
        can_write_to_mp=letters and "mp" in campaign.targets and has_mp,
        can_write_to_council=(letters and "council" in campaign.targets and reps is not None
                              and reps.council is not None),
        show_council_separately=bool(reps and reps.children_services_authority
                                     and reps.children_services_authority != reps.council),
        mp_freshness=freshness,
        postcode_freshness=(f"Postcode details from postcodes.io, {checked_phrase(reps.postcode_checked_at)}"
                            if reps else None),
    )


@bp.get("/c/<slug>/you")
def you(slug: str):
    campaign = _campaign(slug)
    postcode = session.get("postcode")
    if not postcode:
        return redirect(url_for("public.campaign", slug=slug))
    manual = session.get("manual_mp")
    reps, unavailable = None, None
    try:
        reps = find_representatives(postcode)
    except UpstreamUnavailable as problem:
        unavailable = problem.message
    except LookupProblem as problem:  # e.g. the postcode was retired since it was entered
        flash(problem.message, "error")
        return redirect(url_for("public.campaign", slug=slug))
    if reps is not None and not reps.mp_unavailable:
        manual = None  # the services answered: an MP chosen by hand is no longer needed
    mp = reps.mp if reps is not None and reps.mp is not None else _manual_mp(manual)
    constituency = (reps.constituency if reps is not None and reps.constituency is not None
                    else _manual_constituency(manual))
    return render_template("resident/you.html", campaign=campaign, postcode=postcode, reps=reps, manual=manual,
                           mp=mp, constituency=constituency, unavailable=unavailable,
                           situation=situation(campaign, reps, manual))


def _manual_mp(manual: dict | None) -> MP | None:
    if not manual or not manual.get("name"):
        return None
    return MP(name=manual["name"], party=manual.get("party"), email=manual.get("email"),
              member_id=manual.get("member_id"))


def _manual_constituency(manual: dict | None) -> Area | None:
    found = (manual or {}).get("constituency")
    return Area(found["name"], found.get("code")) if found else None


@bp.route("/c/<slug>/you/choose", methods=["GET", "POST"])
@limit_form_submits
def choose(slug: str):
    """Manual path: search our directory of constituencies (works without JavaScript), or type the MP."""
    campaign = _campaign(slug)
    query = (request.values.get("q") or "").strip()[:100]
    seats = search_constituencies(query, limit=LIST_LIMIT + 1)
    more = len(seats) > LIST_LIMIT
    seats = seats[:LIST_LIMIT]
    choose_form = ChooseConstituencyForm(prefix="choose")
    choose_form.constituency.choices = [(s.id, s.name) for s in seats]
    typed_form = TypedMPForm(prefix="typed")
    if "postcode" not in session:
        return redirect(url_for("public.campaign", slug=slug))
    action = request.form.get("action")
    if action == "choose" and choose_form.validate_on_submit():
        seat = get_constituency(choose_form.constituency.data)
        session["manual_mp"] = seat_choice(seat)
        return redirect(url_for("resident.you", slug=slug))
    if action == "typed" and typed_form.validate_on_submit():
        constituency = (typed_form.constituency_name.data or "").strip()
        session["manual_mp"] = {"name": typed_form.mp_name.data.strip(), "email": typed_form.mp_email.data.strip(),
                                "party": None, "member_id": None, "source": "typed", "vacant": False,
                                "constituency": {"name": constituency, "code": None} if constituency else None}
        return redirect(url_for("resident.you", slug=slug))
    return render_template("resident/choose.html", campaign=campaign, query=query, seats=seats,
                           choose_form=choose_form, typed_form=typed_form, directory_ready=last_synced() is not None,
                           more=more)


def seat_choice(seat) -> dict:
    mp = seat.mp
    return {"name": mp.name if mp else None, "email": mp.email if mp else None, "party": mp.party if mp else None,
            "member_id": mp.member_id if mp else None, "source": "directory", "vacant": mp is None,
            "constituency": {"name": seat.name, "code": seat.code}}

