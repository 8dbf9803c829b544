"""Security: headers on every response, framing only where a view opts in, HSTS only over HTTPS, rate limits
with a clear 429, request size limits, staff upload checks, and PDFs that fetch nothing."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from advocacy.config import ROOT

from .conftest import StaffAccounts

CAMPAIGN = "/c/bright-futures"


def page_of(response) -> str:
    return unescape(response.get_data(as_text=True))


# --- headers ---

@pytest.mark.parametrize("path, status", [
    (CAMPAIGN, 200),                     # a page
    ("/c/no-such-campaign", 404),        # an error page
    ("/api/lookup?postcode=", 400),      # JSON
    ("/static/css/site.css", 200),       # a static file
    ("/healthz", 200),
])
def test_every_kind_of_response_carries_the_security_headers(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'" and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_an_unexpected_error_page_carries_the_security_headers_too(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "secret detail" not in response.get_data(as_text=True)


def test_only_a_view_that_opts_in_can_be_framed_by_other_sites(app):
    from advocacy.web.security import allow_framing

    @app.get("/embed-test")
    @allow_framing
    def embeddable():
        return "<p>widget</p>"

    client = app.test_client()
    framed = client.get("/embed-test")
    assert "frame-ancestors *" in framed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in framed.headers
    assert "script-src 'self'" in framed.headers["Content-Security-Policy"]  # the rest of the policy stays
    assert "frame-ancestors 'none'" in client.get(CAMPAIGN).headers["Content-Security-Policy"]


def test_hsts_is_sent_over_https_and_never_over_plain_http(make_app):
    client = make_app().test_client()
    assert "Strict-Transport-Security" not in client.get(CAMPAIGN).headers
    over_https = client.get(CAMPAIGN, base_url="https://localhost")
    assert over_https.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_hsts_is_sent_when_the_site_says_it_is_served_over_https(make_app):
    # Behind a proxy that ends TLS, the app may see plain HTTP: the setting says the site is HTTPS.
    response = make_app(ADVOCACY_SECURE_COOKIES="true").test_client().get(CAMPAIGN)
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_no_page_template_relies_on_inline_script_or_style_the_policy_would_block(template: Path):
    source = template.read_text(encoding="utf-8")
    if template.parent.name == "documents":
        return  # print templates go to WeasyPrint, not to a browser
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), "inline <script> is blocked by the CSP"
    assert not re.search(r"\son[a-z]+\s*=", source), "inline event handlers are blocked by the CSP"
    assert not re.search(r"\sstyle\s*=", source), "style attributes are blocked by the CSP"
    assert "<style" not in source, "inline <style> is blocked by the CSP"


# --- rate limits ---

def test_postcode_lookups_are_limited_with_a_page_that_says_how_long_to_wait(make_app):
    client = make_app(ADVOCACY_LOOKUP_LIMIT="3 per minute").test_client()
    for _ in range(3):
        assert client.post(CAMPAIGN, data={"postcode": "hello"}).status_code == 200
    assert client.get(CAMPAIGN).status_code == 200  # reading the page is not a look-up
    blocked = client.post(CAMPAIGN, data={"postcode": "LS1 1UR"})
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) <= 60
    page = page_of(blocked)
    assert "You have looked up a lot of postcodes in a short time from this connection" in page
    assert "Wait a minute and try again" in page
    assert "Traceback" not in page


def test_form_submits_are_limited_across_the_forms_that_share_the_limit(make_app):
    client = make_app(ADVOCACY_FORM_LIMIT="2 per 10 minutes").test_client()
    with client.session_transaction() as session:
        session["postcode"] = "LS1 1UR"
    for _ in range(2):
        assert client.post(f"{CAMPAIGN}/you/choose", data={"action": "typed"}).status_code == 200
    assert client.get(f"{CAMPAIGN}/you/choose").status_code == 200
    blocked = client.post(f"{CAMPAIGN}/you/choose", data={"action": "typed"})
    assert blocked.status_code == 429
    assert "You have sent a lot of forms in a short time from this connection. Wait 10 minutes" in page_of(blocked)


def test_downloads_are_limited(make_app):
    app = make_app(ADVOCACY_DOWNLOAD_LIMIT="2 per hour")
    client = app.test_client()
    StaffAccounts(app, client).sign_in("admin")
    for _ in range(2):
        assert client.get(f"/staff{CAMPAIGN}/actions.csv").status_code == 200
    blocked = client.get(f"/staff{CAMPAIGN}/supporters.csv")  # one count for every download
    assert blocked.status_code == 429
    assert "You have downloaded a lot of files in a short time from this connection. Wait an hour" in page_of(blocked)


@pytest.mark.parametrize("path", ["/api/lookup?postcode=hello", "/api/councils/E08000035/figures"])
def test_the_json_api_is_limited_and_says_so_in_json(make_app, path):
    client = make_app(ADVOCACY_API_LIMIT="2 per minute").test_client()
    client.get("/api/lookup?postcode=")
    client.get("/api/councils/E99999999/figures")  # both API paths share one count
    blocked = client.get(path)
    assert blocked.status_code == 429
    assert blocked.is_json
    body = blocked.get_json()
    assert body["error"] == "too_many_requests"
    assert "made a lot of requests to the API" in body["message"] and "Wait a minute" in body["message"]
    assert "Retry-After" in blocked.headers


def test_only_a_refused_request_is_told_to_retry_later(make_app):
    client = make_app(ADVOCACY_API_LIMIT="5 per minute").test_client()
    answered = client.get("/api/lookup?postcode=")
    assert answered.status_code == 400 and "Retry-After" not in answered.headers
    assert answered.headers["X-RateLimit-Remaining"] == "4"


def test_a_rate_limit_setting_that_cannot_be_read_stops_start_up(make_app):
    from advocacy.config import ConfigError

    with pytest.raises(ConfigError, match="ADVOCACY_API_LIMIT='lots' is not a rate limit"):
        make_app(ADVOCACY_API_LIMIT="lots")


# --- size limits ---

def test_a_request_larger_than_the_limit_gets_a_friendly_413_page(client):
    huge = "x" * (17 * 1024 * 1024)
    response = client.post(CAMPAIGN, data={"postcode": huge})
    page = page_of(response)
    assert response.status_code == 413
    assert "That was too large to send" in page and "a file can be at most 15 MB" in page
    assert "Traceback" not in page


@pytest.mark.parametrize("encoding", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_one_enormous_field_is_refused_with_a_message_not_a_crash(client, encoding):
    with client.session_transaction() as session:
        session["postcode"] = "LS1 1UR"
    response = client.post(f"{CAMPAIGN}/you/choose", data={"typed-mp_name": "x" * 600_000, "action": "typed"},
                           content_type=encoding)
    page = page_of(response)
    # Multipart fields past MAX_FORM_MEMORY_SIZE are cut off by Werkzeug (413); others reach the field's limit.
    assert (response.status_code == 413 and "shorten what you typed" in page) or \
        (response.status_code == 200 and "Your MP's name must be 200 characters or fewer" in page)
    assert "Traceback" not in page


def test_too_large_answers_in_json_on_the_api(client):
    response = client.post("/api/lookup", data="x" * (17 * 1024 * 1024), content_type="text/plain")
    assert response.status_code in (405, 413)  # the API is GET only; either way it answers in JSON
    assert response.is_json and response.get_json()["message"]


@pytest.mark.parametrize("field, message", [
    ("postcode", "A postcode is at most 8 characters"),
])
def test_a_field_longer_than_its_limit_says_how_long_it_may_be(client, field, message):
    response = client.post(CAMPAIGN, data={field: "LS1 1UR" * 10})
    assert message in page_of(response)


def test_typed_mp_details_longer_than_their_limits_say_so_and_keep_the_text(client):
    with client.session_transaction() as session:
        session["postcode"] = "LS1 1UR"
    long_name = "N" * 201
    page = page_of(client.post(f"{CAMPAIGN}/you/choose", data={
        "action": "typed", "typed-mp_name": long_name, "typed-mp_email": "a" * 330 + "@example.org",
        "typed-constituency_name": "C" * 121}))
    assert "Your MP's name must be 200 characters or fewer" in page
    assert "An email address must be 320 characters or fewer" in page
    assert "A constituency name must be 120 characters or fewer" in page
    assert f'value="{long_name}"' in page


# --- staff uploads: type and size ---

def _upload(client, content: bytes, filename: str):
    data = {"kind": "measure", "measure": "Section47", "file": (io.BytesIO(content), filename)}
    return client.post("/staff/local-data", data=data, content_type="multipart/form-data")


def test_a_spreadsheet_renamed_to_csv_is_refused_by_its_content(client, staff):
    staff.sign_in("admin")
    response = _upload(client, b"PK\x03\x04" + b"\x00" * 200, "figures.csv")
    assert response.status_code == 400
    assert "figures.csv is not a CSV file. Download the CSV version" in page_of(response)


def test_a_binary_file_named_csv_is_refused(client, staff):
    staff.sign_in("admin")
    response = _upload(client, b"Section47\x00\x01\x02\xff" * 10, "figures.csv")
    assert response.status_code == 400
    assert "is not a CSV file" in page_of(response)


def test_an_upload_over_the_size_limit_is_refused_with_the_limit(client, staff, monkeypatch):
    from advocacy.web.staff import forms

    monkeypatch.setattr(forms, "UPLOAD_MAX_BYTES", 1_000_000)  # the real limit, 15 MB, scaled down
    staff.sign_in("admin")
    response = _upload(client, b"time_period,Section47\n" + b"202425,1\n" * 130_000, "big.csv")
    assert response.status_code == 400
    assert "The file is 1.2 MB; the most is 1 MB" in page_of(response)


def test_an_empty_upload_is_refused(client, staff):
    staff.sign_in("admin")
    assert "The file is empty" in page_of(_upload(client, b"", "empty.csv"))


# --- PDFs fetch nothing and show nothing of local files ---

HOSTILE = [
    '<img src="{url}/tracker.png">',
    '<link rel="attachment" href="{url}/attach.txt">',
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    '<iframe src="file:///etc/passwd"></iframe>',
    '<object data="file:///etc/passwd"></object>',
    '![pic]({url}/markdown.png)',
    '![pic](file:///etc/passwd)',
    '<style>@import url("{url}/x.css");</style>',
]


@pytest.fixture
def letter_renderer():
    from advocacy.documents import PdfRenderer

    return PdfRenderer()  # no cache: every call renders


def test_a_letter_holding_hostile_markup_fetches_nothing_and_shows_nothing_of_local_files(
        make_letter, letter_renderer, httpserver):
    from advocacy.documents import letter_pdf

    httpserver.expect_request(re.compile(".*")).respond_with_data(b"GIF89a")
    url = httpserver.url_for("").rstrip("/")
    payload = " ".join(markup.format(url=url) for markup in HOSTILE)
    letter = make_letter(personal=payload, sender_name=f'Jo <img src="{url}/name.png">',
                         sender_address=['<img src="file:///etc/passwd">', "Leeds"],
                         subject=f'Hello <link rel="attachment" href="{url}/s.txt">')
    pdf = letter_pdf(letter, letter_renderer)
    assert httpserver.log == []  # the local server never got a request
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    passwd = Path("/etc/passwd").read_text().splitlines()[0]  # e.g. root:x:0:0:root:/root:/bin/bash
    assert passwd.split(":")[0] + ":x:" not in text and passwd not in text
    assert "file:///etc/passwd" in text  # what was typed is printed as text, nothing more
    assert not reader.attachments
    assert not any(page["/Resources"].get("/XObject") for page in reader.pages)  # no image at all


# --- CSRF on every form; escaping ---

URL_VALUES = {"slug": "bright-futures", "filename": "letter_mp.md", "number": 0, "code": "E08000035",
              "kind": "mp", "token": "x", "format": "pdf", "id": 1, "case_study_id": 1}


def post_routes(app) -> list[str]:
    routes = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            values = {name: URL_VALUES.get(name, "x") for name in rule.arguments}
            with app.test_request_context():
                from flask import url_for

                routes.append(url_for(rule.endpoint, **values))
    return routes


def test_every_post_route_refuses_a_request_without_a_csrf_token(csrf_app):
    routes = post_routes(csrf_app)
    assert "/staff/privacy/erase" in routes and "/c/bright-futures" in routes  # the map really was read
    client = csrf_app.test_client()
    StaffAccounts(csrf_app, client).create("admin")
    for route in routes:
        response = client.post(route, data={"postcode": "LS1 1UR", "email": "admin@example.org"})
        assert response.status_code == 400, route
        assert "Your session expired" in response.get_data(as_text=True), route


def test_what_a_resident_types_is_shown_as_text_never_run_as_markup_or_template(client):
    typed = "{{ 7*7 }} <script>alert(1)</script> {% if 1 %}x{% endif %}"
    with client.session_transaction() as session:
        session["postcode"] = "LS1 1UR"
    client.post(f"{CAMPAIGN}/you/choose", data={"action": "typed", "typed-mp_name": typed,
                                                "typed-mp_email": "jane.mp@parliament.uk"})
    page = client.get(f"{CAMPAIGN}/you").get_data(as_text=True)
    assert "{{ 7*7 }} &lt;script&gt;alert(1)&lt;/script&gt; {% if 1 %}x{% endif %}" in page
    assert "<script>alert" not in page


@pytest.mark.parametrize("typed, message", [
    ("Jane\r\nBcc: victim@example.org", "Your MP's name must be on one line: remove the line break"),
    ("Jane\x85Smith", "Your MP's name must be on one line: remove the line break"),
    ("Jane\x00Smith", "Your MP's name contains a character that cannot be printed (U+0000)"),
    ("Jane\ufffeSmith", "Your MP's name contains a character that cannot be printed (U+FFFE)"),
])
def test_a_name_that_would_reach_an_email_header_or_document_refuses_control_characters(client, typed, message):
    with client.session_transaction() as session:
        session["postcode"] = "LS1 1UR"
    response = client.post(f"{CAMPAIGN}/you/choose", data={"action": "typed", "typed-mp_name": typed,
                                                           "typed-mp_email": "jane.mp@parliament.uk"})
    assert response.status_code == 200
    assert message in page_of(response)


def test_text_that_cannot_go_in_an_email_header_gets_a_page_that_says_why(app):
    from advocacy.documents import eml_bytes

    @app.get("/test-eml")
    def make_eml():
        return eml_bytes(to_address="mp@parliament.uk", to_name="Jane\x85Smith", subject="Hi", body="Hello")

    response = app.test_client().get("/test-eml")
    assert response.status_code == 400
    page = page_of(response)
    assert "That cannot go in an email" in page and "The recipient name contains a line break" in page


# --- the letter journey (advocacy/web/letters.py) ---

@pytest.fixture
def letter_client(make_lookup_app):
    from advocacy.localdata.sample import load_sample

    def start(**settings):
        app = make_lookup_app(**settings)
        with app.app_context():
            load_sample()
        client = app.test_client()
        assert client.post(CAMPAIGN, data={"postcode": "LS1 1UR"}).status_code == 302
        return client

    return start


def write_letter(client, **changes):
    data = {"name": "Jo Bloggs", "address": "1 Example Street\nLeeds", "postcode": "LS1 1UR",
            "email": "jo@example.org", "asks": ["fund"], "personal": "It matters to me.", **changes}
    return client.post(f"{CAMPAIGN}/letter/mp", data=data)


def test_a_letter_typed_with_hostile_markup_downloads_a_pdf_that_fetched_nothing(letter_client, httpserver):
    httpserver.expect_request(re.compile(".*")).respond_with_data(b"GIF89a")
    url = httpserver.url_for("").rstrip("/")
    client = letter_client()
    personal = " ".join(markup.format(url=url) for markup in HOSTILE)
    written = write_letter(client, personal=personal, address=f'<img src="{url}/a.png">\nfile:///etc/passwd')
    assert written.status_code == 302
    response = client.get(written.headers["Location"] + "/letter.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert httpserver.log == []
    reader = PdfReader(io.BytesIO(response.get_data()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "root:x:" not in text and "file:///etc/passwd" in text
    assert not any(page["/Resources"].get("/XObject") for page in reader.pages)


@pytest.mark.parametrize("field, value, message", [
    ("name", "Jo Bloggs\r\nBcc: victim@example.org", "Write your name on one line"),
    ("name", "Jo\x85Bloggs", "Write your name on one line"),
    ("email", "jo@example.org\r\nBcc: victim@example.org", "Write your email address on one line"),
    ("address", "1 Street\x00\nLeeds", "Your address contains a character that cannot be printed (U+0000)"),
])
def test_the_letter_form_refuses_text_that_could_inject_an_email_header(letter_client, field, value, message):
    response = write_letter(letter_client(), **{field: value})
    assert response.status_code == 200
    assert message in page_of(response)


def test_the_eml_draft_has_exactly_the_headers_we_wrote(letter_client):
    client = letter_client()
    written = write_letter(client, name="Jo \"Bcc: victim@example.org\" Bloggs, <x@evil.example>")
    assert written.status_code == 302
    eml = client.get(written.headers["Location"] + "/letter.eml").get_data()
    headers = [line.split(b":", 1)[0].lower() for line in eml.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
               if line and not line.startswith((b" ", b"\t"))]
    assert sorted(headers) == sorted([b"to", b"from", b"subject", b"date", b"message-id", b"x-unsent",
                                      b"content-type", b"content-transfer-encoding", b"mime-version"])


def test_letter_downloads_share_the_download_limit(letter_client):
    client = letter_client(ADVOCACY_DOWNLOAD_LIMIT="2 per minute")
    letter = write_letter(client).headers["Location"]
    assert client.get(letter + "/letter.txt").status_code == 200
    assert client.get(letter + "/letter.pdf").status_code == 200
    blocked = client.get(letter + "/letter.eml")
    assert blocked.status_code == 429
    assert "You have downloaded a lot of files in a short time from this connection" in page_of(blocked)
