"""Admins upload official figures from the browser, through the same importer as the CLI."""

import io

from advocacy.localdata.store import figures_for

UPLOAD = "/staff/local-data"


def upload(client, path=None, *, content=None, filename="section47.csv", **fields):
    data = {"kind": "measure", "measure": "Section47", "name": "section47",
            "where": 'characteristic="Total"', **fields}
    raw = content if content is not None else path.read_bytes()
    data["file"] = (io.BytesIO(raw), filename)
    return client.post(UPLOAD, data=data, content_type="multipart/form-data")


def test_an_admin_uploads_a_dfe_file_and_letters_use_its_figures_at_once(app, client, staff, localdata_files):
    staff.sign_in("admin")
    response = upload(client, localdata_files / "section47_small.csv")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "section47.csv: imported" in page and "as &#39;section47&#39;" in page
    with app.app_context():
        figures = figures_for("E08000035", ["section47"]).as_template_dict()
    assert figures["sources"][0].startswith("section47.csv, imported ")  # the upload (its name as sent), not the release
    assert figures["section47"]["latest"] == 3100  # Leeds, 2024/25, in the uploaded file


def test_uploading_the_same_file_again_changes_nothing(client, staff, localdata_files):
    staff.sign_in("admin")
    upload(client, localdata_files / "section47_small.csv")
    page = upload(client, localdata_files / "section47_small.csv").get_data(as_text=True)
    assert "already imported as &#39;section47&#39;; nothing changed." in page


def test_a_spreadsheet_is_refused_with_how_to_fix_it(client, staff):
    staff.sign_in("admin")
    response = upload(client, content=b"PK\x03\x04 not a csv", filename="figures.xlsx")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "The file must be a CSV (.csv): download the CSV version, not the spreadsheet" in page


def test_a_file_with_the_wrong_columns_is_refused_and_nothing_is_imported(app, client, staff):
    staff.sign_in("admin")
    response = upload(client, content=b"name,value\nLeeds,3\n", filename="wrong.csv")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "wrong.csv" in page and "Section47" in page  # the importer names the file and the column it lacks
    assert "Imported</h2>" not in page


def test_a_badly_written_row_filter_says_how_to_write_it(client, staff, localdata_files):
    staff.sign_in("admin")
    response = upload(client, localdata_files / "section47_small.csv", where="characteristic Total")
    assert response.status_code == 400
    assert "is not COLUMN=&#34;value&#34;" in response.get_data(as_text=True)


def test_a_measure_upload_needs_the_column_name(client, staff, localdata_files):
    staff.sign_in("admin")
    page = upload(client, localdata_files / "section47_small.csv", measure="").get_data(as_text=True)
    assert "Enter the measure column, e.g. Section47 or CPP_At31" in page


def test_viewers_and_strangers_cannot_upload(client, staff, localdata_files):
    assert client.get(UPLOAD).status_code == 302  # to sign-in
    staff.sign_in("viewer")
    assert upload(client, localdata_files / "section47_small.csv").status_code == 403


def test_the_upload_form_requires_a_csrf_token(csrf_app, localdata_files):
    from .conftest import StaffAccounts

    client = csrf_app.test_client()
    StaffAccounts(csrf_app, client).create("admin")
    response = upload(client, localdata_files / "section47_small.csv")
    assert response.status_code in (302, 400)  # no session or no token: never imported
