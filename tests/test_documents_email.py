"""Email drafts: mailto: links and .eml files, with awkward input and header injection attempts."""

import datetime as dt
import email
from email.policy import default
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from advocacy.documents import (MAILTO_MAX_LENGTH, HeaderError, eml_bytes, letter_eml, letter_mailto, letter_text,
                                mailto_too_long, mailto_url)

MP = "alex.sobel.mp@parliament.uk"
AWKWARD_SUBJECT = "Siân's letter: R&D #1? 50% + more = \"better\""
AWKWARD_BODY = "Dear Alex,\n\nFish & chips #1 ?a=b+c 100%\nCafé, naïve, Siân\n\nThanks"


def decode_mailto(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
    return unquote(parts.path), query


def test_mailto_encodes_every_reserved_character_and_round_trips():
    url = mailto_url(MP, AWKWARD_SUBJECT, AWKWARD_BODY)
    query = url.split("?", 1)[1]
    assert not set("#+ \"'\n") & set(url)
    assert query.count("?") == 0 and query.count("&") == 1 and query.count("=") == 2  # only the separators
    to, fields = decode_mailto(url)
    assert to == MP
    assert fields["subject"] == AWKWARD_SUBJECT
    assert fields["body"] == AWKWARD_BODY.replace("\n", "\r\n")


def test_mailto_line_breaks_are_crlf_and_accents_are_utf8():
    url = mailto_url(MP, "Siân", "one\ntwo\r\nthree")
    assert "subject=Si%C3%A2n" in url
    assert "body=one%0D%0Atwo%0D%0Athree" in url
    assert "%0A" not in url.replace("%0D%0A", "")


def test_a_long_letter_is_flagged_so_the_page_offers_copy_and_eml_instead(make_letter):
    short = mailto_url(MP, "Subject", "A short note.")
    assert not mailto_too_long(short)
    long = letter_mailto(make_letter(asks=6, body="Early help keeps families together. " * 300), MP)
    assert len(long) > MAILTO_MAX_LENGTH and mailto_too_long(long)


def test_a_recipient_address_cannot_smuggle_extra_fields_into_a_mailto_link():
    with pytest.raises(HeaderError, match="recipient address"):
        mailto_url("mp@parliament.uk?bcc=evil@example.com", "s", "b")
    with pytest.raises(HeaderError, match="subject contains a line break"):
        mailto_url(MP, "Hello\r\nBcc: evil@example.com", "b")


def parse(raw: bytes):
    return email.message_from_bytes(raw, policy=default)


def test_the_eml_is_a_utf8_draft_addressed_to_the_mp(make_letter):
    letter = make_letter()
    raw = letter_eml(letter, MP, date=dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.timezone.utc),
                     message_id_domain="raiseyourvoice.example")
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF line endings throughout
    assert all(byte < 128 for byte in raw)  # 7-bit on the wire; UTF-8 inside encoded words and QP
    message = parse(raw)
    [to] = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Alex Sobel MP", MP)
    [sender] = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Siân O'Brien", "sian@example.org")
    assert message["Subject"] == "Children's services in Leeds need your support"
    assert message["Date"] == "Mon, 23 Nov 2026 09:30:00 +0000"
    assert message["Message-ID"].endswith("@raiseyourvoice.example>")
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == letter_text(letter)


def test_the_eml_keeps_awkward_subjects_and_bodies_intact():
    message = parse(eml_bytes(to_address=MP, to_name="Siân Jones MP", subject=AWKWARD_SUBJECT,
                              body=AWKWARD_BODY + "\n" + "long line " * 200, reply_to="sian+replies@example.org"))
    assert message["Subject"] == AWKWARD_SUBJECT
    assert message["To"].addresses[0].display_name == "Siân Jones MP"
    assert "Café, naïve, Siân" in message.get_content()
    assert message["From"] is None and message["X-Unsent"] == "1"
    assert [a.addr_spec for a in message["Reply-To"].addresses] == ["sian+replies@example.org"]


@pytest.mark.parametrize("field, value", [
    ("subject", "Hello\r\nBcc: evil@example.com"),
    ("subject", "Hello\nBcc: evil@example.com"),
    ("subject", "Hello\rBcc: evil@example.com"),
    ("subject", "Hello\u2028Bcc: evil@example.com"),
    ("subject", "Hello\x00"),
    ("to_name", "Alex\r\nBcc: evil@example.com"),
    ("from_name", "Siân\nCc: evil@example.com"),
])
def test_header_injection_through_a_name_or_the_subject_is_refused(field, value):
    values = {"to_address": MP, "subject": "Hello", "body": "Body", "from_address": "sian@example.org",
              field: value}
    with pytest.raises(HeaderError, match="(line break|control character)"):
        eml_bytes(**values)


def test_a_name_full_of_address_syntax_adds_no_recipient_and_no_header():
    raw = eml_bytes(to_address=MP, to_name='Alex, evil@example.com <evil@example.com>; "x"', subject="Hi: Bcc: x",
                    body="Body")
    message = parse(raw)
    assert [a.addr_spec for a in message["To"].addresses] == [MP]
    assert message["Bcc"] is None and message["Cc"] is None
    assert sorted(message.keys()) == sorted(["To", "Subject", "Date", "Message-ID", "X-Unsent", "Content-Type",
                                             "Content-Transfer-Encoding", "MIME-Version"])


def test_a_letter_whose_sender_name_tries_injection_is_refused(make_letter):
    with pytest.raises(HeaderError, match="sender name contains a line break"):
        letter_eml(make_letter(sender_name="Siân\r\nBcc: evil@example.com"), MP)


def test_an_invalid_recipient_address_is_refused_with_a_clear_message():
    with pytest.raises(HeaderError, match="recipient address is not a valid email address"):
        eml_bytes(to_address="not an address", subject="s", body="b")
