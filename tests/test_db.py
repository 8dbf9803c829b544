from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from advocacy import create_app
from advocacy.actions import Place, record_action
from advocacy.actions.models import Action
from advocacy.db import db

from .conftest import base_config


def test_migrations_build_every_table_from_an_empty_database_and_back(tmp_path):
    app = create_app(base_config(tmp_path, tmp_path / "empty.sqlite3"))
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"actions", "supporters", "alembic_version"} <= tables
        # The models and the migrations agree: nothing left for autogenerate to find.
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert diff == []
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_action_records_hold_no_personal_data_columns():
    columns = {c.name for c in Action.__table__.columns}
    assert not columns & {"name", "email", "address", "postcode"}


def test_recording_the_same_submission_twice_counts_once(app):
    place = Place(constituency_code="E14001331", constituency_name="Leeds Central and Headingley",
                  council_code="E08000035", council_name="Leeds", region="Yorkshire and The Humber",
                  country="England")
    with app.app_context():
        first = record_action(campaign="bright-futures", kind="letter_mp", channel="pdf", place=place,
                              idempotency_key="submission-1:letter_mp:pdf")
        again = record_action(campaign="bright-futures", kind="letter_mp", channel="pdf", place=place,
                              idempotency_key="submission-1:letter_mp:pdf")
        other = record_action(campaign="bright-futures", kind="letter_mp", channel="eml", place=place,
                              idempotency_key="submission-1:letter_mp:eml")
        assert (first, again, other) == (True, False, True)
        assert db.session.scalar(db.select(db.func.count(Action.id))) == 2


def test_upgrading_marks_the_failed_emails_waiting_for_staff_that_may_have_arrived(tmp_path):
    import datetime as dt

    import sqlalchemy as sa

    app = create_app(base_config(tmp_path, tmp_path / "old.sqlite3"))
    with app.app_context():
        upgrade(revision="0014_phone")
        now = dt.datetime(2026, 12, 1, 9, 0)
        row = {"to_address": "mp@parliament.example", "to_name": "An MP", "from_address": "letters@campaign.example",
               "from_name": "", "subject": "Hello", "body": "Dear MP", "resident_email": "sian@example.org",
               "purpose": "letter", "campaign": "bright-futures", "attempts": 1, "scrub_after_send": False,
               "created_at": now, "updated_at": now}
        reasons = {"abandoned": ("failed", "The worker stopped while sending this email, so it may or may not "
                                           "have arrived. It was not sent again, to be sure the recipient never "
                                           "gets it twice."),
                   "refused": ("failed", "550 5.1.1 No such mailbox here"),
                   "sent": ("sent", None)}
        outbox = sa.table("outbox_messages", *(sa.column(name) for name in
                                               [*row, "public_id", "idempotency_key", "status", "last_error"]))
        with db.engine.begin() as connection:
            for key, (status, reason) in reasons.items():
                connection.execute(outbox.insert().values(**row, public_id=key, idempotency_key=key, status=status,
                                                          last_error=reason))
        upgrade()
        with db.engine.connect() as connection:
            marked = dict(connection.execute(sa.text("SELECT public_id, outcome_unknown FROM outbox_messages")).all())
        assert {key: bool(value) for key, value in marked.items()} == {"abandoned": True, "refused": False,
                                                                       "sent": False}
        db.engine.dispose()
