"""Bad input (Hypothesis): whatever is typed into any form field, query parameter, URL or the JSON API, the
app never answers 500, never shows a stack trace, and every rejection says what to fix.

Examples are bounded (a few dozen per test, short texts plus a set of known-nasty values) so the whole file
runs in seconds. Rate limits are raised for these tests: they send many requests from one address.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .conftest import StaffAccounts

CAMPAIGN = "/c/bright-futures"
NO_LIMITS = {name: "100000 per minute" for name in ("ADVOCACY_LOOKUP_LIMIT", "ADVOCACY_FORM_LIMIT",
                                                     "ADVOCACY_DOWNLOAD_LIMIT", "ADVOCACY_API_LIMIT",
                                                     "ADVOCACY_SIGNIN_LIMIT")}

NASTY = ["", " ", "\x00", "\r\nBcc: x@evil.example", "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}",
         "'; DROP TABLE actions; --", "../../etc/passwd", "%", "%00", "\u202e", "\ufeff", "Zoë Ælfrida-Ní Bhriain",
         "😀" * 30, "x" * 5000, "LS1 1UR", "ls11ur", "SW1A", "BFPO 105", "JE2 4WD", "0" * 50, "-1", "1e309",
         "NaN", "null", "[]", "{}", "a@b", "@", "mailto:x@y.z", "javascript:alert(1)", "//evil.example",
         "/\\evil.example", "2026-02-30", "9999-12-31", "0000-00-00"]

# Any text a browser can send: everything but lone surrogates, which cannot be encoded as UTF-8.
TEXT = st.one_of(st.sampled_from(NASTY),
                 st.text(st.characters(exclude_categories=("Cs",)), max_size=80))
SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def bad_app(make_lookup_app):
    return make_lookup_app(**NO_LIMITS)


@pytest.fixture
def resident(bad_app):
    client = bad_app.test_client()
    with client.session_transaction() as session:
        session["postcode"] = "LS1 1UR"
    return client


@pytest.fixture
def admin(bad_app):
    client = bad_app.test_client()
    StaffAccounts(bad_app, client).sign_in("admin")
    return client


def visible_text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def error_messages(html: str) -> list[str]:
    """The messages listed in the page's error summary (macros/forms.html)."""
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    return [visible_text(item) for item in re.findall(r"<li>(.*?)</li>", summary.group(0), re.S)] if summary else []


def assert_answered_well(response) -> None:
    """No 500, no stack trace; a rejection explains itself (an error summary, an error page or JSON)."""
    assert response.status_code < 500, f"{response.status_code} for {response.request.path}"
    if not (response.mimetype.startswith("text/") or response.is_json):
        return  # a download (PDF, .eml...)
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and not re.search(r'File "[^"]+", line \d+', body)
    if response.status_code < 400:
        return
    if response.is_json:
        data = response.get_json()
        assert len(data.get("message") or data.get("error") or "") >= 15, data
        return
    messages = error_messages(body)
    if messages:
        assert all(len(message) >= 15 for message in messages), messages
    else:  # the friendly error page: a title and what to do
        lead = re.search(r'<p class="lead">(.*?)</p>', body, re.S)
        assert lead and len(visible_text(lead.group(1))) >= 15, body[:500]


def assert_rejected_with_reasons(response) -> list[str]:
    """A form that was not accepted says, in its error summary, what to fix."""
    assert_answered_well(response)
    messages = error_messages(response.get_data(as_text=True))
    assert messages, "the form was not accepted but the page does not say why"
    return messages


# --- the resident's forms ---

@SETTINGS
@given(postcode=TEXT)
@example(postcode="x" * 21)
def test_any_postcode_is_looked_up_or_refused_with_what_to_fix(bad_app, postcode):
    response = bad_app.test_client().post(CAMPAIGN, data={"postcode": postcode})
    if response.status_code == 302:
        return  # found, or the services are down and the manual route follows
    messages = assert_rejected_with_reasons(response)
    assert any(word in " ".join(messages) for word in ("postcode", "Postcode", "BFPO", "Crown Dependency"))


