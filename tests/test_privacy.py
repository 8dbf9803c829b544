import logging
from datetime import datetime, timedelta

from advocacy.actions import Place, record_action
from advocacy.actions.models import Action
from advocacy.db import db
from advocacy.logs import RedactPersonalData
from advocacy.privacy import erase_person, export_person, purge_expired
from advocacy.supporters import Supporter

NOW = datetime(2026, 11, 23, 12, 0)


def add_supporter(name: str, email: str, days_ago: int) -> None:
    db.session.add(Supporter(campaign="bright-futures", name=name, address="1 Example Street, Leeds",
                             postcode="LS1 1UR", email=email, created_at=NOW - timedelta(days=days_ago)))
    db.session.commit()


def test_purge_deletes_personal_data_past_retention_and_keeps_every_count(app):
    with app.app_context():
        add_supporter("Old Writer", "old@example.org", days_ago=91)
        add_supporter("New Writer", "new@example.org", days_ago=89)
        record_action(campaign="bright-futures", kind="letter_mp", channel="pdf", place=Place(country="England"))
        deleted = purge_expired(90, now=NOW)
        assert deleted["supporters"] == 1 and sum(deleted.values()) == 1  # other tables: nothing to purge
        assert [s.name for s in db.session.scalars(db.select(Supporter))] == ["New Writer"]
        assert db.session.scalar(db.select(db.func.count(Action.id))) == 1


def test_a_dry_run_counts_without_deleting(app):
    with app.app_context():
        add_supporter("Old Writer", "old@example.org", days_ago=200)
        counted = purge_expired(90, now=NOW, dry_run=True)
        assert counted["supporters"] == 1 and sum(counted.values()) == 1
        assert db.session.scalar(db.select(db.func.count(Supporter.id))) == 1


def test_one_persons_data_can_be_exported_and_erased_by_email_in_any_case(app):
    with app.app_context():
        add_supporter("Siân Jones", "Sian@Example.org", days_ago=1)
        add_supporter("Someone Else", "else@example.org", days_ago=1)
        exported = export_person("sian@example.org")
        assert [row["name"] for row in exported["supporters"]] == ["Siân Jones"]
        erased = erase_person(" SIAN@example.org ")
        assert erased["supporters"] == 1 and sum(erased.values()) == 1
        assert not any(export_person("sian@example.org").values())
        assert db.session.scalar(db.select(db.func.count(Supporter.id))) == 1


def test_the_purge_command_reports_what_it_deleted(app, runner):
    with app.app_context():
        add_supporter("Old Writer", "old@example.org", days_ago=400)
    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0
    assert "supporters: deleted 1 row(s) older than 90 days" in result.output


def test_logs_never_contain_email_addresses():
    record = logging.LogRecord("advocacy", logging.INFO, __file__, 1, "sent to %s via %s",
                               ("jo.bloggs+x@example.co.uk", "/confirm?email=a%40b.org"), None)
    RedactPersonalData().filter(record)
    assert record.getMessage() == "sent to [email removed] via /confirm?email=[email removed]"


def test_the_privacy_notice_says_what_is_kept_and_for_how_long(make_app):
    page = make_app(ADVOCACY_RETENTION_DAYS="30").test_client().get("/privacy").get_data(as_text=True)
    assert "deleted automatically 30 days after" in page
    assert "Name, postal address, postcode and email of people who wrote a letter" in page


def test_emails_logged_by_any_part_of_the_app_are_removed(app, caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("advocacy.staff").info("staff sign-in: %s", "admin@example.org")
        logging.getLogger("werkzeug").info("GET /x?email=jo%40example.org")
    assert "example.org" not in caplog.text
    assert caplog.text.count("[email removed]") == 2
