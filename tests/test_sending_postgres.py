"""Sending on PostgreSQL: the migration, the claim that stops two workers sending one email twice, and
the follow-up aggregates (skipped when the server is absent)."""

import threading
from datetime import timedelta

import pytest

from advocacy.actions.models import utcnow
from advocacy.db import db
from advocacy.sending import OutboxMessage, deliver_message, reply_rates

from .conftest import base_config, smtp_settings, throwaway_postgres_app
from .test_sending import MP, ask, confirm_link, follow_up_links, letters_to_mp, work

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_sending_app(tmp_path, smtp_server):
    from flask_migrate import upgrade

    config = {**base_config(tmp_path, tmp_path / "unused.sqlite3"), **smtp_settings(smtp_server)}
    with throwaway_postgres_app(config, "sending_test") as app:
        with app.app_context():
            upgrade()
        yield app


def test_on_postgresql_racing_workers_send_a_letter_once_and_follow_ups_are_counted(pg_sending_app, smtp_server):
    app = pg_sending_app
    ask(app, follow_up_consent=True)  # the resident agreed to be asked whether the MP replied
    work(app)
    app.test_client().post(confirm_link(smtp_server))
    with app.app_context():
        letter_id = db.session.scalar(db.select(OutboxMessage.id).where(OutboxMessage.purpose == "letter"))
        db.session.execute(db.update(OutboxMessage).where(OutboxMessage.id == letter_id)
                           .values(next_attempt_at=utcnow() - timedelta(days=15)))
        db.session.commit()
    start = threading.Barrier(4)

    def worker():
        with app.app_context():
            start.wait()
            deliver_message(letter_id, utcnow() - timedelta(days=15))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(letters_to_mp(smtp_server)) == 1
    work(app)
    app.test_client().post(follow_up_links(smtp_server)["yes"])
    with app.app_context():
        [rate] = reply_rates("bright-futures", "party")
        assert (rate.group, rate.asked, rate.yes) == (MP.party, 1, 1)


def test_on_postgresql_a_worker_connection_killed_mid_batch_still_records_each_letter_sent_once(
        pg_sending_app, smtp_server, monkeypatch):
    import psycopg
    from sqlalchemy.exc import OperationalError

    from advocacy.actions.models import Action
    from advocacy.sending import queue, run_pass

    app = pg_sending_app
    residents = [f"resident{number}@example.org" for number in range(3)]
    for number, email in enumerate(residents):
        ask(app, key=f"draft-{number}", email=email)
    work(app)
    for email in residents:
        app.test_client().post(confirm_link(smtp_server, to=email))
    with app.app_context():
        database = db.engine.url.database
    real_send, accepted = queue.send_email, []

    def send_then_kill_the_workers_connection(*args, **kwargs):
        real_send(*args, **kwargs)
        accepted.append(kwargs["recipient"])
        if len(accepted) == 1:  # the server took the first letter; now the database connection dies
            with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                              "AND pid <> pg_backend_pid()", (database,))
    monkeypatch.setattr(queue, "send_email", send_then_kill_the_workers_connection)
    with app.app_context():
        with pytest.raises(OperationalError):
            run_pass()
        db.session.rollback()
    work(app, utcnow() + timedelta(hours=1))  # recovery: a pass long after the sending lease
    assert len(letters_to_mp(smtp_server)) == 3
    with app.app_context():
        statuses = db.session.scalars(db.select(OutboxMessage.status).where(OutboxMessage.purpose == "letter")).all()
        assert statuses == ["sent"] * 3
        assert db.session.scalar(db.select(db.func.count()).select_from(Action)
                                 .where(Action.channel == "confirmed")) == 3


def test_on_postgresql_racing_workers_ask_about_a_letter_the_resident_sent_once(pg_sending_app):
    from advocacy.letters import LetterDraft
    from advocacy.sending import FollowUpResult
    from advocacy.sending.followup import schedule_draft_follow_ups

    app = pg_sending_app
    with app.app_context():
        db.session.add(LetterDraft(
            campaign="bright-futures", kind="letter_mp", name="Siân O'Brien", address="1 Example Street\nLeeds",
            postcode="LS1 1UR", email="sian@example.org", asks=["fund"], subject="Children's services",
            lookup={"mp": {"name": "Alex Sobel", "party": "Labour", "member_id": 4658}},
            follow_up_consent=True, taken_at=utcnow() - timedelta(days=20)))
        db.session.commit()
    start = threading.Barrier(4)

    def worker():
        with app.app_context():
            start.wait()
            schedule_draft_follow_ups(utcnow())

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with app.app_context():
        asked = db.session.scalars(db.select(OutboxMessage.to_address).where(OutboxMessage.purpose == "follow_up"))
        assert list(asked) == ["sian@example.org"]
        assert db.session.scalar(db.select(db.func.count()).select_from(FollowUpResult)) == 1
