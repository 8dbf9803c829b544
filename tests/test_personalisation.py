"""Guided personalisation: each letter's subject line and opening are drawn at random from the campaign's
lists and recorded (fixed seed in tests); staff see the share of letters in the writers' own words."""

import random
from html import unescape

from advocacy.campaigns.loader import TemplateSource
from advocacy.campaigns.variants import LetterVariant, choose_variant, fill
from advocacy.personalisation import personalised_share, record_letter_choice

TEMPLATE = TemplateSource(kind="letter_mp", source="", filename="letter_mp.md",
                          subjects=("Children's services in {area} need your support", "Please back Bright Futures",
                                    "A constituent asking about children's services"),
                          openings=("I live in {constituency} and I am writing about children's services.",
                                    "As one of your constituents in {constituency}, I want to raise something."))


def test_subjects_and_openings_are_drawn_from_the_campaigns_lists_with_a_fixed_seed():
    first = [choose_variant(TEMPLATE, random.Random(7)) for _ in range(3)]
    assert first[0] == first[1] == first[2]  # the same seed, the same draw
    draws = [choose_variant(TEMPLATE, rng) for rng in [random.Random(7)] for _ in range(300)]
    assert {d.subject_index for d in draws} == {0, 1, 2}  # every subject is used
    assert {d.opening_index for d in draws} == {0, 1}
    counts = [sum(d.subject_index == i for d in draws) for i in range(3)]
    assert min(counts) > 60  # roughly even: no subject line dominates an MP's inbox


def test_the_chosen_subject_and_opening_fill_in_the_place():
    variant = LetterVariant(subject_index=0, opening_index=1)
    assert variant.subject(TEMPLATE, area="Leeds") == "Children's services in Leeds need your support"
    assert variant.opening(TEMPLATE, constituency="Leeds Central and Headingley") == (
        "As one of your constituents in Leeds Central and Headingley, I want to raise something.")
    assert fill("{unknown} stays", area="x") == "{unknown} stays"


def test_a_campaign_without_openings_gets_none_and_a_stale_index_is_redrawn():
    plain = TemplateSource(kind="letter_mp", source="", filename="x", subjects=("One subject",))
    variant = choose_variant(plain, random.Random(1))
    assert variant == LetterVariant(0, None) and variant.opening(plain) == ""
    # a draft kept from before staff removed a subject line gets one that exists
    redrawn = LetterVariant.from_dict({"subject_index": 5, "opening_index": 0}, plain)
    assert redrawn.subject_index == 0 and redrawn.opening_index is None
    kept = LetterVariant.from_dict({"subject_index": 2, "opening_index": 1}, TEMPLATE)
    assert kept == LetterVariant(2, 1)


def test_each_letter_is_recorded_once_with_its_choices_fixed_once_produced(app):
    from advocacy.db import db
    from advocacy.personalisation import mark_produced
    from advocacy.personalisation.models import LetterChoice

    with app.app_context():
        assert record_letter_choice(letter_key="a", campaign="bright-futures", kind="letter_mp", subject_index=2,
                                    opening_index=0, asks=3, personalised=False, produced=False)
        assert personalised_share("bright-futures").letters == 0  # a draft nobody took away is not counted
        assert record_letter_choice(letter_key="a", campaign="bright-futures", kind="letter_mp", subject_index=2,
                                    opening_index=0, asks=3, personalised=True, produced=False)  # Change
        assert mark_produced("a") and not mark_produced("a")
        assert not record_letter_choice(letter_key="a", campaign="bright-futures", kind="letter_mp",
                                        subject_index=1, opening_index=1, asks=1, personalised=False)
        row = db.session.scalars(db.select(LetterChoice)).one()
        assert (row.subject_index, row.opening_index, row.asks, row.personalised) == (2, 0, 3, True)
        assert personalised_share("bright-futures").personalised == 1


def test_staff_see_the_share_of_personalised_letters_per_campaign(app, client, staff):
    with app.app_context():
        for number in range(4):
            record_letter_choice(letter_key=f"k{number}", campaign="bright-futures", kind="letter_mp",
                                 subject_index=0, opening_index=None, asks=2, personalised=number == 0)
        record_letter_choice(letter_key="other", campaign="another-campaign", kind="letter_mp", subject_index=0,
                             opening_index=None, asks=2, personalised=True)
        share = personalised_share("bright-futures")
    assert (share.letters, share.personalised, share.percent) == (4, 1, 25)
    staff.sign_in("viewer")
    page = unescape(client.get("/staff/c/bright-futures/").get_data(as_text=True))
    assert "Letters in residents' own words" in page
    assert "<dt>With the writer's own words</dt><dd>1 (25%)</dd>" in page


def test_the_dashboard_says_when_no_letters_are_written_yet(client, staff):
    staff.sign_in("viewer")
    page = unescape(client.get("/staff/c/bright-futures/").get_data(as_text=True))
    assert "No letters written in this period yet." in page
