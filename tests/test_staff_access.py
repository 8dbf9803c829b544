"""Staff sign-in, who may see what, CSRF and rate limits."""

import re

import pytest

from advocacy.web.staff.auth import safe_next

from .conftest import STAFF_PASSWORD, StaffAccounts


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


@pytest.mark.parametrize("path", ["/staff/", "/staff/c/bright-futures/", "/staff/c/bright-futures/actions.csv",
                                  "/staff/c/bright-futures/manage", "/staff/c/bright-futures/files/letter_mp.md"])
def test_anonymous_visitors_are_sent_to_sign_in_and_brought_back_after(client, staff, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in?next=")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sign in to see the staff pages." in page

    staff.create("admin")
    signed_in = client.post(response.headers["Location"], data={"email": "admin@example.org",
                                                                 "password": STAFF_PASSWORD})
    assert signed_in.headers["Location"] == path


def test_a_wrong_password_says_so_and_keeps_the_email(client, staff):
    staff.create("admin")
    response = client.post("/staff/sign-in", data={"email": "admin@example.org", "password": "not the password"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The email address or password is not right. Check both and try again." in page
    assert 'value="admin@example.org"' in page
    assert "not the password" not in page
    assert client.get("/staff/").status_code == 302  # still signed out


def test_an_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    page = client.post("/staff/sign-in", data={"email": "nobody@example.org", "password": "whatever it is"}
                       ).get_data(as_text=True)
    assert "The email address or password is not right" in page


def test_empty_fields_say_what_to_enter(client):
    page = client.post("/staff/sign-in", data={"email": "", "password": ""}).get_data(as_text=True)
    assert "Enter your email address" in page and "Enter your password" in page


def test_sign_in_is_refused_for_a_while_after_five_failures(make_app):
    app = make_app()
    client = app.test_client()
    StaffAccounts(app, client).create("admin")
    wrong = {"email": "admin@example.org", "password": "guess number x"}
    for _ in range(5):
        assert client.post("/staff/sign-in", data=wrong).status_code == 200
    blocked = client.post("/staff/sign-in", data={"email": "admin@example.org", "password": STAFF_PASSWORD})
    page = blocked.get_data(as_text=True)
    assert blocked.status_code == 429
    assert "too many failed attempts to sign in. Wait 15 minutes" in page
    assert "Retry-After" in blocked.headers
    assert client.get("/staff/").status_code == 302  # even the right password did not sign in


def test_successful_sign_ins_do_not_use_up_the_limit(make_app):
    app = make_app(ADVOCACY_SIGNIN_LIMIT="2 per hour")
    client = app.test_client()
    staff = StaffAccounts(app, client)
    for _ in range(4):
        assert staff.sign_in("admin").status_code == 302
        client.post("/staff/sign-out")


def test_rate_limits_on_api_paths_answer_in_json(app):
    from flask_limiter.errors import RateLimitExceeded  # noqa: F401
    from advocacy.web.limits import limiter

    @app.get("/api/test-limit")
    @limiter.limit("1 per minute")
    def limited():
        return {"ok": True}

    client = app.test_client()
    assert client.get("/api/test-limit").status_code == 200
    response = client.get("/api/test-limit")
    assert response.status_code == 429
    assert response.get_json()["error"] == "too_many_requests"


def test_sign_in_needs_a_csrf_token(csrf_app):
    client = csrf_app.test_client()
    StaffAccounts(csrf_app, client).create("admin")
    data = {"email": "admin@example.org", "password": STAFF_PASSWORD}
    refused = client.post("/staff/sign-in", data=data)
    assert refused.status_code == 400 and "Your session expired" in refused.get_data(as_text=True)
    token = csrf_token(client.get("/staff/sign-in").get_data(as_text=True))
    assert client.post("/staff/sign-in", data={**data, "csrf_token": token}).status_code == 302


def test_editing_and_status_forms_need_a_csrf_token(csrf_app):
    client = csrf_app.test_client()
    staff = StaffAccounts(csrf_app, client)
    staff.create("admin")
    token = csrf_token(client.get("/staff/sign-in").get_data(as_text=True))
    client.post("/staff/sign-in", data={"email": "admin@example.org", "password": STAFF_PASSWORD,
                                        "csrf_token": token})
    page = client.get("/staff/c/bright-futures/files/letter_mp.md").get_data(as_text=True)
    assert 'name="csrf_token"' in page
    edit = client.post("/staff/c/bright-futures/files/letter_mp.md",
                       data={"content": "Dear {{ mp.name }},\n", "based_on": "0", "save": "1"})
    status = client.post("/staff/c/bright-futures/status", data={"status": "closed"})
    assert edit.status_code == 400 and status.status_code == 400
    assert client.get("/c/bright-futures").get_data(as_text=True).count('name="postcode"') == 1  # still open


def test_viewers_see_the_dashboard_and_action_export_but_not_personal_data_or_editing(client, staff):
    staff.sign_in("viewer")
    assert client.get("/staff/c/bright-futures/").status_code == 200
    assert client.get("/staff/c/bright-futures/actions.csv").status_code == 200
    for path in ("/staff/c/bright-futures/supporters.csv", "/staff/c/bright-futures/manage",
                 "/staff/c/bright-futures/files/letter_mp.md"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "You do not have permission to do that" in response.get_data(as_text=True)
    saved = client.post("/staff/c/bright-futures/files/letter_mp.md",
                        data={"content": "Hello {{ mp.name }}\n", "based_on": "0", "save": "1"})
    closed = client.post("/staff/c/bright-futures/status", data={"status": "closed"})
    assert saved.status_code == 403 and closed.status_code == 403
    dashboard = client.get("/staff/c/bright-futures/").get_data(as_text=True)
    assert "supporters.csv" not in dashboard and "/manage" not in dashboard


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "http:/x",
                                    "javascript:alert(1)", "/staff/\r\nLocation: http://evil"])
def test_sign_in_never_redirects_to_another_site(client, staff, target):
    assert safe_next(target) is None
    staff.create("admin")
    response = client.post("/staff/sign-in", query_string={"next": target},
                           data={"email": "admin@example.org", "password": STAFF_PASSWORD})
    assert response.headers["Location"] == "/staff/"


def test_signing_out_ends_the_session(client, staff):
    staff.sign_in("admin")
    assert client.get("/staff/").status_code == 200
    response = client.post("/staff/sign-out", follow_redirects=True)
    assert "You have signed out." in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_a_new_password_signs_out_other_sessions(app, client, staff):
    from advocacy.staff.accounts import find_staff, set_password

    staff.sign_in("admin")
    with app.app_context():
        set_password(find_staff("admin@example.org"), "a completely new password")
    assert client.get("/staff/").status_code == 302


def test_staff_cookies_are_secure_when_configured_and_pages_are_not_cached(make_app):
    app = make_app(ADVOCACY_SECURE_COOKIES="true")
    client = app.test_client()
    response = StaffAccounts(app, client).sign_in("admin")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/staff/").headers["Cache-Control"] == "no-store"


def test_staff_create_asks_for_the_password_twice_and_checks_its_length(app, runner):
    short = runner.invoke(args=["staff", "create", "Boss@Example.org", "--role", "admin"],
                          input="short\nshort\n")
    assert "at least 12 characters" in short.output
    created = runner.invoke(args=["staff", "create", "Boss@Example.org", "--role", "admin"],
                            input=f"{STAFF_PASSWORD}\n{STAFF_PASSWORD}\n")
    assert created.exit_code == 0, created.output
    assert "Created admin account boss@example.org" in created.output
    again = runner.invoke(args=["staff", "create", "boss@example.org", "--role", "viewer"])
    assert again.exit_code == 1 and "already a staff account" in again.output
    with app.app_context():
        from advocacy.staff.accounts import authenticate, find_staff

        assert find_staff("boss@example.org").password_hash.startswith("$argon2")
        assert authenticate("BOSS@example.org", STAFF_PASSWORD) is not None


def test_there_is_no_default_account(app):
    from advocacy.staff.accounts import list_staff

    with app.app_context():
        assert list_staff() == []


def test_signing_out_needs_a_csrf_token(csrf_app):
    client = csrf_app.test_client()
    StaffAccounts(csrf_app, client).create("admin")
    token = csrf_token(client.get("/staff/sign-in").get_data(as_text=True))
    client.post("/staff/sign-in", data={"email": "admin@example.org", "password": STAFF_PASSWORD,
                                        "csrf_token": token})
    assert client.post("/staff/sign-out").status_code == 400
    assert client.get("/staff/").status_code == 200  # a forged sign-out did nothing
