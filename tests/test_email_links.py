"""Email that opens ready to send: the device's mail app (mailto:) and Gmail, Outlook.com and Yahoo compose
pages carry the whole email version of the letter, or say visibly that they do not; never a letter cut short."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from advocacy.documents import MAILTO_MAX_LENGTH, WEBMAIL_MAX_LENGTH, letter_compose_links, letter_text
from tests.test_letters import draft_url, page_of

MP = "alex.sobel.mp@parliament.uk"
# The bundled campaign's typical letter: three asks and two sentences of the writer's own.
TYPICAL = ("My son waited eight months for help from children's services. "
           "Early support would have stopped things getting so bad.")
ASKS3 = ["fund", "early-intervention", "long-term"]
# Parameter names of each link's to, subject and body.
FIELDS = {"app": ("to", "subject", "body"), "gmail": ("to", "su", "body"), "outlook": ("to", "subject", "body"),
          "yahoo": ("to", "subject", "body")}
HOSTS = {"gmail": "mail.google.com", "outlook": "outlook.live.com", "yahoo": "compose.mail.yahoo.com"}


def fields_of(url: str, via: str) -> dict[str, str]:
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
    to_field, subject_field, body_field = FIELDS[via]
    to = parts.path if via == "app" else query.get(to_field)
    return {"to": to, "subject": query.get(subject_field), "body": query.get(body_field)}


def opened(client, url: str, via: str) -> str:
    response = client.get(f"{url}/email?via={via}")
    assert response.status_code == 302
    return response.headers["Location"]


@pytest.mark.parametrize("via", ["app", "gmail", "outlook", "yahoo"])
def test_the_typical_letter_opens_whole_in_the_mail_app_and_each_web_mail(letters_app, via):
    client = letters_app.test_client()
    url = draft_url(client, asks=ASKS3, personal=TYPICAL)
    location = opened(client, url, via)
    if via != "app":
        assert urlsplit(location).hostname == HOSTS[via]
    fields = fields_of(location, via)
    assert fields["to"] == MP
    assert fields["subject"]
    body = fields["body"].replace("\r\n", "\n")
    assert body.startswith("Dear Alex Sobel,")
    assert TYPICAL in body  # the writer's own words, and everything after them: the sign-off and address
    assert body.rstrip().endswith("sian@example.org")
    assert "Siân O'Brien\n1 Example Street\nLeeds\nLS1 1UR\n" in body  # the MP sees a constituent
    page = page_of(client.get(url + "/send"))
    assert "too long" not in page and "paste the letter" not in page


@pytest.mark.parametrize("via", ["app", "gmail", "outlook", "yahoo"])
def test_a_letter_with_every_ask_and_2000_characters_of_the_writers_own_still_opens_whole(letters_app, via):
    client = letters_app.test_client()
    own = ("Our family waited months for help that came too late, and I want my MP to know what that meant. "
           * 21)[:2000].strip()
    url = draft_url(client, asks=["fund", "early-intervention", "long-term", "families", "minister",
                                  "impact-assessment"], personal=own)
    body = fields_of(opened(client, url, via), via)["body"].replace("\r\n", "\n")
    assert own[-60:] in body and body.rstrip().endswith("sian@example.org")


def test_a_long_link_says_what_to_do_if_a_windows_computer_opens_it_without_the_letter(letters_app):
    client = letters_app.test_client()
    url = draft_url(client, asks=ASKS3, personal=TYPICAL)  # over 2,000 characters once encoded
    page = page_of(client.get(url + "/send"))
    assert "Open it as an email to alex.sobel.mp@parliament.uk" in page
    assert "Some Windows computers open only the start of a long email link" in page


@pytest.mark.parametrize("via", ["app", "gmail", "outlook", "yahoo"])
def test_a_letter_too_long_for_any_link_opens_addressed_without_a_cut_short_body(long_letter_app, via):
    client = long_letter_app.test_client()
    url = draft_url(client, asks=ASKS3, personal=TYPICAL)
    fields = fields_of(opened(client, url, via), via)
    assert fields["to"] == MP and fields["subject"]
    assert not fields["body"], "a letter that does not fit is left out whole, never cut short"


def test_the_page_says_visibly_which_links_cannot_carry_a_long_letter(long_letter_app):
    client = long_letter_app.test_client()
    page = " ".join(re.sub(r"<[^>]+>", "", page_of(client.get(draft_url(client, asks=ASKS3, personal=TYPICAL)
                                                               + "/send"))).split())
    assert "Your letter is too long to open in an email app with one link" in page
    for name in ("Gmail", "Outlook.com", "Yahoo Mail"):
        assert f"Write it in {name} (opens addressed, with the subject: paste the letter you copied below)" in page
    assert "Download as an email file (.eml)" in page and "Copy the text" in page


def test_each_link_carries_the_whole_body_up_to_its_limit_and_none_past_it(make_letter):
    for personal in ("", TYPICAL, "x" * 2000):
        letter = make_letter(asks=6, personal=personal)
        body = letter_text(letter)
        for link in letter_compose_links(letter, MP):
            limit = MAILTO_MAX_LENGTH if link.name == "Email app" else WEBMAIL_MAX_LENGTH
            assert len(link.url) <= limit
            via = {"Email app": "app", "Gmail": "gmail", "Outlook.com": "outlook", "Yahoo Mail": "yahoo"}[link.name]
            carried = fields_of(link.url, via)["body"]
            assert link.whole == bool(carried)
            if link.whole:
                assert carried.replace("\r\n", "\n") == body


def test_the_email_version_leaves_out_the_print_letters_address_blocks_and_date(make_letter):
    letter = make_letter(personal=TYPICAL)
    body = letter_text(letter)
    assert "House of Commons" not in body and "23 November 2026" not in body  # print only
    assert body.startswith("Dear Alex Sobel,") and body.count("Yours sincerely") == 1
