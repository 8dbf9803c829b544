"""Letters MPs read, in the letter journey: a random subject and opening from the campaign's lists,
recorded (fixed seed in tests); prompts for the writer's own words; the similarity meter before the final
step (warns, never blocks); the personalised share for staff; and no letter to a former MP while
Parliament is dissolved, on every letter page."""

from __future__ import annotations

import datetime as dt
import random
import re
from html import unescape

import pytest

from advocacy.campaigns import get_campaign
from advocacy.db import db
from advocacy.letters import LetterDraft, letter_for
from advocacy.letters.service import Answers, letter_key, save_draft
from advocacy.personalisation import choice_for, personalised_share

CAMPAIGN = "/c/bright-futures"
PERSONAL = ("I am a foster carer in Headingley. Two of the children I have looked after waited months for a "
            "social worker, and the family centre on our road closed last year, so parents have nowhere to go.")
LEEDS = {"postcode": "LS1 1UR", "country": "England", "region": "Yorkshire and The Humber",
         "constituency": {"name": "Leeds Central and Headingley", "code": "E14001319"},
         "mp": {"name": "Alex Sobel", "party": "Labour (Co-op)", "email": "alex.sobel.mp@parliament.uk",
                "member_id": 4658},
         "council": {"name": "Leeds", "code": "E08000035"}, "authority": {"name": "Leeds", "code": "E08000035"}}


def page_of(response) -> str:
    return unescape(response.get_data(as_text=True)).replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def letters_app(lookup_app):
    from tests.fixture_figures import load_fixture_figures

    with lookup_app.app_context():
        load_fixture_figures()
    return lookup_app


def draft_for(client, to="mp", personal="", postcode="LS1 1UR"):
    assert client.post(CAMPAIGN, data={"postcode": postcode}).status_code == 302
    response = client.post(f"{CAMPAIGN}/letter/{to}", data={
        "name": "Siân O'Brien", "address": "1 Example Street\nLeeds", "postcode": postcode,
        "email": "", "asks": ["fund", "early-intervention"], "personal": personal})
    assert response.status_code == 302, page_of(response)
    return response.headers["Location"]


def save(app, personal="", seed=None, lookup=LEEDS):
    campaign = get_campaign("bright-futures")
    answers = Answers(name="Ann Writer", address_lines=["2 Example Street", "Leeds"], postcode="LS1 1UR",
                      asks=["fund"], personal=personal)
    return save_draft(campaign, "letter_mp", answers, dict(lookup),
                      rng=random.Random(seed) if seed is not None else None)


def test_each_letter_gets_a_subject_and_opening_from_the_campaigns_lists_recorded_with_a_fixed_seed(letters_app):
    expected = random.Random(2026)
    with letters_app.test_request_context():
        template = get_campaign("bright-futures").templates["letter_mp"]
        subject_index = expected.randrange(len(template.subjects))
        opening_index = expected.randrange(len(template.openings))
        draft = save(letters_app, seed=2026)
        choice = choice_for(letter_key(draft))
        body = letter_for(draft).body
    assert (choice.subject_index, choice.opening_index) == (subject_index, opening_index)
    assert draft.subject == template.subjects[subject_index].replace("{area}", "Leeds")
    opening = template.openings[opening_index].replace("{constituency}", "Leeds Central and Headingley")
    assert body.replace("\\", "").startswith(opening)  # the body is Markdown, its punctuation escaped


def test_over_many_letters_every_subject_and_opening_is_used(letters_app):
    rng = random.Random(14)
    with letters_app.test_request_context():
        campaign = get_campaign("bright-futures")
        campaign_answers = Answers(name="A", address_lines=["1 Street"], postcode="LS1 1UR", asks=["fund"])
        drafts = [save_draft(campaign, "letter_mp", campaign_answers, dict(LEEDS), rng=rng) for _ in range(40)]
        choices = [choice_for(letter_key(d)) for d in drafts]
    assert {c.subject_index for c in choices} == {0, 1, 2}
    assert {c.opening_index for c in choices} == {0, 1, 2}
    assert len({d.subject for d in drafts}) == 3


def test_change_keeps_the_letters_subject_and_opening(letters_app):
    client = letters_app.test_client()
    preview = draft_for(client)
    draft_id = preview.rsplit("/", 1)[-1]
    with letters_app.app_context():
        before = db.session.scalar(db.select(LetterDraft).where(LetterDraft.public_id == draft_id))
        subject, choice = before.subject, choice_for(letter_key(before))
        indexes = (choice.subject_index, choice.opening_index)
    client.post(f"{preview}/change", data={"name": "Siân O'Brien", "address": "1 Example Street\nLeeds",
                                           "postcode": "LS1 1UR", "asks": ["fund"], "personal": PERSONAL})
    with letters_app.app_context():
        after = db.session.scalar(db.select(LetterDraft).where(LetterDraft.public_id == draft_id))
        choice = choice_for(letter_key(after))
        assert after.subject == subject and (choice.subject_index, choice.opening_index) == indexes
        assert choice.personalised


