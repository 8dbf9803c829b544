"""Did your MP reply?, whatever way the letter went: downloaded as a PDF, opened as an email draft or .eml,
marked "I've sent it", or sent for the resident. Asked once per letter, only with consent, after
ADVOCACY_FOLLOW_UP_DAYS; one-click answers recorded once; staff see reply rates per MP and per party."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from advocacy.actions.models import utcnow
from advocacy.db import db
from advocacy.letters import LetterDraft
from advocacy.sending import FollowUpResult, OutboxMessage, reply_rates, run_pass
from tests.conftest import StaffAccounts
from tests.test_letters import page_of
from tests.test_send_for_me_journey import ask_to_send, confirm_link, start_letter

RESIDENT = "sian@example.org"


def work(app, days_from_now: float = 0):
    with app.app_context():
        run_pass(utcnow() + timedelta(days=days_from_now))


def questions(server, to: str = RESIDENT) -> list:
    return [m for m in server.to(to) if m["Subject"].startswith("Did ")]


def reply_links(mail) -> dict[str, str]:
    body = mail.get_content()
    return {answer: re.search(rf"https://voice\.example(/send/reply/\S+answer={answer})", body).group(1)
            for answer in ("yes", "no", "not_yet")}


def take_letter(client, outputs: str, channel: str) -> None:
    """The resident takes the letter away by ``channel``, as the outputs page offers it."""
    letter = outputs.removesuffix("/send")
    if channel == "sent":
        assert client.post(letter + "/sent").status_code == 302
    else:
        assert client.get(f"{letter}/{channel}").status_code in (200, 302)


@pytest.mark.parametrize("channel", ["letter.pdf", "email", "letter.eml", "sent"])
def test_a_letter_the_resident_sent_themselves_is_followed_up_once_after_the_set_days(send_app, smtp_server,
                                                                                      channel):
    client = send_app.test_client()
    outputs = start_letter(client, consent_follow_up="y")
    take_letter(client, outputs, channel)
    take_letter(client, outputs, channel)  # a second download changes nothing
    work(send_app, days_from_now=13.9)
    assert questions(smtp_server) == []  # not before ADVOCACY_FOLLOW_UP_DAYS (14)
    work(send_app, days_from_now=14.1)
    work(send_app, days_from_now=15)
    work(send_app, days_from_now=30)
    [mail] = questions(smtp_server)
    assert mail["Subject"] == "Did Alex Sobel MP reply to your letter?"
    body = mail.get_content()
    assert "you wrote to Alex Sobel MP" in body and "we sent your letter" not in body
    assert set(reply_links(mail)) == {"yes", "no", "not_yet"}


def test_nobody_is_asked_without_ticking_the_box(send_app, smtp_server):
    client = send_app.test_client()
    take_letter(client, start_letter(client), "letter.pdf")
    work(send_app, days_from_now=20)
    assert questions(smtp_server) == []


def test_a_letter_only_previewed_is_never_followed_up(send_app, smtp_server):
    client = send_app.test_client()
    start_letter(client, consent_follow_up="y")  # never downloaded, emailed or marked sent
    work(send_app, days_from_now=20)
    assert questions(smtp_server) == []


def test_agreeing_without_an_email_address_says_how_to_fix_it(send_app):
    client = send_app.test_client()
    start_letter(client)
    page = page_of(client.post("/c/bright-futures/letter/mp", data={
        "name": "Siân O'Brien", "address": "1 Example Street\nLeeds", "postcode": "LS1 1UR", "asks": ["fund"],
        "personal": "My own words stay.", "consent_follow_up": "y"}))
    assert "Enter your email address so we can ask whether your MP replied, or untick the box" in page
    assert "My own words stay." in page  # nothing typed is lost


def test_the_question_is_offered_only_where_the_site_can_send_email(make_send_app):
    with_smtp = make_send_app().test_client()
    start_letter(with_smtp)
    assert "Ask me once, later, whether my MP replied" in page_of(with_smtp.get("/c/bright-futures/letter/mp"))
    without = make_send_app(ADVOCACY_SMTP_HOST="").test_client()
    start_letter(without)
    assert "whether my MP replied" not in page_of(without.get("/c/bright-futures/letter/mp"))


def test_a_letter_downloaded_and_then_sent_for_the_resident_is_asked_about_once(send_app, smtp_server):
    client = send_app.test_client()
    outputs = start_letter(client, consent_follow_up="y")
    take_letter(client, outputs, "letter.pdf")
    client.post(outputs + "-for-me", data={"email": RESIDENT, "follow_up": "y"})
    work(send_app)
    client.post(confirm_link(smtp_server))
    work(send_app)
    for days in (15, 16, 40):
        work(send_app, days_from_now=days)
    [mail] = questions(smtp_server)
    assert "we sent your letter to Alex Sobel MP for you" in mail.get_content()
    with send_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(FollowUpResult)) == 1


def test_send_it_for_me_asks_only_when_the_resident_agreed(send_app, smtp_server):
    client = send_app.test_client()
    outputs = start_letter(client)
    ask_to_send(client, outputs)  # the box left unticked
    work(send_app)
    client.post(confirm_link(smtp_server))
    work(send_app)
    work(send_app, days_from_now=20)
    assert questions(smtp_server) == []


def test_a_one_click_answer_is_recorded_once_and_can_be_changed(send_app, smtp_server):
    client = send_app.test_client()
    outputs = start_letter(client, consent_follow_up="y")
    take_letter(client, outputs, "letter.pdf")
    work(send_app, days_from_now=15)
    links = reply_links(questions(smtp_server)[0])
    assert "Confirm: Yes, my MP replied" in page_of(client.get(links["yes"]))  # a link scanner records nothing
    with send_app.app_context():
        assert db.session.scalar(db.select(FollowUpResult.answer)) is None
    for _ in range(3):
        assert "We have recorded your answer: Yes, my MP replied" in page_of(client.post(links["yes"]))
    with send_app.app_context():
        [result] = db.session.scalars(db.select(FollowUpResult)).all()
        assert (result.answer, result.mp_name, result.mp_party) == ("yes", "Alex Sobel MP", "Labour (Co-op)")
    client.post(links["not_yet"])
    with send_app.app_context():
        assert db.session.scalars(db.select(FollowUpResult.answer)).all() == ["not_yet"]


def test_the_answer_still_counts_after_the_residents_details_are_purged(send_app, smtp_server):
    from advocacy.privacy import purge_expired

    client = send_app.test_client()
    take_letter(client, start_letter(client, consent_follow_up="y"), "letter.pdf")
    work(send_app, days_from_now=15)
    links = reply_links(questions(smtp_server)[0])
    with send_app.app_context():
        purge_expired(1, now=utcnow() + timedelta(days=16))
        assert db.session.scalar(db.select(db.func.count()).select_from(LetterDraft)) == 0
        assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0
    assert "We have recorded your answer: No, no reply" in page_of(client.post(links["no"]))
    with send_app.app_context():
        [rate] = reply_rates("bright-futures", "mp")
    assert (rate.group, rate.asked, rate.no) == ("Alex Sobel MP", 1, 1)


def test_an_unknown_or_expired_reply_link_says_so(send_app, smtp_server):
    client = send_app.test_client()
    take_letter(client, start_letter(client, consent_follow_up="y"), "letter.pdf")
    work(send_app, days_from_now=15)
    links = reply_links(questions(smtp_server)[0])
    assert client.get("/send/reply/not-a-real-token?answer=yes").status_code == 404
    with send_app.app_context():
        db.session.execute(db.update(FollowUpResult).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert "This link has expired" in page_of(client.post(links["yes"]))
    with send_app.app_context():
        assert db.session.scalar(db.select(FollowUpResult.answer)) is None


# --- staff reply rates, from fixture answers ---

ANSWERED = [  # (MP, party, answer): the answers table as the follow-ups leave it
    ("Alex Sobel MP", "Labour (Co-op)", "yes"), ("Alex Sobel MP", "Labour (Co-op)", "yes"),
    ("Alex Sobel MP", "Labour (Co-op)", "no"), ("Alex Sobel MP", "Labour (Co-op)", None),
    ("Hilary Benn MP", "Labour", "no"), ("Hilary Benn MP", "Labour", "not_yet"),
    ("Jane Smith MP", "Conservative", "yes"), ("Jane Smith MP", None, "yes"),
]


@pytest.fixture
def answered_app(app):
    with app.app_context():
        now = utcnow()
        for number, (mp, party, answer) in enumerate(ANSWERED):
            db.session.add(FollowUpResult(key=f"k{number}", campaign="bright-futures", mp_name=mp, mp_party=party,
                                          asked_at=now, answer=answer, answered_at=now if answer else None))
        db.session.add(FollowUpResult(key="other", campaign="another-campaign", mp_name="Alex Sobel MP",
                                      mp_party="Labour (Co-op)", asked_at=now, answer="no"))
        db.session.commit()
    return app


def test_reply_rates_per_mp_and_per_party_count_each_letter_once(answered_app):
    with answered_app.app_context():
        by_mp = {r.group: (r.asked, r.answered, r.yes, r.reply_rate) for r in reply_rates("bright-futures", "mp")}
        by_party = {r.group: (r.asked, r.yes, r.reply_rate) for r in reply_rates("bright-futures", "party")}
    assert by_mp == {"Alex Sobel MP": (4, 3, 2, 2 / 3), "Hilary Benn MP": (2, 2, 0, 0.0),
                     "Jane Smith MP": (2, 2, 2, 1.0)}
    assert by_party == {"Labour (Co-op)": (4, 2, 2 / 3), "Labour": (2, 0, 0.0), "Conservative": (1, 1, 1.0),
                        "Party not known": (1, 1, 1.0)}


def test_staff_see_the_reply_rates_without_anything_about_residents(answered_app):
    client = answered_app.test_client()
    StaffAccounts(answered_app, client).sign_in("viewer")
    page = " ".join(re.sub(r"<[^>]+>", " ", page_of(client.get("/staff/c/bright-futures/replies"))).split())
    assert "Alex Sobel MP" in page and "67%" in page
    assert "Hilary Benn MP" in page and "Party not known" in page


def test_the_thank_you_page_says_what_happens_next_before_sharing(send_app):
    client = send_app.test_client()
    outputs = start_letter(client, consent_follow_up="y")
    page = page_of(client.get(client.post(outputs.removesuffix("/send") + "/sent").headers["Location"]))
    assert page.index("What happens next") < page.index("Ask others to join in")
    assert "Many MPs reply within a few weeks" in page
    assert f"In about 14 days we will email you once, at {RESIDENT}, to ask whether your MP replied" in page

    other = send_app.test_client()
    outputs = start_letter(other)  # did not agree
    page = page_of(other.get(other.post(outputs.removesuffix("/send") + "/sent").headers["Location"]))
    assert "What happens next" in page and "we will email you once" not in page
