from unittest import mock

import pytest


def test_with_one_open_campaign_the_home_page_goes_straight_to_it(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/c/bright-futures")


def test_the_campaign_page_shows_its_asks_and_a_labelled_postcode_form(client):
    page = client.get("/c/bright-futures").get_data(as_text=True)
    assert "<h1>Bright Futures: fund children&#39;s services properly</h1>" in page
    assert "Bring back the Early Intervention Grant in full" in page
    assert '<label class="label " for="postcode">Postcode' in page
    assert 'name="postcode"' in page and 'autocomplete="postal-code"' in page
    assert "#gettingthebest" in page


def test_every_page_has_a_skip_link_landmarks_and_no_external_assets(client):
    page = client.get("/c/bright-futures").get_data(as_text=True)
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page and "<header" in page and "<footer" in page
    assert '<html lang="en-GB">' in page
    assert "https://" not in page.split("<body>")[0]  # no CDN stylesheet or script in the head


def test_the_campaign_postcode_form_is_a_get_with_no_csrf_token(csrf_app):
    # A look-up changes nothing, so the page needs no token (and no cookie): every visitor gets the same page.
    page = csrf_app.test_client().get("/c/bright-futures").get_data(as_text=True)
    assert '<form method="get" action="/c/bright-futures#start"' in page
    assert 'name="csrf_token"' not in page


def test_an_unknown_campaign_gets_the_friendly_not_found_page(client):
    response = client.get("/c/no-such-campaign")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Page not found" in page and "Skip to main content" in page


def test_an_unexpected_error_shows_a_friendly_page_and_no_stack_trace(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    with mock.patch("advocacy.web.public.open_campaigns", side_effect=RuntimeError("secret detail")):
        response = client.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in page
    assert "secret detail" not in page and "Traceback" not in page


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_says_unavailable_when_the_database_does_not_answer(make_app, tmp_path):
    missing_folder = tmp_path / "no" / "such" / "folder" / "db.sqlite3"
    app = make_app(ADVOCACY_DATABASE_URL=f"sqlite:///{missing_folder}")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_security_headers_are_on_every_response(client):
    response = client.get("/c/bright-futures")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", ["/", "/c/bright-futures", "/healthz", "/c/missing"])
def test_pages_never_expose_a_stack_trace(client, path):
    assert "Traceback" not in client.get(path, follow_redirects=True).get_data(as_text=True)


def test_the_demo_banner_shows_only_in_demo_mode(make_app):
    assert "Demo:" in make_app(ADVOCACY_DEMO="true").test_client().get("/c/bright-futures").get_data(as_text=True)
    assert "Demo:" not in make_app().test_client().get("/c/bright-futures").get_data(as_text=True)
