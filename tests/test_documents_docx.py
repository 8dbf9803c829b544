"""Word motions: real styles, numbered points that restart per section, properties, literal text."""

import io

import docx
import pytest

from advocacy.documents import Motion, motion_docx
from advocacy.campaigns.sample import sample_local

# Leeds's section 47 figure in the sample data set the bundled templates render with.
LEEDS_S47 = sample_local()["section47"]["latest_fmt"]


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def num_id(paragraph) -> int | None:
    properties = paragraph._p.pPr
    if properties is None or properties.numPr is None or properties.numPr.numId is None:
        return None
    return properties.numPr.numId.val


def start_of(document, numbering_id: int) -> int | None:
    num = document.part.numbering_part.element.num_having_numId(numbering_id)
    overrides = num.xpath("./w:lvlOverride/w:startOverride/@w:val")
    return int(overrides[0]) if overrides else None


@pytest.fixture
def document(motion):
    return open_docx(motion_docx(motion))


def test_the_motion_has_a_title_and_the_council_and_meeting(document):
    kind, meeting, title = document.paragraphs[:3]  # in the PDF's order
    assert (kind.style.name, kind.text) == ("Subtitle", "Notice of motion")
    assert "Leeds City Council" in meeting.text and "Full Council, 21\u00a0January 2027" in meeting.text
    assert (title.style.name, title.text) == ("Title", "Fully funded children\u2019s services (Bright Futures)")


def test_sections_are_headings_in_order(document):
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["This council notes", "This council believes", "This council resolves"]


def sections(document) -> dict[str, list]:
    result: dict[str, list] = {}
    current = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            current = result.setdefault(paragraph.text, [])
        elif current is not None:
            current.append(paragraph)
    return result


def test_numbered_points_use_list_number_and_restart_in_each_section(document):
    by_section = sections(document)
    ids = []
    for heading, expected in (("This council notes", 3), ("This council believes", 3),
                              ("This council resolves", 4)):
        points = [p for p in by_section[heading] if p.style.name == "List Number"]
        assert len(points) == expected, heading
        [numbering] = {num_id(p) for p in points}  # one list per section
        assert start_of(document, numbering) == 1
        ids.append(numbering)
    assert len(set(ids)) == 3  # a fresh count for every section
    notes = [p.text for p in by_section["This council notes"] if p.style.name == "List Number"]
    assert notes[0].startswith(f"That Leeds had {LEEDS_S47} section\u00a047 child protection enquiries in 2024/25")


def test_the_asks_are_bullets_under_the_second_resolution(document):
    resolves = sections(document)["This council resolves"]
    styles = [p.style.name for p in resolves]
    assert styles[:2] == ["List Number", "List Number"]
    bullets = [p.text for p in resolves if p.style.name == "List Bullet 2"]
    assert bullets[0].startswith("to fully fund children\u2019s services") and len(bullets) == 6
    assert all(b.startswith("to ") for b in bullets)  # actions, not nouns
    assert bullets[-2].endswith("; and") and bullets[-1].endswith(".")
    assert styles.index("List Bullet 2") == 2


def test_bold_text_is_a_bold_run_not_asterisks():
    document = open_docx(motion_docx(Motion(title="T", council="C", meeting="Full Council",
                                            body="Intro with **strong words** here.")))
    [paragraph] = [p for p in document.paragraphs if "strong words" in p.text]
    assert paragraph.style.name == "Normal" and "**" not in paragraph.text
    assert [run.text for run in paragraph.runs if run.bold] == ["strong words"]


def test_what_a_councillor_types_prints_literally(bundled_campaigns, motion):
    from advocacy.campaigns.sample import sample_context

    campaign = bundled_campaigns.campaigns["bright-futures"]
    context = sample_context(campaign, "motion")
    body = bundled_campaigns.render(campaign, "motion", context)
    document = open_docx(motion_docx(Motion(title="T", council="C", meeting="Full Council", body=body,
                                            proposer="Cllr *Sam* <b>Patel</b> [x](http://x) (Ward)")))
    assert "Proposed by: Cllr *Sam* <b>Patel</b> [x](http://x) (Ward)" in [p.text for p in document.paragraphs]


def test_document_properties_name_the_motion_and_its_proposer(document):
    properties = document.core_properties
    assert properties.title == "Fully funded children's services (Bright Futures)"
    assert properties.author == "Cllr Sam Patel"
    assert properties.subject == "Notice of motion, Leeds City Council, Full Council, 21 January 2027"
    assert properties.last_modified_by == "Cllr Sam Patel"
