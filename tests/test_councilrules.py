"""Council rules: imported from CSV with bad rows reported, edited by admins, shown with deadlines."""

import datetime as dt
import io

import pytest

from advocacy.councilrules import deadlines_for, get_rules, import_rules
from advocacy.councilrules.importer import RulesFileRejected

HEADER = ("council_code,council_name,notice_days,notice_type,seconder_required,democratic_services_email,"
          "meeting_dates,last_checked\n")
GOOD = ("E08000035,Leeds City Council,10,working,yes,democratic.services@leeds.gov.uk,2027-01-21; 2027-03-04,"
        "2026-11-20\n"
        "E06000014,City of York Council,5,clear days,no,,21/01/2027,\n")
TODAY = dt.date(2026, 11, 23)


def rules_csv(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(rows)).encode()


def test_good_rows_are_saved_with_their_meetings(app):
    with app.app_context():
        report = import_rules(rules_csv(GOOD), today=TODAY)
        leeds = get_rules("E08000035")
        york = get_rules("e06000014")
        assert report.saved == ["Leeds City Council", "City of York Council"] and not report.problems
        assert (leeds.notice_days, leeds.notice_kind, leeds.seconder_required) == (10, "working", True)
        assert leeds.democratic_services_email == "democratic.services@leeds.gov.uk"
        assert [m.meeting_date for m in leeds.meetings] == [dt.date(2027, 1, 21), dt.date(2027, 3, 4)]
        assert leeds.last_checked == dt.date(2026, 11, 20)
        assert (york.notice_kind, york.seconder_required, york.democratic_services_email) == ("clear", False, None)


def test_bad_rows_are_reported_with_row_number_and_reason_and_not_saved(app):
    bad = [
        "W06000015,Cardiff,10,working,yes,,2027-01-21,\n",  # row 4
        "E08000003,Manchester,ten,working,yes,,2027-01-21,\n",  # row 5
        "E08000003,Manchester,10,calendar,yes,,2027-01-21,\n",  # row 6
        "E08000003,Manchester,10,working,maybe,,2027-01-21,\n",  # row 7
        "E08000003,Manchester,10,working,yes,not-an-email,2027-01-21,\n",  # row 8
        "E08000003,Manchester,10,working,yes,,31/02/2027,\n",  # row 9
        "E08000035,Leeds again,10,working,yes,,2027-01-21,\n",  # row 10: Leeds is on row 2
        "E08000003,Manchester,10,working,yes,,2027-01-21,2030-01-01\n",  # row 11
    ]
    with app.app_context():
        report = import_rules(rules_csv(GOOD, *bad), today=TODAY)
        problems = {p.row: p.reason for p in report.problems}
        assert get_rules("E08000003") is None
        assert get_rules("E08000035").council_name == "Leeds City Council"
    assert sorted(problems) == list(range(4, 12))
    assert "not an English council's code" in problems[4]
    assert "notice_days 'ten' is not a whole number" in problems[5]
    assert "must be 'working' (working days) or 'clear'" in problems[6]
    assert "seconder_required 'maybe' must be yes or no" in problems[7]
    assert "'not-an-email' is not an email address" in problems[8]
    assert "meeting date '31/02/2027' is not a date" in problems[9]
    assert "already on row 2" in problems[10]
    assert "last_checked 2030-01-01 is in the future" in problems[11]
    assert str(report.problems[0]).startswith("row 4 (W06000015): ")


def test_a_file_without_the_columns_is_refused_naming_them(app):
    with app.app_context(), pytest.raises(RulesFileRejected, match="no columns notice_days, notice_type"):
        import_rules(rules_csv("E08000035,Leeds\n", header="council_code,council_name\n"), filename="rules.csv")


def test_importing_again_replaces_a_councils_meetings(app):
    with app.app_context():
        import_rules(rules_csv(GOOD), today=TODAY)
        import_rules(rules_csv("E08000035,Leeds City Council,10,working,yes,,2027-05-20,\n"), today=TODAY)
        assert [m.meeting_date for m in get_rules("E08000035").meetings] == [dt.date(2027, 5, 20)]


def test_deadlines_for_a_council_leave_out_meetings_past_their_deadline(app):
    with app.app_context():
        import_rules(rules_csv(GOOD), today=TODAY)
        found = deadlines_for("E08000035", today=dt.date(2027, 1, 8))
    assert [d.meeting for d in found.upcoming] == [dt.date(2027, 3, 4)]
    assert found.past_deadline == 1
    assert found.notice == "10 working days"


# --- the staff pages ---

