"""Campaign management for admins: edit campaign files with validation and preview, keep and restore
versions, open and close campaigns. The texts are saved through ``campaigns.store``; the app's campaigns
pick them up on the next request in every process (see ``campaigns.registry``)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...campaigns import store
from ...campaigns.registry import disk_registry, load_files, registry, saved_version_problems
from ...campaigns.templating import TemplateProblem, TemplateProblems
from ...staff import template_examples
from .auth import admin_required
from .editor_preview import placeholder_groups, side_by_side
from .forms import EditFileForm, RestoreForm, StatusForm
from .views import bp, campaign_or_404


def _files_or_404(slug: str, filename: str | None = None) -> dict[str, str]:
    """The campaign's current files (disk overlaid with saved versions); 404 for a file it does not have."""
    campaign_or_404(slug)
    files = registry().files[slug]
    if filename is not None and filename not in files:
        abort(404)
    return files


def _latest_number(slug: str, filename: str) -> int:
    latest = store.latest_versions(slug).get(slug, {}).get(filename)
    return latest.version if latest else 0


def check_files(slug: str, files: dict[str, str]):
    """Validate a campaign's files as they would be after a save. Returns (loaded registry, problems)."""
    campaign = campaign_or_404(slug)
    try:
        return load_files(slug, files, location=slug, folder=campaign.folder, status=campaign.status), []
    except TemplateProblems as exc:
        return None, exc.problems


def _problem_lines(problems: list[TemplateProblem], slug: str, filename: str, content: str) -> list[dict]:
    """Problems for display, each with the text of its line when it is in the file being edited."""
    lines = content.splitlines()
    shown = []
    for problem in problems:
        here = problem.filename == f"{slug}/{filename}"
        text = lines[problem.line - 1] if here and problem.line and problem.line <= len(lines) else None
        shown.append({"problem": problem, "line_text": text})
    return shown


@bp.get("/c/<slug>/manage")
@admin_required
def manage(slug: str):
    campaign = campaign_or_404(slug)
    return _manage_page(slug, StatusForm(status=campaign.status or "dates"))


def _manage_page(slug: str, form: StatusForm, status_code: int = 200):
    campaign = campaign_or_404(slug)
    return render_template("staff/manage.html", campaign=campaign, files=sorted(registry().files[slug]),
                           in_folder=slug in disk_registry().files,
                           latest=store.latest_versions(slug).get(slug, {}), form=form,
                           status=store.status_of(slug), problems=saved_version_problems(slug),
                           page_title=f"Manage: {campaign.title}"), status_code


@bp.post("/c/<slug>/status")
@admin_required
def set_status(slug: str):
    campaign_or_404(slug)
    form = StatusForm()
    if not form.validate_on_submit():
        return _manage_page(slug, form, 400)
    status = None if form.status.data == "dates" else form.status.data
    store.set_status(slug, status, updated_by=current_user.email)
    message = {None: "The campaign now follows the dates in campaign.toml.",
               "open": "The campaign is open.", "closed": "The campaign is closed: residents cannot start a letter."}
    flash(message[status], "success")
    return redirect(url_for(".manage", slug=slug))


@bp.route("/c/<slug>/files/<filename>", methods=["GET", "POST"])
@admin_required
def edit_file(slug: str, filename: str):
    files = _files_or_404(slug, filename)
    form = EditFileForm()
    problems: list[dict] = []
    preview_problems: list[dict] = []
    shown = []
    status = 200
    content = files[filename]
    if request.method == "GET":
        form.content.data = content
        form.based_on.data = str(_latest_number(slug, filename))
        form.example.data = template_examples.example(request.args.get("example")).key
        # Nothing typed yet: a failure here is the published text's or the data's, shown beside the preview.
        shown = _side_by_side(registry(), slug, filename, content, form.example.data, preview_problems)
    elif form.validate_on_submit():
        content = form.content.data.replace("\r\n", "\n")
        loaded, found = check_files(slug, {**files, filename: content})
        if found:
            problems = _problem_lines(found, slug, filename, content)
            status = 400
        elif "save" in request.form:
            try:
                saved = store.save_version(slug, filename, content, created_by=current_user.email,
                                           based_on=int(form.based_on.data.strip() or 0))
            except store.VersionConflict:
                form.content.errors.append(
                    "Someone else saved this file while you were editing it. Your text is still below: open "
                    "the history in a new tab to compare, then save again.")
                form.based_on.data = str(_latest_number(slug, filename))
                status = 409
            else:
                flash(f"Saved {filename} as version {saved.version}. The campaign uses it from now on.", "success")
                return redirect(url_for(".manage", slug=slug))
        else:
            shown = _side_by_side(loaded, slug, filename, content, form.example.data, problems)
            status = 400 if problems else 200
    else:
        status = 400
    if status == 400 and request.headers.get("X-Live-Preview") and "save" not in request.form:
        status = 200  # the live preview asked and got its answer: the problems are its content, not a failure
    item = template_examples.example(form.example.data)
    campaign = campaign_or_404(slug)
    return render_template("staff/edit_file.html", campaign=campaign, filename=filename, form=form,
                           problems=problems, preview_problems=preview_problems, previews=shown, example=item,
                           placeholders=placeholder_groups(campaign, filename, item),
                           page_title=f"Edit {filename}"), status


