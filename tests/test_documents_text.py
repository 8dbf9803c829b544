"""Markdown, typography, plain text and the on-page preview of letters and motions."""

import datetime as dt

import pytest

from advocacy.documents import (DocumentError, format_date, letter_preview_html, letter_text,
                                markdown_html, markdown_text, motion_preview_html, motion_text)
from advocacy.documents.typography import NBSP, non_breaking_spaces, smart_quotes
from advocacy.campaigns.sample import sample_local

# Leeds's section 47 figure in the sample data set the bundled templates render with.
LEEDS_S47 = sample_local()["section47"]["latest_fmt"]

TYPED = "*not bold* <b>x</b> [link](http://x) # not a heading"


def test_dates_print_as_in_a_british_letter():
    assert format_date(dt.date(2026, 11, 23)) == "23 November 2026"
    assert format_date(dt.date(2027, 1, 5)) == "5 January 2027"


@pytest.mark.parametrize("typed, printed", [
    ("Siân O'Brien", "Siân O\u2019Brien"),
    ('She said "help early"', "She said \u201chelp early\u201d"),
    ("'Bright Futures' campaign", "\u2018Bright Futures\u2019 campaign"),
    ("children's services", "children\u2019s services"),
])
def test_print_gets_curly_quotes_and_apostrophes(typed, printed):
    assert smart_quotes(typed) == printed


def test_postcodes_dates_and_titles_never_break_across_lines():
    text = non_breaking_spaces("Write to Cllr Patel at LS1 1UR by 23 November, or Jane Smith MP")
    assert f"LS1{NBSP}1UR" in text
    assert f"23{NBSP}November" in text
    assert f"Cllr{NBSP}Patel" in text
    assert f"Smith{NBSP}MP" in text


def test_what_a_resident_types_prints_literally_in_the_letter_html_and_text(make_letter):
    letter = make_letter(personal=TYPED)
    html = letter_preview_html(letter)
    assert "*not bold* &lt;b&gt;x&lt;/b&gt; [link](http://x) # not a heading" in html
    assert "<b>" not in html and "<em>" not in html and 'href="http://x"' not in html
    assert TYPED in letter_text(letter)


def test_raw_html_in_a_template_is_shown_as_text_never_as_markup():
    html = markdown_html('Hello <script>alert(1)</script> <img src="http://example.org/x.png">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_images_are_never_turned_into_images():
    assert "<img" not in markdown_html("![tracker](http://127.0.0.1:1/pixel.png)")


def test_plain_text_has_paragraphs_separated_by_blank_lines_and_lists_with_markers():
    source = "First paragraph\nstill first.\n\nSecond.\n\n- one\n- two\n\n1. first\n2. second\n    - nested\n\nEnd \\*."
    assert markdown_text(source) == (
        "First paragraph still first.\n\nSecond.\n\n- one\n- two\n\n1. first\n2. second\n   - nested\n\nEnd *.")


def test_letter_text_reads_as_an_email_with_the_address_under_the_name(make_letter):
    text = letter_text(make_letter())
    assert text.startswith("Dear Alex Sobel,\n\nI am writing to you as a constituent in Leeds Central and Headingley")
    assert "- Fully fund children's services. Give councils" in text
    assert text.endswith("Yours sincerely,\n\nSiân O'Brien\n1 Example Street\nLeeds\nLS1 1UR\nsian@example.org\n")
    assert "**" not in text and "\\" not in text


def test_preview_shows_addresses_date_salutation_and_sign_off(make_letter):
    html = letter_preview_html(make_letter())
    for expected in ("1 Example Street", f"LS1{NBSP}1UR", f"23{NBSP}November 2026", f"Alex Sobel{NBSP}MP",
                     "House of Commons", f"SW1A{NBSP}0AA", "Dear Alex Sobel,", "Yours sincerely,",
                     "Siân O\u2019Brien", "<strong>Fully fund children\u2019s services.</strong>"):
        assert expected in html
    assert html.index("Dear Alex Sobel") < html.index("I am writing") < html.index("Yours sincerely")


def test_a_name_with_markup_is_escaped_in_the_preview(make_letter):
    html = letter_preview_html(make_letter(sender_name='<script>x</script> "Bob"'))
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_motion_preview_nests_under_the_page_heading(motion):
    html = motion_preview_html(motion)
    assert '<h2 class="motion__title">' in html
    assert "<h3>This council notes</h3>" in html and "<h1" not in html


def test_motion_text_has_its_sections_and_numbered_points(motion):
    text = motion_text(motion)
    assert text.startswith("Fully funded children's services (Bright Futures)\n"
                           "Leeds City Council: Full Council, 21 January 2027\n")
    notes = text.index("This council notes")
    resolves = text.index("This council resolves")
    assert f"\n1. That Leeds had {LEEDS_S47} section 47 child protection enquiries" in text[notes:resolves]
    assert "\n1. To support the Local Government Association" in text[resolves:]
    assert "\n   - to fully fund children's services, so that" in text


def test_a_letter_without_a_sender_address_is_refused_with_the_missing_field(make_letter):
    with pytest.raises(DocumentError, match="sender_address"):
        make_letter(sender_address=[" ", ""])