def test_a_draft_saved_before_drafts_held_their_opening_keeps_the_opening_it_was_given(letters_app):
    with letters_app.test_request_context():
        template = get_campaign("bright-futures").templates["letter_mp"]
        draft = save(letters_app, seed=7)
        choice = choice_for(letter_key(draft))
        expected = letter_for(draft).body
        draft.subject_index = draft.opening_index = None  # as saved before migration 0021
        db.session.commit()
        old = db.session.get(LetterDraft, draft.id)
        assert letter_for(old).body == expected  # read from the letter's recorded choices
    opening = template.openings[choice.opening_index].replace("{constituency}", "Leeds Central and Headingley")
    assert expected.replace("\\", "").startswith(opening)


def test_the_form_prompts_for_the_writers_own_experience(letters_app):
    client = letters_app.test_client()
    client.post(CAMPAIGN, data={"postcode": "LS1 1UR"})
    page = page_of(client.get(f"{CAMPAIGN}/letter/mp"))
    assert "Your own experience" in page
    assert "Are you a parent, grandparent or carer?" in page and "foster carer" in page
    assert "work in a school" in page
    assert "your letter reads well with or without it" in page


def test_the_letter_reads_naturally_with_or_without_personal_words(letters_app):
    with letters_app.test_request_context():
        plain = letter_for(save(letters_app, seed=1)).body
        personal = letter_for(save(letters_app, personal=PERSONAL, seed=1)).body
    for body in (plain, personal):
        assert "\n\n\n" not in body and "None" not in body and "{" not in body
    assert "foster carer" not in plain
    paragraphs = [p for p in personal.split("\n\n") if p.strip()]
    position = next(i for i, p in enumerate(paragraphs) if p.startswith("I am a foster carer"))
    assert 0 < position < len(paragraphs) - 1  # after the asks, before the closing paragraph
    assert paragraphs[:position] + paragraphs[position + 1:] == [p for p in plain.split("\n\n") if p.strip()]


def meter(page: str) -> str:
    match = re.search(r'<section aria-labelledby="similarity-heading".*?</section>', page, re.S)
    assert match, "the preview shows the similarity meter"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0)))


def test_the_similarity_meter_warns_about_a_near_identical_letter_and_never_blocks(letters_app):
    first = letters_app.test_client()
    url = draft_for(first)
    assert "Yours is the first letter from this campaign to Alex Sobel" in meter(page_of(first.get(url)))
    assert first.get(f"{url}/letter.pdf").status_code == 200  # the letter leaves the app: it is remembered

    second = letters_app.test_client()
    url = draft_for(second)
    shown = meter(page_of(second.get(url)))
    assert re.search(r"Your letter is (9\d|100)% the same as another letter already sent to Alex Sobel", shown)
    assert "Add a sentence of your own" in shown and "your letter still counts" in shown
    assert second.get(f"{url}/send").status_code == 200  # warned, not blocked
    assert second.get(f"{url}/letter.pdf").status_code == 200

    third = letters_app.test_client()
    url = draft_for(third, personal=PERSONAL)
    shown = meter(page_of(third.get(url)))
    assert "Add a sentence of your own" not in shown  # two sentences of one's own are enough
    closest = int(re.search(r"Your letter is at most (\d+)% the same as the 2 already sent to Alex Sobel", shown)
                  .group(1))
    assert closest < 90


def test_the_similarity_meter_compares_only_with_letters_to_the_same_mp(letters_app):
    leeds = letters_app.test_client()
    url = draft_for(leeds)
    leeds.get(f"{url}/letter.pdf")
    sevenoaks = letters_app.test_client()
    url = draft_for(sevenoaks, postcode="BR6 7NZ")
    assert "Yours is the first letter from this campaign to Laura Trott" in meter(page_of(sevenoaks.get(url)))


def test_staff_see_the_share_of_letters_in_the_writers_own_words(letters_app):
    for personal in ("", "", PERSONAL):
        client = letters_app.test_client()
        client.get(f"{draft_for(client, personal=personal)}/letter.txt")
    unfinished = letters_app.test_client()
    draft_for(unfinished, personal=PERSONAL)  # never taken away: not counted
    with letters_app.app_context():
        share = personalised_share("bright-futures")
    assert (share.letters, share.personalised, share.percent) == (3, 1, 33)


# --- dissolution on every letter journey ---

def dissolve(app, days_ago=1):
    app.config["ADVOCACY_DISSOLUTION_FROM"] = dt.date.today() - dt.timedelta(days=days_ago)