def test_admin_imports_a_file_in_the_browser_and_sees_the_bad_rows(app, client, staff):
    staff.sign_in("admin")
    data = {"file": (io.BytesIO(rules_csv(GOOD, "E08000003,Manchester,ten,working,yes,,,\n")), "rules.csv")}
    page = client.post("/staff/council-rules/import", data=data, content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Saved the rules of 2 councils." in html
    assert "row 4 (E08000003): notice_days &#39;ten&#39; is not a whole number" in html
    listing = client.get("/staff/council-rules/").get_data(as_text=True)
    assert "Leeds City Council" in listing and "10 working days" in listing


def test_admin_edits_a_councils_rules_and_a_mistake_keeps_what_was_typed(app, client, staff):
    with app.app_context():
        import_rules(rules_csv(GOOD), today=TODAY)
    staff.sign_in("admin")
    form = {"council_code": "E08000035", "council_name": "Leeds City Council", "notice_days": "7",
            "notice_kind": "clear", "democratic_services_email": "motions@leeds.gov.uk",
            "meetings": "2027-02-25\nnot a date", "last_checked": "2026-11-22"}
    page = client.post("/staff/council-rules/E08000035", data=form)
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert "&#39;not&#39; is not a date" in html and "motions@leeds.gov.uk" in html
    form["meetings"] = "2027-02-25"
    assert client.post("/staff/council-rules/E08000035", data=form).status_code == 302
    with app.app_context():
        leeds = get_rules("E08000035")
        assert (leeds.notice_days, leeds.notice_kind, leeds.seconder_required) == (7, "clear", False)
        assert [m.meeting_date for m in leeds.meetings] == [dt.date(2027, 2, 25)]
        assert leeds.updated_by == "admin@example.org"


def test_viewers_can_read_the_rules_but_not_change_them(app, client, staff):
    staff.sign_in("viewer")
    assert client.get("/staff/council-rules/").status_code == 200
    assert client.get("/staff/council-rules/new").status_code == 403
    assert client.get("/staff/council-rules/import").status_code == 403


def test_the_command_line_import_lists_bad_rows_and_shows_deadlines(app, runner, tmp_path):
    path = tmp_path / "rules.csv"
    path.write_bytes(rules_csv(GOOD, "E08000003,Manchester,ten,working,yes,,,\n"))
    result = runner.invoke(args=["council-rules", "import", str(path)])
    assert result.exit_code == 1
    assert "Saved the rules of 2 councils." in result.output
    assert "row 4 (E08000003): notice_days 'ten'" in result.output
    shown = runner.invoke(args=["council-rules", "deadlines", "E08000035"])
    assert "Leeds City Council: 10 working days' notice, seconder must sign" in shown.output


def test_an_admin_deletes_a_councils_rules_and_the_history_keeps_what_they_were(app, client, staff):
    with app.app_context():
        import_rules(rules_csv(GOOD), today=TODAY)
    staff.sign_in("admin")
    edit = client.get("/staff/council-rules/E08000035").get_data(as_text=True)
    assert "Delete the rules of Leeds City Council" in edit
    confirm = client.get("/staff/council-rules/E08000035/delete").get_data(as_text=True)
    assert "Delete the rules of Leeds City Council?" in confirm and "21 January 2027" in confirm

    response = client.post("/staff/council-rules/E08000035/delete")
    assert response.status_code == 302
    history = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Deleted the rules of Leeds City Council. What they were is kept in the history below." in history
    row = history.split("<strong>Deleted</strong>")[1].split("</tr>")[0]
    assert "admin@example.org" in row and "democratic.services@leeds.gov.uk" in row
    assert "2027-01-21, 2027-03-04" in row
    with app.app_context():
        assert get_rules("E08000035") is None
        assert deadlines_for("E08000035", TODAY) is None  # councillors are no longer offered its meetings
        assert get_rules("E06000014") is not None
    assert client.get("/staff/council-rules/E08000035/delete").status_code == 404


def test_every_save_of_council_rules_is_in_the_history(app, client, staff):
    with app.app_context():
        import_rules(rules_csv(GOOD), today=TODAY)
    staff.sign_in("viewer")
    history = client.get("/staff/council-rules/history").get_data(as_text=True)
    assert history.count("Saved") == 2 and "City of York Council" in history


def test_viewers_cannot_delete_council_rules(app, client, staff):
    with app.app_context():
        import_rules(rules_csv(GOOD), today=TODAY)
    staff.sign_in("viewer")
    assert client.get("/staff/council-rules/E08000035/delete").status_code == 403
    assert client.post("/staff/council-rules/E08000035/delete").status_code == 403
    with app.app_context():
        assert get_rules("E08000035") is not None
