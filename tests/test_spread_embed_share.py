"""The embeddable widget, its snippet, the share card tags and the share picture."""

from __future__ import annotations

import html as html_lib
import io
import re

import pytest
from PIL import Image

CAMPAIGN = "/c/bright-futures"


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return html_lib.unescape(found.group(1)) if found else None


# --- framing: only the widget may be framed by other sites ---

def test_the_embed_page_may_be_framed_by_any_site(client):
    response = client.get("/embed/bright-futures")
    assert response.status_code == 200
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers


@pytest.mark.parametrize("path", [CAMPAIGN, f"{CAMPAIGN}/progress", f"{CAMPAIGN}/share", f"{CAMPAIGN}/summary",
                                  f"{CAMPAIGN}/case-studies/new", f"{CAMPAIGN}/start?postcode=", "/staff/sign-in",
                                  "/privacy"])
def test_every_other_page_refuses_to_be_framed(client, path):
    response = client.get(path)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_widget_shows_the_call_and_a_postcode_box_that_continues_on_this_site(client):
    html = client.get("/embed/bright-futures").get_data(as_text=True)
    assert "<h1 class=\"embed__title\">Bright Futures" in html
    form = re.search(r"<form[^>]*>", html).group(0)
    assert 'method="get"' in form and 'target="_top"' in form
    assert 'action="/c/bright-futures/start"' in form  # relative: resolved against this site, not the host page
    assert '<label class="label" for="postcode">Your postcode</label>' in html
    assert '<base target="_top">' in html  # every link leaves the frame, never opens our site inside it
    assert "site-header" not in html  # just the widget, no site navigation


def test_the_widget_for_an_unknown_campaign_is_not_found(client):
    assert client.get("/embed/no-such-campaign").status_code == 404


def test_the_widgets_postcode_continues_the_journey(lookup_app):
    client = lookup_app.test_client()
    response = client.get(f"{CAMPAIGN}/start?postcode=ls1+1ur")
    assert response.status_code == 302 and response.headers["Location"].endswith("/c/bright-futures/you")
    with client.session_transaction() as session:
        assert session["postcode"] == "LS1 1UR"


def test_a_bad_postcode_from_the_widget_is_explained_on_the_campaign_page_with_what_was_typed(client):
    response = client.get(f"{CAMPAIGN}/start?postcode=")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Bright Futures" in html
    assert "Enter your postcode, like LS1 1UR" in html

    html = client.get(f"{CAMPAIGN}/start?postcode=" + "X" * 30).get_data(as_text=True)
    assert "A postcode is at most 8 characters" in html and 'value="' + "X" * 30 + '"' in html


def test_the_share_page_gives_a_snippet_to_paste_with_the_absolute_embed_address(make_app):
    app = make_app(ADVOCACY_PUBLIC_URL="https://raise.example.org")
    html = app.test_client().get(f"{CAMPAIGN}/share").get_data(as_text=True)
    snippet = html_lib.unescape(re.search(r'<textarea[^>]*id="snippet"[^>]*>(.*?)</textarea>', html, re.S).group(1))
    assert snippet.startswith('<iframe src="https://raise.example.org/embed/bright-futures"')
    assert 'title="Bright Futures: fund children\'s services properly: raise your voice"' in snippet  # readable
    assert "></iframe>" in snippet
    # then the script that fits the frame to the widget, from this site (optional: the frame works without)
    assert snippet.endswith('<script src="https://raise.example.org/static/js/embed-host.js" async></script>')
    assert '<label class="label" for="snippet">' in html


def test_a_forged_host_header_never_reaches_another_visitors_share_card(make_app):
    app = make_app(ADVOCACY_PUBLIC_URL=None)  # unset: the page's own links follow the address it was asked on
    forged = app.test_client().get(f"{CAMPAIGN}/share", base_url="http://evil.example").get_data(as_text=True)
    assert "http://evil.example/embed/bright-futures" in html_lib.unescape(forged)  # only the one who asked
    for _ in range(2):  # rendered for this host, then from the cache
        page = html_lib.unescape(app.test_client().get(f"{CAMPAIGN}/share").get_data(as_text=True))
        assert "evil.example" not in page
        assert "http://localhost/embed/bright-futures" in page


def test_a_title_with_quotes_cannot_break_out_of_the_snippet(make_app, tmp_path):
    import shutil

    from advocacy.config import ROOT

    folder = tmp_path / "campaigns"
    shutil.copytree(ROOT / "letters" / "bright-futures", folder / "bright-futures")
    toml = folder / "bright-futures" / "campaign.toml"
    toml.write_text(re.sub(r'(?m)^title = ".*"$', 'title = "Say \\\\"no\\\\" <now>"', toml.read_text(), count=1))
    app = make_app(ADVOCACY_CAMPAIGNS_DIR=str(folder))
    html = app.test_client().get(f"{CAMPAIGN}/share").get_data(as_text=True)
    snippet = html_lib.unescape(re.search(r'<textarea[^>]*id="snippet"[^>]*>(.*?)</textarea>', html, re.S).group(1))
    assert 'title="Say &quot;no&quot; &lt;now&gt;: raise your voice"' in snippet


# --- share cards ---

def test_the_campaign_page_has_open_graph_and_twitter_card_tags(make_app):
    app = make_app(ADVOCACY_PUBLIC_URL="https://raise.example.org")
    html = app.test_client().get(CAMPAIGN).get_data(as_text=True)
    assert meta(html, "og:title").startswith("Bright Futures")
    assert meta(html, "twitter:title") == meta(html, "og:title")
    assert meta(html, "og:type") == "website"
    assert meta(html, "og:url") == "https://raise.example.org/c/bright-futures"
    assert meta(html, "og:image") == "https://raise.example.org/c/bright-futures/share.png"
    assert meta(html, "og:image:alt")
    assert meta(html, "og:description") and meta(html, "og:description") == meta(html, "twitter:description")
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == meta(html, "og:image")


def test_the_share_picture_is_a_1200_by_630_png_drawn_from_the_title(client):
    response = client.get(f"{CAMPAIGN}/share.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    assert image.size == (1200, 630)
    assert len(image.getcolors(maxcolors=100_000)) > 2  # text was drawn on the background
    assert response.headers["Cache-Control"].startswith("public")
    again = client.get(f"{CAMPAIGN}/share.png", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_different_titles_get_different_pictures():
    from advocacy.spread.share_image import drawn_share_image

    assert drawn_share_image("Bright Futures", "x") != drawn_share_image("Care for Carers", "x")
    assert drawn_share_image("A very long campaign title " * 6, "x")  # wraps and shrinks, never fails


def test_a_campaign_folder_may_bring_its_own_share_picture(make_app, tmp_path):
    import shutil

    from advocacy.config import ROOT

    folder = tmp_path / "campaigns"
    shutil.copytree(ROOT / "letters" / "bright-futures", folder / "bright-futures")
    own = io.BytesIO()
    Image.new("RGB", (1200, 630), (200, 30, 30)).save(own, format="PNG")
    (folder / "bright-futures" / "share.png").write_bytes(own.getvalue())
    app = make_app(ADVOCACY_CAMPAIGNS_DIR=str(folder))
    assert app.test_client().get(f"{CAMPAIGN}/share.png").data == own.getvalue()
