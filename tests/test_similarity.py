"""The similarity meter: identical letters score high, personalised ones lower; greeting and sign-off do
not count; only hashes are kept, and they are purged with personal data. It warns, never blocks."""

import datetime as dt
import random

import pytest

from advocacy.db import db
from advocacy.similarity import compare_with_sent, recipient_key, remember_sent
from advocacy.similarity.fingerprint import comparable_body, fingerprint, similarity

KEY = b"k" * 32
TEMPLATE = """Dear Alex Sobel,

I am writing to you as a constituent in Leeds Central and Headingley to ask you to speak up for children's
services, which are under more pressure than at any time I can remember.

In Leeds, the number of section 47 child protection enquiries rose from 1,748 in 2015/16 to 3,097 in 2024/25.
Behind every one of these numbers is a child, and a family who needed someone to step in.

I am asking you to support the Bright Futures call and to press the Government to fully fund children's
services and to bring back the Early Intervention Grant in full.

{personal}
Children in Leeds deserve the best start we can give them. Please let me know what you will do.

Yours sincerely,

{name}
"""
PERSONAL = ("As a foster carer for eleven years I have watched three of the children I looked after wait months "
            "for a social worker to visit, and my own son's school lost its family support worker last spring. "
            "Our children's centre on Kirkstall Road closed, and the parents I used to meet there now have "
            "nowhere to go when things get hard at home.")


def letter(name="Siân O'Brien", personal=""):
    return TEMPLATE.format(name=name, personal=personal + "\n" if personal else "")


def test_identical_letters_score_high_whoever_signs_them():
    assert similarity(fingerprint(letter("Ann"), KEY), fingerprint(letter("Bob Jones"), KEY)) == 1.0


def test_a_personalised_letter_scores_lower_than_the_template():
    template = fingerprint(letter("Ann"), KEY)
    personalised = fingerprint(letter("Bob", PERSONAL), KEY)
    assert similarity(template, personalised) < 0.7
    assert similarity(template, personalised) > 0.2  # still the same campaign letter


def test_greeting_and_sign_off_are_not_compared():
    body = comparable_body(letter("Ann Example"))
    assert not body.startswith("Dear") and "Ann Example" not in body and "Yours sincerely" not in body
    assert body.startswith("I am writing to you") and body.endswith("what you will do.")


def test_different_letters_score_near_zero_and_the_score_is_symmetric():
    other = fingerprint("Dear Sir, " + " ".join(f"word{i}" for i in range(300)) + "\nYours, Me", KEY)
    mine = fingerprint(letter(), KEY)
    assert similarity(mine, other) == similarity(other, mine) == 0.0


def test_the_sketch_estimate_stays_close_to_the_exact_share_for_long_letters():
    rng = random.Random(14)  # fixed seed: the same "long letters" every run
    vocabulary = [f"w{i}" for i in range(400)]
    base = [rng.choice(vocabulary) for _ in range(900)]
    changed = base[:600] + [rng.choice(vocabulary) for _ in range(300)]
    exact_a = {" ".join(base[i:i + 5]) for i in range(len(base) - 4)}
    exact_b = {" ".join(changed[i:i + 5]) for i in range(len(changed) - 4)}
    exact = len(exact_a & exact_b) / len(exact_a | exact_b)
    estimate = similarity(fingerprint(" ".join(base), KEY), fingerprint(" ".join(changed), KEY))
    assert abs(estimate - exact) < 0.12, (estimate, exact)


def test_the_meter_compares_with_letters_already_sent_to_the_same_mp_only(app):
    sobel, other_mp = recipient_key(mp_member_id=4658), recipient_key(mp_member_id=4780)
    with app.app_context():
        first = compare_with_sent("bright-futures", sobel, letter("Ann"), recipient_name="Alex Sobel")
        assert first.compared == 0 and not first.warn and "first letter" in first.message
        for number in range(3):
            remember_sent("bright-futures", sobel, letter(f"Writer {number}"), letter_key=f"letter-{number}")
        remember_sent("bright-futures", other_mp, letter("Elsewhere", PERSONAL), letter_key="letter-x")
        same = compare_with_sent("bright-futures", sobel, letter("Ann"), recipient_name="Alex Sobel")
        own_words = compare_with_sent("bright-futures", sobel, letter("Ann", PERSONAL), recipient_name="Alex Sobel")
        elsewhere = compare_with_sent("bright-futures", other_mp, letter("Ann"), recipient_name="Laura Trott")
    assert same.compared == 3 and same.very_close == 3 and same.percent == 100 and same.warn
    assert "100% the same as 3 other letters already sent to Alex Sobel" in same.message
    assert "adding a sentence or two" in same.message
    assert own_words.closest < same.closest and not own_words.warn
    assert "it reads as your own" in own_words.message
    assert elsewhere.compared == 1 and elsewhere.closest < 0.7


def test_the_meter_reads_only_the_most_recent_letters_to_an_mp(app, monkeypatch):
    from advocacy.similarity import service

    monkeypatch.setattr(service, "COMPARE_LIMIT", 3)
    sobel = recipient_key(mp_member_id=4658)
    with app.app_context():
        remember_sent("bright-futures", sobel, letter("Oldest", PERSONAL), letter_key="old")
        for number in range(3):  # the same letter three times, after the personalised one
            remember_sent("bright-futures", sobel, letter(f"Writer {number}"), letter_key=f"letter-{number}")
        report = compare_with_sent("bright-futures", sobel, letter("Ann", PERSONAL), recipient_name="Alex Sobel")
    assert report.compared == 3 and report.very_close == 0  # the personalised twin is past the last three


def test_only_hashes_are_kept_and_each_letter_once(app):
    from advocacy.similarity.models import LetterFingerprint

    with app.app_context():
        assert remember_sent("bright-futures", "mp:1", letter("Siân", PERSONAL), letter_key="abc")
        assert not remember_sent("bright-futures", "mp:1", letter("Siân", PERSONAL), letter_key="abc")
        row = db.session.scalars(db.select(LetterFingerprint)).one()
        stored = b"".join(str(getattr(row, c.key)).encode() if not isinstance(getattr(row, c.key), bytes)
                          else getattr(row, c.key) for c in LetterFingerprint.__table__.columns)
    for text in ("Siân", "foster", "Kirkstall", "children"):
        assert text.encode() not in stored


def test_fingerprints_are_purged_with_personal_data(app):
    from advocacy.privacy import purge_expired
    from advocacy.similarity.models import LetterFingerprint

    with app.app_context():
        remember_sent("bright-futures", "mp:1", letter(), letter_key="old")
        remember_sent("bright-futures", "mp:1", letter(), letter_key="new")
        db.session.execute(db.update(LetterFingerprint).where(LetterFingerprint.letter_key == "old")
                           .values(created_at=dt.datetime(2020, 1, 1)))
        db.session.commit()
        assert purge_expired(90)["letter_fingerprints"] == 1


@pytest.mark.parametrize("kwargs, key", [({"mp_member_id": 4658}, "mp:4658"),
                                         ({"council_code": "E08000035"}, "council:E08000035")])
def test_recipients_are_keyed_by_public_ids(kwargs, key):
    assert recipient_key(**kwargs) == key
