"""The running counts' triggers and the staff queries on PostgreSQL (skipped when the server is absent)."""

import datetime as dt

import pytest
from sqlalchemy import select

from advocacy.actions import Place, record_action
from advocacy.actions.models import Action
from advocacy.db import db
from advocacy.staff import counts
from advocacy.staff.dashboard import Period, build_dashboard
from advocacy.staff.exports import actions_csv

from .conftest import base_config, throwaway_postgres_app

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_app(tmp_path):
    with throwaway_postgres_app(base_config(tmp_path, tmp_path / "unused.sqlite3"), "staff_test") as app:
        yield app


def test_counts_stay_exact_and_the_dashboard_and_export_work_on_postgresql(pg_app):
    from flask_migrate import downgrade, upgrade

    leeds = Place(constituency_code="E14001331", constituency_name="Leeds Central and Headingley",
                  council_code="E08000035", council_name="Leeds", authority_code="E08000035", authority_name="Leeds",
                  region="Yorkshire and The Humber", country="England")
    with pg_app.app_context():
        upgrade()
        for channel in ("pdf", "eml", "pdf"):
            record_action(campaign="bright-futures", kind="letter_mp", channel=channel, place=leeds)
        record_action(campaign="bright-futures", kind="motion", channel="pdf", place=Place(council_code="E08000035"))
        first = db.session.scalars(select(Action).order_by(Action.id)).first()
        first.channel = "sent"
        db.session.commit()
        period = Period(dt.date.today() - dt.timedelta(days=1), dt.date.today())
        board = build_dashboard("bright-futures", period, constituencies=[("E14001331", "Leeds")],
                                authorities=[("E08000035", "Leeds")])
        assert board.letters == {("letter_mp", "sent"): 1, ("letter_mp", "pdf"): 1, ("letter_mp", "eml"): 1}
        assert board.motions_downloaded == 1
        assert board.constituency_coverage.reached == 1
        assert [(p.name, p.total) for p in board.top_councils] == [("Leeds", 4)]
        assert counts.rebuild_counts() == 4
        again = build_dashboard("bright-futures", period, constituencies=[], authorities=[])
        assert again.letters == board.letters
        assert "".join(actions_csv("bright-futures", period)).count("\n") == 5
        db.session.rollback()  # end the export's read transaction (a request's teardown does this)
        downgrade(revision="base")