@SETTINGS
@given(name=TEXT, email=TEXT, constituency=TEXT)
def test_any_typed_mp_details_are_accepted_or_refused_with_what_to_fix_and_kept(resident, name, email, constituency):
    response = resident.post(f"{CAMPAIGN}/you/choose", data={
        "action": "typed", "typed-mp_name": name, "typed-mp_email": email, "typed-constituency_name": constituency})
    if response.status_code == 302:
        return
    assert_rejected_with_reasons(response)
    page = unescape(response.get_data(as_text=True))
    if name.strip() and name.isprintable() and len(name) <= 200:
        assert f'value="{name}"' in page  # nothing typed is lost


@SETTINGS
@given(query=TEXT, choice=TEXT, action=TEXT)
def test_any_constituency_search_or_choice_is_answered(resident, query, choice, action):
    assert_answered_well(resident.get(f"{CAMPAIGN}/you/choose", query_string={"q": query}))
    response = resident.post(f"{CAMPAIGN}/you/choose", query_string={"q": query},
                             data={"action": action, "choose-constituency": choice})
    assert_answered_well(response)
    if action == "choose" and response.status_code != 302:
        assert_rejected_with_reasons(response)


@SETTINGS
@given(slug=TEXT, extra=TEXT)
def test_any_address_under_a_campaign_gets_a_page_or_a_friendly_not_found(bad_app, slug, extra):
    client = bad_app.test_client()
    for path in (f"/c/{quote(slug, safe='')}", f"/c/{quote(slug, safe='')}/you",
                 f"/c/{quote(slug, safe='')}/you/choose", f"/{quote(extra, safe='')}"):
        assert_answered_well(client.get(path, query_string={"q": extra, "postcode": extra}))


# --- the JSON API ---

@SETTINGS
@given(postcode=TEXT, name=TEXT, value=TEXT)
def test_the_lookup_api_answers_any_query_with_json_that_says_what_is_wrong(bad_app, postcode, name, value):
    response = bad_app.test_client().get("/api/lookup", query_string={"postcode": postcode, name: value})
    assert response.is_json
    assert_answered_well(response)
    assert response.status_code in (200, 400, 404, 503)
    if response.status_code != 200:
        body = response.get_json()
        assert body["error"] and len(body["message"]) >= 15


@SETTINGS
@given(code=TEXT, campaign=TEXT)
def test_the_figures_api_answers_any_code_with_json(bad_app, code, campaign):
    response = bad_app.test_client().get(f"/api/councils/{quote(code, safe='')}/figures",
                                         query_string={"campaign": campaign})
    # An empty code or one with slashes is not an API path at all: a page, or a redirect to the tidied path.
    assert response.is_json or response.status_code in (404, 308)
    assert_answered_well(response)


# --- staff forms and query parameters ---

@pytest.fixture
def cheap_dummy_hash(monkeypatch):
    """Unknown emails are checked against a dummy argon2 hash that costs as much as a real one (about a
    second here); a cheap one keeps this suite fast and runs the same code."""
    from argon2 import PasswordHasher

    from advocacy.staff import accounts

    monkeypatch.setattr(accounts, "_DUMMY_HASH", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("x"))


@SETTINGS
@given(email=TEXT, password=TEXT, next_url=TEXT)
def test_sign_in_refuses_anything_wrong_with_what_to_fix(bad_app, cheap_dummy_hash, email, password, next_url):
    client = bad_app.test_client()
    response = client.post("/staff/sign-in", query_string={"next": next_url},
                           data={"email": email, "password": password})
    messages = assert_rejected_with_reasons(response)
    assert any("email" in message.lower() or "password" in message.lower() for message in messages)


@SETTINGS
@given(start=TEXT, end=TEXT)
def test_the_dashboard_and_export_take_any_dates(admin, start, end):
    for path in (f"/staff{CAMPAIGN}/", f"/staff{CAMPAIGN}/actions.csv"):
        response = admin.get(path, query_string={"from": start, "to": end})
        assert_answered_well(response)