def test_while_dissolved_the_mp_letter_form_refuses_and_says_why(letters_app):
    dissolve(letters_app)
    client = letters_app.test_client()
    client.post(CAMPAIGN, data={"postcode": "LS1 1UR"})
    you = page_of(client.get(f"{CAMPAIGN}/you"))
    assert "Write to your MP" not in you and "Write to your council" in you
    response = client.get(f"{CAMPAIGN}/letter/mp")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{CAMPAIGN}/you")
    page = page_of(client.get(response.headers["Location"]))
    assert "Parliament has been dissolved" in page and "has not been addressed to your former MP" in page
    posted = client.post(f"{CAMPAIGN}/letter/mp", data={"name": "A", "address": "1 Street", "postcode": "LS1 1UR",
                                                         "asks": ["fund"]})
    assert posted.status_code == 200 and "has not been addressed to your former MP" in page_of(posted)
    with letters_app.app_context():
        assert db.session.scalar(db.select(db.func.count(LetterDraft.id))) == 0  # nothing made for the former MP


@pytest.mark.parametrize("page", ["", "/send", "/letter.pdf", "/letter.txt", "/letter.eml", "/email", "/change"])
def test_a_letter_written_to_the_mp_before_dissolution_is_never_produced_after(letters_app, page):
    client = letters_app.test_client()
    url = draft_for(client)
    dissolve(letters_app)
    response = client.get(url + page)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{CAMPAIGN}/you")
    assert "has not been addressed to your former MP" in page_of(client.get(response.headers["Location"]))


def test_council_letters_go_ahead_while_parliament_is_dissolved(letters_app):
    dissolve(letters_app)
    client = letters_app.test_client()
    url = draft_for(client, to="council")
    assert client.get(f"{url}/letter.pdf").status_code == 200


def test_a_council_letter_from_a_split_postcode_goes_to_the_council_of_the_address_picked(letters_app):
    client = letters_app.test_client()
    client.post(CAMPAIGN, data={"postcode": "BR6 7ZZ"})
    page = page_of(client.get(f"{CAMPAIGN}/you/address"))
    value = page.split("4 Knockholt Road")[0].rsplit('value="', 1)[1].split('"', 1)[0]
    client.post(f"{CAMPAIGN}/you/address", data={"address": value})
    form = page_of(client.get(f"{CAMPAIGN}/letter/council"))
    assert "Your letter is to the Leader of the London Borough of Bromley" in form


# --- data freshness in the letter journey ---

def test_the_letter_form_says_where_the_mp_details_came_from_and_how_recent(letters_app):
    client = letters_app.test_client()
    client.post(CAMPAIGN, data={"postcode": "LS1 1UR"})
    page = page_of(client.get(f"{CAMPAIGN}/letter/mp"))
    assert "Your letter is to Alex Sobel" in page
    assert "MP details from the UK Parliament, checked today." in page
    assert "Postcode details from postcodes.io, checked today." in page


def test_a_draft_older_than_the_mp_cache_time_is_readdressed_when_the_mp_changed(letters_app, fake_apis,
                                                                                 monkeypatch):
    import copy

    client = letters_app.test_client()
    url = draft_for(client)
    draft_id = url.rsplit("/", 1)[-1]
    seats = copy.deepcopy(fake_apis.seats)
    seats[0]["value"]["currentRepresentation"]["member"]["value"].update(id=9002, nameDisplayAs="Jo Newmember")
    monkeypatch.setattr(fake_apis, "seats", seats)
    monkeypatch.setitem(fake_apis.contacts, 9002, {"value": []})
    letters_app.config["ADVOCACY_MP_CACHE_SECONDS"] = 0.5
    clients = letters_app.extensions["advocacy.lookup"]
    with letters_app.app_context():
        old = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(days=2)
        db.session.execute(db.update(LetterDraft).where(LetterDraft.public_id == draft_id).values(updated_at=old))
        db.session.commit()
    clients.members.session.cache.clear()
    clients.members.forget_memo()
    page = page_of(client.get(url))
    assert "Your MP has changed since you wrote this letter: it is now addressed to Jo Newmember" in page
    assert "Dear Jo Newmember" in page and "Dear Alex Sobel" not in page


def test_the_council_letter_from_a_split_postcode_links_the_picked_councils_website(letters_app):
    client = letters_app.test_client()
    client.post(CAMPAIGN, data={"postcode": "BR6 7ZZ"})
    page = page_of(client.get(f"{CAMPAIGN}/you/address"))
    value = page.split("4 Knockholt Road")[0].rsplit('value="', 1)[1].split('"', 1)[0]
    client.post(f"{CAMPAIGN}/you/address", data={"address": value})
    response = client.post(f"{CAMPAIGN}/letter/council", data={
        "name": "Siân O'Brien", "address": "4 Knockholt Road\nOrpington", "postcode": "BR6 7ZZ",
        "asks": ["fund"], "personal": ""})
    assert response.status_code == 302, page_of(response)
    url = response.headers["Location"]
    outputs = page_of(client.get(url + "/send"))
    assert '<a href="https://www.bromley.gov.uk/" id="council-website">' in outputs
    assert "sevenoaks.gov.uk" not in outputs and "kent.gov.uk" not in outputs
