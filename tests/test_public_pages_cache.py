"""Public pages are the same for every visitor: no cookie, cacheable by browsers and proxies, 304 when
unchanged, served from the cache without asking the database, and still fresh after a change."""

import pytest
from sqlalchemy import event

from advocacy.db import db

CAMPAIGN = "/c/bright-futures"
PUBLIC_PAGES = [CAMPAIGN, f"{CAMPAIGN}/progress", "/embed/bright-futures", f"{CAMPAIGN}/motions",
                f"{CAMPAIGN}/share", f"{CAMPAIGN}/share.png"]


@pytest.fixture
def site(csrf_app):
    """A visitor's browser on an app with CSRF protection on, as in production."""
    return csrf_app.test_client()


@pytest.fixture
def queries(csrf_app):
    """The SQL statements the app sends from now on (a list that grows)."""
    sent: list[str] = []
    with csrf_app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, *args):  # noqa: ANN001
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    yield sent
    event.remove(engine, "before_cursor_execute", count)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_an_anonymous_visitor_gets_no_cookie_and_a_page_any_cache_may_keep(site, path):
    for _ in range(2):  # rendered, then from the cache
        response = site.get(path)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        cache_control = response.cache_control
        assert cache_control.public and cache_control.max_age == 60 and cache_control.s_maxage == 60
        assert cache_control.stale_while_revalidate == 300
        assert response.headers["ETag"]
        assert "Cookie" in response.vary  # a visitor with our cookie may see something of their own
    assert not site.get_cookie("session") and not site.get_cookie("remember_token")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_page_the_browser_already_has_is_answered_304_with_no_body(site, path):
    etag = site.get(path).headers["ETag"]
    again = site.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert "Set-Cookie" not in again.headers
    assert site.get(path, headers={"If-None-Match": '"something-else"'}).status_code == 200


@pytest.mark.parametrize("path", [CAMPAIGN, "/embed/bright-futures", f"{CAMPAIGN}/progress", f"{CAMPAIGN}/motions"])
def test_a_warm_public_page_asks_the_database_nothing(site, queries, path):
    site.get(path)
    queries.clear()
    assert site.get(path).status_code == 200
    assert queries == []


def test_the_postcode_form_is_a_get_that_starts_the_journey_without_a_token(make_lookup_app):
    client = make_lookup_app(WTF_CSRF_ENABLED=True).test_client()
    response = client.get(CAMPAIGN, query_string={"postcode": "ls1 1ur"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{CAMPAIGN}/you")
    with client.session_transaction() as session:
        assert session["postcode"] == "LS1 1UR"


def test_a_postcode_that_is_wrong_is_explained_on_the_page_with_what_was_typed(make_lookup_app):
    client = make_lookup_app(WTF_CSRF_ENABLED=True).test_client()
    response = client.get(CAMPAIGN, query_string={"postcode": "LS1 1ZZZ"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<title>Error:" in page
    assert 'value="LS1 1ZZZ"' in page
    assert response.cache_control.private and response.cache_control.no_cache  # this visitor's own answer


def test_a_returning_resident_gets_their_own_page_with_their_postcode_never_a_shared_one(site):
    site.get(CAMPAIGN)  # the shared page is in the cache
    with site.session_transaction() as session:
        session["postcode"] = "LS1 1UR"
    response = site.get(CAMPAIGN)
    assert 'value="LS1 1UR"' in response.get_data(as_text=True)
    assert response.cache_control.private and response.cache_control.no_cache and not response.cache_control.public
    assert 'value="LS1 1UR"' not in site.application.test_client().get(CAMPAIGN).get_data(as_text=True)


def test_closing_the_campaign_shows_on_its_page_at_once(app, staff):
    visitor = app.test_client()
    assert "Find my MP and council" in visitor.get(CAMPAIGN).get_data(as_text=True)
    staff.sign_in("admin")
    staff.client.post("/staff/c/bright-futures/status", data={"status": "closed"})
    page = visitor.get(CAMPAIGN).get_data(as_text=True)
    assert "This campaign is closed" in page and "Find my MP and council" not in page


def test_reading_the_campaign_page_is_not_counted_as_a_look_up(make_lookup_app):
    client = make_lookup_app(ADVOCACY_LOOKUP_LIMIT="2 per minute").test_client()
    for _ in range(5):
        assert client.get(CAMPAIGN).status_code == 200
    assert client.get(CAMPAIGN, query_string={"postcode": "LS1 1UR"}).status_code == 302
    client.get(CAMPAIGN, query_string={"postcode": "LS1 1UR"})
    assert client.get(CAMPAIGN, query_string={"postcode": "LS1 1UR"}).status_code == 429


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_page_answered_again_from_the_cache_is_the_same_page_with_the_same_security_headers(site, path):
    first, again = site.get(path), site.get(path)
    assert again.data == first.data
    for header in ("Content-Type", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                   "Cache-Control", "ETag", "Vary"):
        assert again.headers.get(header) == first.headers.get(header), header
    assert first.headers["Content-Security-Policy"]


def test_the_embed_widget_may_still_be_framed_when_answered_from_the_cache(site):
    for _ in range(2):
        response = site.get("/embed/bright-futures")
        assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
        assert "X-Frame-Options" not in response.headers


def test_healthz_never_remembers_a_failure(app, monkeypatch):
    from advocacy.web import health

    client = app.test_client()
    monkeypatch.setattr(health, "database_answers", lambda: False)
    assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 503
    monkeypatch.setattr(health, "database_answers", lambda: True)
    assert client.get("/healthz").status_code == 200
