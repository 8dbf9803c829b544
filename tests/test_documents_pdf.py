"""PDF letters and motions: what is printed, page size and count, metadata, fetching rules, cache."""

import io
import shutil

import pytest
from pypdf import PdfReader

from advocacy.campaigns.sample import sample_local
from advocacy.config import ROOT
from advocacy.documents import (DocumentError, PdfCache, PdfRenderer, current_renderer, letter_pdf,
                                letter_print_html, motion_pdf)

# Leeds's section 47 figure in the sample data set the bundled templates render with.
LEEDS_S47 = sample_local()["section47"]["latest_fmt"]

A4 = (595, 842)  # points


@pytest.fixture(scope="module")
def renderer():
    return PdfRenderer()  # no cache: every call renders


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes, layout: bool = False) -> str:
    """The PDF's text; ``layout`` keeps list numbers next to their points (as printed)."""
    mode = "layout" if layout else "plain"
    text = "\n".join(page.extract_text(extraction_mode=mode) for page in read(pdf).pages)
    text = text.replace("\u00a0", " ")
    return " ".join(text.split()) if layout else text


def page_html(body: str) -> str:
    head = '<meta charset="utf-8"><title>t</title>'
    return f'<!doctype html><html lang="en-GB"><head>{head}</head><body>{body}</body></html>'


def test_a_letter_pdf_is_a4_with_both_addresses_the_date_and_the_body(make_letter, renderer):
    pdf = letter_pdf(make_letter(), renderer)
    [page] = read(pdf).pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4
    text = text_of(pdf)
    for expected in ("1 Example Street", "LS1 1UR", "23 November 2026", "Alex Sobel MP", "House of Commons",
                     "SW1A 0AA", "Dear Alex Sobel,", LEEDS_S47, "Yours sincerely,", "Siân O\u2019Brien"):
        assert expected in text, expected
    assert text.index("LS1 1UR") < text.index("Alex Sobel MP") < text.index("Dear Alex Sobel")


def test_the_pdf_carries_the_letters_title_and_author(make_letter, renderer):
    metadata = read(letter_pdf(make_letter(subject="Please back fully funded children's services"), renderer)).metadata
    assert metadata.title == "Please back fully funded children's services"
    assert metadata.author == "Siân O'Brien"


def test_the_bundled_font_is_embedded(make_letter, renderer):
    page = read(letter_pdf(make_letter(), renderer)).pages[0]
    fonts = page["/Resources"]["/Font"]
    names = {str(fonts[name].get_object()["/BaseFont"]) for name in fonts}
    assert any("Letter-Sans" in name for name in names), names  # the bundled @font-face family
    descriptors = [fonts[name].get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for name in fonts]
    assert all("/FontFile2" in d or "/FontFile3" in d or "/FontFile" in d for d in descriptors)


def test_a_typical_letter_fits_on_one_page_without_page_numbers(make_letter, renderer):
    # All six asks, a personal paragraph of about 400 characters and a four-line address.
    personal = "My son waited eight months for help after his school raised concerns. " * 6
    pdf = letter_pdf(make_letter(asks=6, personal=personal,
                                 sender_address=["Flat 2", "1 Example Street", "Headingley", "Leeds"]), renderer)
    assert len(read(pdf).pages) == 1
    assert "Page 1" not in text_of(pdf)


def test_a_long_letter_runs_on_to_a_second_page_numbered_page_x_of_y(make_letter, renderer):
    long_paragraph = " ".join(["Early help kept our family together when nothing else did."] * 60)
    pdf = letter_pdf(make_letter(asks=6, personal=long_paragraph), renderer)
    pages = read(pdf).pages
    assert len(pages) == 2
    assert "Page 1 of 2" in pages[0].extract_text()
    assert "Page 2 of 2" in pages[1].extract_text()
    assert "Yours sincerely" in pages[1].extract_text()


def test_what_a_resident_types_prints_literally_in_the_pdf(make_letter, renderer):
    text = text_of(letter_pdf(make_letter(personal="*not bold* <b>x</b> [link](http://x)"), renderer))
    assert "*not bold* <b>x</b> [link](http://x)" in text


def test_a_motion_pdf_has_its_title_council_meeting_and_numbered_points(motion, renderer):
    pdf = motion_pdf(motion, renderer)
    text = text_of(pdf, layout=True)
    assert read(pdf).metadata.title == "Fully funded children's services (Bright Futures)"
    assert "Leeds City Council" in text and "Full Council, 21 January 2027" in text
    notes, believes, resolves = (text.index(h) for h in
                                 ("This council notes", "This council believes", "This council resolves"))
    assert notes < believes < resolves
    assert f"1. That Leeds had {LEEDS_S47} section 47 child protection enquiries in 2024/25" in text[notes:believes]
    assert "1. To support the Local Government Association" in text[resolves:]
    assert "Proposed by: Cllr Sam Patel" in text