@SETTINGS
@given(email=TEXT, confirm=TEXT)
def test_the_personal_data_forms_take_any_address(admin, email, confirm):
    for path in ("/staff/privacy", "/staff/privacy/export", "/staff/privacy/erase"):
        response = admin.post(path, data={"email": email, "confirm": confirm})
        assert_answered_well(response)
        if response.status_code == 400:
            assert_rejected_with_reasons(response)


@SETTINGS
@given(kind=TEXT, measure=TEXT, name=TEXT, label=TEXT, where=TEXT)
def test_the_local_data_upload_form_takes_any_fields(admin, kind, measure, name, label, where):
    response = admin.post("/staff/local-data", data={"kind": kind, "measure": measure, "name": name,
                                                     "label": label, "where": where})
    assert_rejected_with_reasons(response)  # no file was chosen, at least


@SETTINGS
@given(content=TEXT, based_on=TEXT, status=TEXT)
def test_the_template_editor_and_status_form_take_anything(admin, content, based_on, status):
    response = admin.post(f"/staff{CAMPAIGN}/files/letter_mp.md", data={"content": content, "based_on": based_on})
    assert_answered_well(response)
    saved = admin.post(f"/staff{CAMPAIGN}/files/letter_mp.md",
                       data={"content": "Dear {{ mp.name }},\n\n" + content, "based_on": based_on, "save": "1"})
    assert_answered_well(saved)
    assert_answered_well(admin.post(f"/staff{CAMPAIGN}/status", data={"status": status}))


# --- the councillor's motion journey (advocacy/web/councillors.py) ---

LEEDS = "E08000035"
FIND = f"{CAMPAIGN}/councillors"


@pytest.fixture
def councillor(bad_app):
    from tests.fixture_figures import load_fixture_figures
    from tests.fixture_figures import load_fixture_registers

    with bad_app.app_context():
        load_fixture_figures()
        load_fixture_registers()
    return bad_app.test_client()


def good_motion() -> dict:
    import datetime as dt

    return {"proposer_name": "Cllr Sam Patel", "proposer_ward": "Little London and Woodhouse", "party": "Labour",
            "seconder_name": "Cllr Jo Green", "seconder_ward": "Hyde Park", "meeting": "full_council",
            "meeting_date": (dt.date.today() + dt.timedelta(days=30)).isoformat(), "asks": ["fund"],
            "email": "sam.patel@example.gov.uk"}


MOTION_FIELDS = [*good_motion()]


@SETTINGS
@given(query=TEXT, show_all=TEXT, postcode=TEXT, code=TEXT)
def test_finding_a_council_takes_any_search_postcode_or_code(councillor, query, show_all, postcode, code):
    assert_answered_well(councillor.get(FIND, query_string={"q": query, "all": show_all}))
    response = councillor.post(FIND, data={"postcode": postcode})
    if response.status_code != 302:
        assert_rejected_with_reasons(response)
    assert_answered_well(councillor.get(f"{FIND}/{quote(code, safe='')}/motion"))


@settings(SETTINGS, max_examples=40)
@given(field=st.sampled_from(MOTION_FIELDS), value=TEXT, extra_asks=st.lists(TEXT, max_size=2))
@example(field="proposer_name", value="Cllr\r\nBcc: x@evil.example", extra_asks=[])
@example(field="meeting_date", value="31/02/2027", extra_asks=[])
@example(field="email", value="sam@example.org\r\nBcc: x@evil.example", extra_asks=[])
def test_any_motion_is_drafted_or_refused_with_what_to_fix_and_every_download_works(
        councillor, field, value, extra_asks):
    data = {**good_motion(), field: value}
    if field == "asks":
        data["asks"] = [value, *extra_asks]
    response = councillor.post(f"{FIND}/{LEEDS}/motion", data=data)
    if response.status_code != 302:
        assert_rejected_with_reasons(response)
        return
    assert_answered_well(councillor.get(f"{FIND}/motion/check"))
    created = councillor.post(f"{FIND}/motion/check")
    assert created.status_code == 302
    assert_answered_well(councillor.get(f"{FIND}/motion/ready"))
    for channel in ("docx", "pdf", "text"):
        assert_answered_well(councillor.get(f"{FIND}/motion/download/{channel}"))