def _side_by_side(loaded, slug: str, filename: str, content: str, example_key: str, problems: list[dict]):
    """The preview for the chosen example; a template that fails for it adds to ``problems`` instead."""
    try:
        return side_by_side(registry(), loaded, slug, filename, template_examples.example(example_key))
    except TemplateProblems as exc:  # it renders with sample data but not for this example
        problems.extend(_problem_lines(exc.problems, slug, filename, content))
        return []


@bp.get("/c/<slug>/files/<filename>/history")
@admin_required
def file_history(slug: str, filename: str):
    return _history_page(slug, filename)


def _history_page(slug: str, filename: str, problems: list[dict] | None = None, status: int = 200):
    files = _files_or_404(slug, filename)
    versions = store.versions_of(slug, filename)
    form = RestoreForm(based_on=str(versions[0].version if versions else 0))
    return render_template("staff/history.html", campaign=campaign_or_404(slug), filename=filename,
                           versions=versions, form=form, problems=problems or [], current_text=files[filename],
                           in_folder=filename in disk_registry().files.get(slug, {}),
                           page_title=f"History of {filename}"), status


@bp.get("/c/<slug>/files/<filename>/versions/<int:number>")
@admin_required
def show_version(slug: str, filename: str, number: int):
    _files_or_404(slug, filename)
    content, version = _version_text(slug, filename, number)
    latest = _latest_number(slug, filename)
    return render_template("staff/version.html", campaign=campaign_or_404(slug), filename=filename, number=number,
                           version=version, content=content, form=RestoreForm(based_on=str(latest)),
                           is_current=number == latest, page_title=f"{filename}, version {number}")


def _version_text(slug: str, filename: str, number: int):
    if number == 0:  # version 0 is the file in the campaign folder (campaigns made by staff have none)
        in_folder = disk_registry().files.get(slug, {})
        if filename not in in_folder:
            abort(404)
        return in_folder[filename], None
    version = store.get_version(slug, filename, number)
    if version is None:
        abort(404)
    return version.content, version


@bp.post("/c/<slug>/files/<filename>/versions/<int:number>/restore")
@admin_required
def restore_version(slug: str, filename: str, number: int):
    files = _files_or_404(slug, filename)
    content, _ = _version_text(slug, filename, number)
    form = RestoreForm()
    if not form.validate_on_submit():
        abort(400)
    _, found = check_files(slug, {**files, filename: content})
    if found:  # e.g. an old template no longer matches the current campaign.toml
        return _history_page(slug, filename, _problem_lines(found, slug, filename, content), 400)
    try:
        saved = store.save_version(slug, filename, content, created_by=current_user.email,
                                   based_on=int(form.based_on.data.strip() or 0), restored_from=number)
    except store.VersionConflict:
        flash("Someone saved this file a moment ago, so nothing was restored. Check the history and try again.",
              "error")
        return redirect(url_for(".file_history", slug=slug, filename=filename))
    source = "the file in the campaign folder" if number == 0 else f"version {number}"
    flash(f"Restored {source} of {filename} as version {saved.version}.", "success")
    return redirect(url_for(".file_history", slug=slug, filename=filename))