@pytest.mark.parametrize("markup", [
    '<img src="{url}/pixel.png" alt="">',
    '<link rel="stylesheet" href="{url}/style.css">',
    '<style>@import url("{url}/import.css");</style>',
    '<p style="background: url({url}/bg.png)">x</p>',
    '<link rel="attachment" href="{url}/attach.txt">',
])
def test_nothing_is_fetched_from_the_network(markup, renderer, httpserver):
    httpserver.expect_request("/pixel.png").respond_with_data(b"not really a png")
    html = page_html("<p>Letter text</p>" + markup.format(url=httpserver.url_for("").rstrip("/")))
    with pytest.raises(DocumentError, match="refused to fetch"):
        renderer.render(html)
    assert httpserver.log == []


@pytest.mark.parametrize("markup", [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    '<img src="../../../../../../etc/passwd">',
    '<img src="css/../../advocacy/config.py">',
])
def test_no_file_outside_the_static_folder_is_read(markup, renderer):
    with pytest.raises(DocumentError, match="outside the static folder"):
        renderer.render(page_html("<p>Letter text</p>" + markup))


def test_a_missing_image_stops_the_render_and_names_the_file(renderer):
    with pytest.raises(DocumentError, match="missing static file images/no-such-logo.png"):
        renderer.render(page_html('<img src="images/no-such-logo.png" alt="Logo">'))


def test_a_missing_font_stops_the_renderer_at_start_up(tmp_path):
    static = tmp_path / "static"
    shutil.copytree(ROOT / "static" / "css", static / "css")
    (static / "fonts").mkdir()
    shutil.copy(ROOT / "static" / "fonts" / "LiberationSans-Regular.ttf", static / "fonts")
    with pytest.raises(DocumentError, match="missing static file fonts/LiberationSans-Bold.ttf"):
        PdfRenderer(static_root=static)


def test_the_same_letter_is_rendered_once_then_served_from_the_cache(make_letter):
    renderer = PdfRenderer(cache=PdfCache(max_items=4))
    letter = make_letter()
    first = letter_pdf(letter, renderer)
    again = letter_pdf(letter, renderer)
    assert again == first and renderer.renders == 1
    letter_pdf(make_letter(personal="A different letter."), renderer)
    assert renderer.renders == 2


def test_a_cache_folder_serves_pdfs_rendered_by_another_worker(make_letter, tmp_path):
    html = letter_print_html(make_letter())
    first = PdfRenderer(cache=PdfCache(folder=tmp_path / "pdf-cache"))
    second = PdfRenderer(cache=PdfCache(folder=tmp_path / "pdf-cache"))
    pdf = first.render(html)
    assert second.render(html) == pdf
    assert (first.renders, second.renders) == (1, 0)


def test_the_app_renders_with_its_own_configured_renderer(make_app, make_letter):
    app = make_app(ADVOCACY_PDF_CACHE_SIZE="3")
    with app.app_context():
        assert current_renderer().cache.max_items == 3
        assert read(letter_pdf(make_letter())).metadata.title


def test_an_image_weasyprint_cannot_read_stops_the_render_instead_of_leaving_a_hole(tmp_path):
    static = tmp_path / "static"
    shutil.copytree(ROOT / "static" / "css", static / "css")
    shutil.copytree(ROOT / "static" / "fonts", static / "fonts")
    (static / "images").mkdir()
    (static / "images" / "logo.png").write_bytes(b"this is not a PNG")
    with pytest.raises(DocumentError, match="Failed to load image"):
        PdfRenderer(static_root=static).render(page_html('<img src="images/logo.png" alt="Logo"><p>Text</p>'))


def test_a_letter_to_the_council_is_addressed_to_the_leader(bundled_campaigns, make_letter, renderer):
    from advocacy.campaigns.sample import sample_context
    from advocacy.documents import council_leader_address

    campaign = bundled_campaigns.campaigns["bright-futures"]
    body = bundled_campaigns.render(campaign, "letter_council", sample_context(campaign, "letter_council"))
    letter = make_letter(recipient_name="The Leader", recipient_address=council_leader_address("Leeds City Council"),
                         salutation="Dear Leader", subject="Please table the Bright Futures motion at Full Council",
                         body=body)
    text = text_of(letter_pdf(letter, renderer))
    assert "The Leader\nLeeds City Council\n" in text
    assert "table the Bright Futures motion" in text
