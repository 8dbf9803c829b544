"""New campaigns from the staff pages (admins): copy a campaign or start from a minimal one, edit the fields
of its campaign.toml through a form, check it, and download it as a campaign folder. Saved through
``campaigns.store``, so every process serves the new campaign from its next request, with no restart."""

from __future__ import annotations

import datetime as dt

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from ...campaigns import authoring, store
from ...campaigns.registry import disk_registry, load_files, registry
from ...campaigns.sample import SAMPLE_MEASURES, sample_context
from ...campaigns.templating import TemplateProblem, TemplateProblems
from ...staff import template_examples
from .auth import admin_required
from .campaign_forms import CampaignSettingsForm, NewCampaignForm, measure_names
from .editor_preview import side_by_side
from .manage import check_files
from .views import bp, campaign_or_404

MINIMAL = "minimal"


def _start_choices() -> list[SelectChoice]:
    campaigns = sorted(registry().campaigns.values(), key=lambda c: c.title)
    return ([SelectChoice(f"copy:{c.slug}", f"A copy of {c.title}") for c in campaigns]
            + [SelectChoice(MINIMAL, "A blank campaign: one ask and letters to MPs, to fill in")])


def _taken_slugs() -> set[str]:
    return set(registry().campaigns) | set(disk_registry().files) | set(store.latest_versions())


@bp.route("/campaigns/new", methods=["GET", "POST"])
@admin_required
def new_campaign():
    form = NewCampaignForm()
    form.start.choices = _start_choices()
    problems: list[TemplateProblem] = []
    status = 200
    if form.validate_on_submit():
        slug = form.slug.data
        wrong = authoring.slug_problem(slug, _taken_slugs())
        if wrong:
            form.slug.errors.append(wrong)
        else:
            if form.start.data == MINIMAL:
                files = authoring.minimal_files(form.title.data.strip(), dt.date.today())
            else:
                source = campaign_or_404(form.start.data.removeprefix("copy:"))
                files = authoring.copied_files(registry().files[source.slug], form.title.data.strip())
            try:
                load_files(slug, files, location=slug)
                store.create_campaign(slug, files, created_by=current_user.email)
            except TemplateProblems as exc:  # a copy of a campaign whose saved versions no longer load
                problems = exc.problems
            except store.VersionConflict:
                form.slug.errors.append(f"Someone made a campaign at /c/{slug} a moment ago: choose another web "
                                        "address")
            else:
                flash(f"Made {form.title.data.strip()} at /c/{slug}. It is closed: check its settings, "
                      "then open it on its manage page.", "success")
                return redirect(url_for(".campaign_settings", slug=slug))
    if form.is_submitted():
        status = 400
    return render_template("staff/new_campaign.html", form=form, problems=problems,
                           page_title="New campaign"), status


def _fields_from(form: CampaignSettingsForm) -> authoring.CampaignFields:
    return authoring.CampaignFields(
        title=form.title.data.strip(), summary=form.summary.data.strip(), hashtag=form.hashtag.data,
        opens=form.opens.date, closes=form.closes.date, description=(form.description.data or "").strip(),
        countries=list(form.countries.data), devolved_letters=bool(form.devolved_letters.data),
        devolved_note=(form.devolved_note.data or "").strip(), targets=list(form.targets.data),
        measures=measure_names(form.measures.data),
        asks=[authoring.AskFields(id=a.id.data, title=a.title.data.strip(), text=a.text.data.strip(),
                                  motion_text=(a.motion_text.data or "").strip(), was=a.was.data or "")
              for a in (entry.form for entry in form.asks.entries) if not a.remove.data])


def _form_data(fields: authoring.CampaignFields, based_on: int) -> dict:
    return {
        "title": fields.title, "summary": fields.summary, "description": fields.description,
        "hashtag": fields.hashtag, "countries": fields.countries, "devolved_letters": fields.devolved_letters,
        "devolved_note": fields.devolved_note, "targets": fields.targets,
        "opens": fields.opens.isoformat() if fields.opens else "",
        "closes": fields.closes.isoformat() if fields.closes else "",
        "measures": ", ".join(fields.measures), "based_on": str(based_on),
        "asks": [{"was": a.was, "id": a.id, "title": a.title, "text": a.text, "motion_text": a.motion_text}
                 for a in fields.asks],
    }


