"""The resident's journey after the postcode: who represents them (step 2), the address picker for a postcode
split between councils, the election-period reminder, and the manual path when the postcode or MP services
cannot answer. The letter itself is the next step (built by the letters work)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for

from ..campaigns import Campaign, NationOffer, get_campaign
from ..elections import ask_for_reminder, parliament_dissolved
from ..lookup import MP, Area, LookupProblem, Representatives, UpstreamUnavailable, find_representatives
from ..lookup.directory import get_constituency, last_sync_run_at, search_constituencies
from ..lookup.representatives import freshness_lines
from ..nations import Nation, council_names, nation
from .limits import limit_form_submits
from .lookup_forms import NOT_LISTED, AddressForm, ChooseConstituencyForm, ReminderForm, TypedMPForm

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
    freshness: list[str]  # where each part of the answer came from and how recent it is
    dissolution: object | None  # advocacy.elections.Dissolution while Parliament is dissolved
    offer_reminder: bool  # dissolved: offer an email when the new MP is known
    offer: NationOffer | None = None  # what the campaign offers in the resident's nation, and why
    nation: Nation | None = None  # who runs children's services there
    council_name: str = ""  # official names, as a sentence says them ("the Council of the Isles of Scilly")
    county_name: str = ""
    authority_name: str = ""


def situation(campaign: Campaign, reps: Representatives | None, manual: dict | None) -> Situation:
    country = reps.country if reps else None
    outside = country is not None and country not in campaign.countries
    offer = campaign.offer_for(country)
    letters = "mp" in offer.offers or "council" in offer.offers
    dissolution = reps.dissolution if reps is not None else parliament_dissolved()
    has_mp = dissolution is None and bool((reps and reps.mp) or (manual and manual.get("name")))

    def say(area) -> str:
        return council_names(area.code, area.name).name if area is not None and area.name else ""

    return Situation(
        outside_campaign=outside,
        letters_offered=letters,
        can_write_to_mp="mp" in offer.offers and "mp" in campaign.targets and has_mp,
        can_write_to_council=("council" in offer.offers and "council" in campaign.targets and reps is not None
                              and reps.council is not None),
        offer=offer if country else None,
        nation=nation(country) if country else None,
        council_name=say(reps.council) if reps else "",
        county_name=say(reps.county) if reps else "",
        authority_name=say(reps.children_services_authority) if reps else "",
        show_council_separately=bool(reps and reps.children_services_authority
                                     and reps.children_services_authority != reps.council),
        freshness=freshness_lines(reps) if reps else [],
        dissolution=dissolution,
        offer_reminder=(dissolution is not None and letters and "mp" in campaign.targets and reps is not None
                        and reps.constituency is not None),
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
        reps = find_representatives(postcode, council_slug=chosen_council(postcode))
    except UpstreamUnavailable as problem:
        unavailable = problem.message
    except LookupProblem as problem:  # e.g. the postcode was retired since it was entered
        flash(problem.message, "error")
        return redirect(url_for("public.campaign", slug=slug))
    if reps is not None and reps.council_split and not _address_not_listed(postcode):
        return redirect(url_for("resident.address", slug=slug))
    if reps is not None and not reps.mp_unavailable:
        manual = None  # the services answered: an MP chosen by hand is no longer needed
    if (reps.dissolved if reps is not None else parliament_dissolved() is not None):
        manual = None  # no MPs until the election: never one typed or picked from an old list
    mp = reps.mp if reps is not None and reps.mp is not None else _manual_mp(manual)
    constituency = (reps.constituency if reps is not None and reps.constituency is not None
                    else _manual_constituency(manual))
    return render_template("resident/you.html", campaign=campaign, postcode=postcode, reps=reps, manual=manual,
                           mp=mp, constituency=constituency, unavailable=unavailable,
                           situation=situation(campaign, reps, manual), reminder_form=ReminderForm(prefix="remind"))


def chosen_council(postcode: str) -> str | None:
    """The GOV.UK council slug of the address the resident picked for this postcode, if any."""
    choice = session.get("council_choice") or {}
    if choice.get("postcode") != postcode or choice.get("slug") == NOT_LISTED:
        return None
    return choice.get("slug")


def _address_not_listed(postcode: str) -> bool:
    choice = session.get("council_choice") or {}
    return choice.get("postcode") == postcode and choice.get("slug") == NOT_LISTED


@bp.route("/c/<slug>/you/address", methods=["GET", "POST"])
@limit_form_submits
def address(slug: str):
    """A postcode split between councils: the resident picks their address (a plain form, no JavaScript)."""
    campaign = _campaign(slug)
    postcode = session.get("postcode")
    if not postcode:
        return redirect(url_for("public.campaign", slug=slug))
    try:
        reps = find_representatives(postcode)
    except LookupProblem:
        return redirect(url_for("resident.you", slug=slug))
    if not reps.council_choices:
        return redirect(url_for("resident.you", slug=slug))
    choices = reps.council_choices
    form = AddressForm()
    form.address.choices = [(str(number), choice.address) for number, choice in enumerate(choices)]
    form.address.choices.append((NOT_LISTED, "My address is not listed"))
    if form.validate_on_submit():
        picked = form.address.data
        council = NOT_LISTED if picked == NOT_LISTED else choices[int(picked)].slug
        # Only the council is kept, not the address: that is all the letter needs to know.
        session["council_choice"] = {"postcode": postcode, "slug": council}
        return redirect(url_for("resident.you", slug=slug))
    councils = sorted({choice.council_name for choice in choices})
    return render_template("resident/address.html", campaign=campaign, postcode=postcode, form=form,
                           councils=councils, centre=reps.council)


@bp.post("/c/<slug>/you/remind")
@limit_form_submits
def remind(slug: str):
    """During a dissolution: 'email me when my new MP is known'."""
    campaign = _campaign(slug)
    postcode = session.get("postcode")
    if not postcode:
        return redirect(url_for("public.campaign", slug=slug))
    try:
        reps = find_representatives(postcode, council_slug=chosen_council(postcode))
    except LookupProblem as problem:
        flash(problem.message, "error")
        return redirect(url_for("resident.you", slug=slug))
    form = ReminderForm(prefix="remind")
    found = situation(campaign, reps, None)
    if not found.offer_reminder:
        return redirect(url_for("resident.you", slug=slug))
    if form.validate_on_submit():
        ask_for_reminder(form.email.data, campaign.slug, reps.constituency.name, reps.constituency.code)
        flash(f"Thank you. We will email you once when the new MP for {reps.constituency.name} is known, and "
              "then delete your address.", "success")
        return redirect(url_for("resident.you", slug=slug) + "#reminder")
    return render_template("resident/you.html", campaign=campaign, postcode=postcode, reps=reps, manual=None,
                           mp=None, constituency=reps.constituency, unavailable=None, situation=found,
                           reminder_form=form)


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
    if "postcode" not in session or parliament_dissolved() is not None:
        return redirect(url_for("resident.you", slug=slug) if "postcode" in session
                        else url_for("public.campaign", slug=slug))
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
                           choose_form=choose_form, typed_form=typed_form,
                           directory_ready=last_sync_run_at() is not None,
                           more=more)


def seat_choice(seat) -> dict:
    mp = seat.mp
    return {"name": mp.name if mp else None, "email": mp.email if mp else None, "party": mp.party if mp else None,
            "member_id": mp.member_id if mp else None, "source": "directory", "vacant": mp is None,
            "constituency": {"name": seat.name, "code": seat.code}}

