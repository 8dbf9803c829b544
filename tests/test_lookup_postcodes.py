"""Postcode input: any case and spacing is accepted; each kind of mistake gets its own message."""

import pytest

from advocacy.lookup import PostcodeProblem, normalise_postcode
from advocacy.lookup.councils import Area, children_services_authority
from advocacy.lookup.members import choose_email, fold


@pytest.mark.parametrize("typed, expected", [
    ("sw1a1aa", "SW1A 1AA"),
    ("  ls1   1ur ", "LS1 1UR"),
    ("M1 1AD", "M1 1AD"),
    ("br6\t7nz", "BR6 7NZ"),
    ("ts225bf", "TS22 5BF"),
    ("ec1a 1bb", "EC1A 1BB"),
])
def test_any_case_and_spacing_becomes_the_standard_form(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize("typed, slug, words", [
    ("", "empty", "Enter your postcode"),
    ("   ", "empty", "Enter your postcode"),
    (None, "empty", "Enter your postcode"),
    ("hello", "not_a_postcode", "Enter a full UK postcode, like LS1 1UR"),
    ("12345", "not_a_postcode", "Enter a full UK postcode"),
    ("LS1 1U", "not_a_postcode", "Enter a full UK postcode"),
    ("SW1A", "outward_code_only", "Enter your full postcode: SW1A is only the first half"),
    ("ls1", "outward_code_only", "LS1 is only the first half"),
    ("BFPO 123", "bfpo", "BFPO addresses have no MP or council"),
    ("BF1 2AA", "bfpo", "home address in the UK"),
])
def test_each_kind_of_mistake_gets_a_message_saying_how_to_fix_it(typed, slug, words):
    with pytest.raises(PostcodeProblem) as problem:
        normalise_postcode(typed)
    assert problem.value.slug == slug
    assert problem.value.status == 400
    assert words in problem.value.message


def test_constituency_names_match_regardless_of_case_accents_and_spacing():
    assert fold("Ynys Môn") == fold("YNYS  MON") == "ynys mon"
    assert fold("Inverness, Skye and West Ross-shire") == "inverness, skye and west ross-shire"


def test_the_parliamentary_email_address_is_preferred():
    assert choose_email(["office@example.org", "jo.bloggs.mp@parliament.uk"]) == "jo.bloggs.mp@parliament.uk"
    assert choose_email(["office@example.org", "boxj@parliament.uk"]) == "boxj@parliament.uk"
    assert choose_email(["contact@lucypowell.org.uk"]) == "contact@lucypowell.org.uk"
    assert choose_email([None, ""]) is None


def test_childrens_services_are_the_county_for_an_english_district_and_the_council_otherwise():
    district, county = Area("Sevenoaks", "E07000111"), Area("Kent", "E10000016")
    assert children_services_authority("England", district, county) == county
    leeds = Area("Leeds", "E08000035")
    assert children_services_authority("England", leeds, None) == leeds
    cardiff = Area("Cardiff", "W06000015")
    assert children_services_authority("Wales", cardiff, None) == cardiff
    # Northern Ireland's children's social care is run by health trusts, not councils
    assert children_services_authority("Northern Ireland", Area("Belfast", "N09000003"), None) is None