def measure_problems(loaded, slug: str) -> list[TemplateProblem]:
    """Templates that use a local figure the campaign does not list in ``measures``.

    The start-up check renders with every sample figure, but residents' letters get only the campaign's
    measures, so a figure taken off the list here would otherwise break letters only when residents write.
    """
    campaign = loaded.campaigns[slug]
    problems: list[TemplateProblem] = []
    for kind in sorted(campaign.templates):
        context = sample_context(campaign, kind)
        context["local"] = {name: value for name, value in context["local"].items()
                            if name not in SAMPLE_MEASURES or name in campaign.measures}
        try:
            loaded.render(campaign, kind, context)
        except TemplateProblems as exc:
            problems.extend(TemplateProblem(p.filename, p.line, f"{p.message} (add the figure to \"Local figures "
                                            "used\", or take it out of the template)") for p in exc.problems)
    return problems


def _shown(problems: list[TemplateProblem], slug: str, files: dict[str, str]) -> list[dict]:
    """Problems for display, each with the text of the line it names."""
    shown = []
    for problem in problems:
        lines = files.get(problem.filename.removeprefix(f"{slug}/"), "").splitlines()
        text = lines[problem.line - 1] if problem.line and problem.line <= len(lines) else None
        shown.append({"problem": problem, "line_text": text})
    return shown


def _latest_numbers(slug: str) -> dict[str, int]:
    return {name: v.version for name, v in store.latest_versions(slug).get(slug, {}).items()}


@bp.route("/c/<slug>/settings", methods=["GET", "POST"])
@admin_required
def campaign_settings(slug: str):
    campaign = campaign_or_404(slug)
    files = registry().files[slug]
    numbers = _latest_numbers(slug)
    problems: list[dict] = []
    shown: list = []
    example = template_examples.example(None)
    checked = False
    status = 200
    if request.method == "GET":
        form = CampaignSettingsForm(data=_form_data(authoring.read_fields(files[authoring.CAMPAIGN_FILE]),
                                                    numbers.get(authoring.CAMPAIGN_FILE, 0)))
    else:
        form = CampaignSettingsForm()
        if "add_ask" in request.form:  # a button, so it works without JavaScript; nothing typed is lost
            if len(form.asks.entries) < form.asks.max_entries:
                form.asks.append_entry()
        elif not form.validate_on_submit():
            status = 400
        else:
            new_files = authoring.apply_fields(files, _fields_from(form))
            loaded, found = check_files(slug, new_files)
            problems = _shown(found or measure_problems(loaded, slug), slug, new_files)
            if problems:
                status = 400
            elif "save" in request.form:
                changed = {name: text for name, text in new_files.items() if files.get(name) != text}
                based_on = {name: numbers.get(name, 0) for name in changed}
                based_on[authoring.CAMPAIGN_FILE] = int(form.based_on.data.strip() or 0)
                try:
                    if changed:
                        store.save_versions(slug, changed, created_by=current_user.email, based_on=based_on)
                except store.VersionConflict:
                    form.title.errors.append("Someone else saved this campaign while you were editing it. What "
                                             "you typed is still here: open the manage page in a new tab to "
                                             "see their change, then save again.")
                    form.based_on.data = str(numbers.get(authoring.CAMPAIGN_FILE, 0))
                    status = 409
                else:
                    flash("Saved the campaign's settings. The campaign uses them from now on." if changed
                          else "Nothing had changed, so nothing was saved.", "success")
                    return redirect(url_for(".manage", slug=slug))
            else:
                try:
                    shown = side_by_side(registry(), loaded, slug, authoring.CAMPAIGN_FILE, example)
                    checked = True
                except TemplateProblems as exc:  # renders with sample data, but not for the example council
                    problems, status = _shown(exc.problems, slug, new_files), 400
    return render_template("staff/campaign_settings.html", campaign=campaign, form=form, problems=problems,
                           previews=shown, checked=checked, example=example, sample_measures=SAMPLE_MEASURES,
                           page_title=f"Settings: {campaign.title}"), status


@bp.get("/c/<slug>/folder.zip")
@admin_required
def campaign_folder_zip(slug: str):
    campaign_or_404(slug)
    response = Response(authoring.folder_zip(slug, registry().files[slug]), mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}.zip"'
    return response