@SETTINGS
@given(token=TEXT, tabled_on=TEXT, outcome=TEXT, minutes_url=TEXT)
def test_the_report_back_form_takes_anything(councillor, token, tabled_on, outcome, minutes_url):
    assert_answered_well(councillor.get(f"/motions/report/{quote(token, safe='')}"))
    councillor.post(f"{FIND}/{LEEDS}/motion", data=good_motion())
    councillor.post(f"{FIND}/motion/check")
    ready = councillor.get(f"{FIND}/motion/ready").get_data(as_text=True)
    link = re.search(r'id="private-link">([^<]+)<', ready).group(1)
    report = "/" + link.split("/", 3)[3]
    response = councillor.post(report, data={"tabled_on": tabled_on, "outcome": outcome, "minutes_url": minutes_url})
    if response.status_code != 302:
        assert_rejected_with_reasons(response)


# --- the letter form (advocacy/web/letters.py) ---

@pytest.fixture
def writer(bad_app):
    from tests.fixture_figures import load_fixture_figures

    with bad_app.app_context():
        load_fixture_figures()  # the figures letters quote
    client = bad_app.test_client()
    assert client.post(CAMPAIGN, data={"postcode": "LS1 1UR"}).status_code == 302
    return client


GOOD_LETTER = {"name": "Jo Bloggs", "address": "1 Example Street\nLeeds", "postcode": "LS1 1UR",
               "email": "jo@example.org", "asks": ["fund", "families"], "personal": "My children's centre closed."}
LETTER_FIELDS = [*GOOD_LETTER, "consent_updates"]


def assert_letter_outputs_work(client, letter: str) -> None:
    for path in (letter, f"{letter}/send", f"{letter}/letter.pdf", f"{letter}/letter.txt", f"{letter}/letter.eml"):
        answered = client.get(path)
        assert_answered_well(answered)
        if path.endswith(".eml") and answered.status_code == 200:
            headers = answered.get_data().split(b"\r\n\r\n", 1)[0].split(b"\r\n")
            assert sum(line.startswith(b"To:") for line in headers) == 1
            assert not any(line.lower().startswith((b"bcc:", b"cc:")) for line in headers)


@settings(SETTINGS, max_examples=60)
@given(field=st.sampled_from(LETTER_FIELDS), value=TEXT, extra_asks=st.lists(TEXT, max_size=2))
@example(field="name", value="Jo\r\nBcc: victim@example.org", extra_asks=[])
@example(field="email", value="jo@example.org\r\nBcc: victim@example.org", extra_asks=[])
@example(field="personal", value="\x00\x07\u202e<img src=\"file:///etc/passwd\"> {{ 7*7 }}" + "😀" * 50,
         extra_asks=[])
@example(field="address", value="<img src=\"http://127.0.0.1:9/x.png\">\n{% raw %}\n\x0c", extra_asks=[])
def test_any_letter_is_written_or_refused_with_what_to_fix_and_every_output_works(writer, field, value, extra_asks):
    data = {**GOOD_LETTER, field: value}
    if field == "asks":
        data["asks"] = [value, *extra_asks]
    response = writer.post(f"{CAMPAIGN}/letter/mp", data=data)
    if response.status_code != 302:
        messages = assert_rejected_with_reasons(response)
        if field in ("name", "email") and ("\r" in value or "\n" in value):
            assert any("on one line" in message for message in messages), messages
        return
    assert "/letter/d/" in response.headers["Location"]
    assert_letter_outputs_work(writer, response.headers["Location"])
