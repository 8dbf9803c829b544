"""Recording actions from many requests at once: nothing counted is lost and nothing is counted twice.

Runs on SQLite and, in the PostgreSQL pass of `make test`, on PostgreSQL.
"""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from advocacy.actions import Place, record_action
from advocacy.actions.models import Action
from advocacy.db import db
from advocacy.staff.models import ActionDayCount, ActionPlaceCount

LEEDS = Place(constituency_code="E14001331", constituency_name="Leeds Central and Headingley",
              council_code="E08000035", council_name="Leeds", region="Yorkshire and The Humber", country="England")


def _record(app, key):
    with app.app_context():
        try:
            return record_action(campaign="bright-futures", kind="letter_mp", channel="pdf", place=LEEDS,
                                 idempotency_key=key)
        finally:
            db.session.remove()


def test_a_double_submission_racing_itself_is_counted_once_and_every_other_letter_is_counted(app):
    keys = ["double-click"] * 12 + [f"letter-{n}" for n in range(30)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(lambda key: _record(app, key), keys))
    assert results.count(True) == 31  # one of the twelve identical submissions, and all thirty others
    assert results[:12].count(True) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count(Action.id))) == 31
        # The dashboard's running counts moved with every insert, and only then.
        assert db.session.scalar(select(func.sum(ActionDayCount.total))) == 31
        council = select(ActionPlaceCount.total).where(ActionPlaceCount.place_type == "council",
                                                       ActionPlaceCount.code == "E08000035")
        assert db.session.scalar(council) == 31


def test_a_repeated_submission_does_not_undo_the_supporter_saved_with_it(app):
    from advocacy.supporters.models import Supporter

    with app.app_context():
        assert record_action(campaign="bright-futures", kind="letter_mp", channel="pdf", place=LEEDS,
                             idempotency_key="submission-7")
        db.session.add(Supporter(campaign="bright-futures", name="Siân O'Brien", postcode="LS1 1UR"))
        again = record_action(campaign="bright-futures", kind="letter_mp", channel="pdf", place=LEEDS,
                              idempotency_key="submission-7")
        assert again is False
        assert db.session.scalar(select(func.count(Supporter.id))) == 1
        assert db.session.scalar(select(func.count(Action.id))) == 1
