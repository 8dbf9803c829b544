"""The dashboard's figures, from a known set of actions."""

import csv
import datetime as dt
import io
import random

import pytest
from sqlalchemy import select

from advocacy.actions import Place
from advocacy.actions.models import Action
from advocacy.db import db
from advocacy.staff import counts, dashboard, sources
from advocacy.staff.dashboard import Period, build_dashboard
from advocacy.staff.models import ActionDayCount, ActionPlaceCount
from advocacy.supporters.models import Supporter

LEEDS = Place(constituency_code="E14001331", constituency_name="Leeds Central and Headingley",
              council_code="E08000035", council_name="Leeds", authority_code="E08000035", authority_name="Leeds",
              region="Yorkshire and The Humber", country="England")
YORK = Place(constituency_code="E14001603", constituency_name="York Central", council_code="E06000014",
             council_name="York", authority_code="E06000014", authority_name="York",
             region="Yorkshire and The Humber", country="England")
CARDIFF = Place(constituency_code="W07000090", constituency_name="Cardiff East", council_code="W06000015",
                council_name="Cardiff", region="Wales", country="Wales")
CONSTITUENCIES = [("E14001331", "Leeds Central and Headingley"), ("E14001603", "York Central"),
                  ("W07000090", "Cardiff East"), ("E14001000", "Aldershot"), ("S14000021", "Edinburgh East")]
AUTHORITIES = [("E08000035", "Leeds"), ("E06000014", "York"), ("E10000014", "Hampshire")]

# (day, kind, channel, place)
KNOWN = [
    ("2026-03-01", "letter_mp", "pdf", LEEDS), ("2026-03-01", "letter_mp", "pdf", LEEDS),
    ("2026-03-01", "letter_mp", "eml", YORK), ("2026-03-02", "letter_mp", "email_draft", LEEDS),
    ("2026-03-02", "letter_council", "pdf", LEEDS), ("2026-03-04", "letter_mp", "confirmed", CARDIFF),
    ("2026-03-04", "letter_mp", "self_reported", YORK), ("2026-03-05", "motion", "pdf",
                                                         Place(council_code="E06000014", council_name="York",
                                                               authority_code="E06000014", authority_name="York",
                                                               region="Yorkshire and The Humber", country="England")),
    ("2026-03-05", "motion", "docx", Place(council_code="E06000014", council_name="York", authority_code="E06000014",
                                           authority_name="York", region="Yorkshire and The Humber", country="England")),
    ("2026-04-10", "letter_mp", "sent", LEEDS),
]


def add_actions(rows, campaign="bright-futures"):
    for number, (day, kind, channel, place) in enumerate(rows):
        at = dt.datetime.fromisoformat(day) + dt.timedelta(hours=9, minutes=number)
        db.session.add(Action(campaign=campaign, kind=kind, channel=channel, created_at=at, **place.__dict__))
    db.session.commit()


@pytest.fixture
def known(app):
    with app.app_context():
        add_actions(KNOWN)
        add_actions([("2026-03-01", "letter_mp", "pdf", LEEDS)], campaign="another-campaign")
        yield app


def test_totals_match_a_known_set_of_actions(known):
    board = build_dashboard("bright-futures", Period(dt.date(2026, 3, 1), dt.date(2026, 4, 30)),
                            constituencies=CONSTITUENCIES, authorities=AUTHORITIES)
    assert board.letters == {("letter_mp", "pdf"): 2, ("letter_mp", "eml"): 1, ("letter_mp", "email_draft"): 1,
                             ("letter_council", "pdf"): 1, ("letter_mp", "confirmed"): 1,
                             ("letter_mp", "self_reported"): 1, ("letter_mp", "sent"): 1}
    assert board.letters_by_kind == {"letter_mp": 7, "letter_council": 1}
    assert board.letters_total == 8
    assert board.letters_by_channel["pdf"] == 3
    assert board.motions_downloaded == 2
    assert board.motion_reports is None
    assert [(p.name, p.total) for p in board.top_constituencies] == [
        ("Leeds Central and Headingley", 5), ("York Central", 2), ("Cardiff East", 1)]
    assert [(p.name, p.total) for p in board.top_councils] == [("Leeds", 5), ("York", 4), ("Cardiff", 1)]
    assert [(p.name, p.total) for p in board.regions] == [("Yorkshire and The Humber", 9), ("Wales", 1)]
    assert [(p.name, p.total) for p in board.nations] == [("England", 9), ("Wales", 1)]
    assert (board.constituency_coverage.reached, board.constituency_coverage.of) == (3, 5)
    assert (board.authority_coverage.reached, board.authority_coverage.of) == (2, 3)
    assert board.constituencies_without_letters == [("E14001000", "Aldershot"), ("S14000021", "Edinburgh East")]


def test_actions_per_day_include_the_quiet_days(known):
    per_day = dashboard.actions_per_day("bright-futures", Period(dt.date(2026, 3, 1), dt.date(2026, 3, 5)))
    assert per_day == [(dt.date(2026, 3, 1), 3), (dt.date(2026, 3, 2), 2), (dt.date(2026, 3, 3), 0),
                       (dt.date(2026, 3, 4), 2), (dt.date(2026, 3, 5), 2)]


def test_a_date_range_counts_only_actions_inside_it(known):
    board = build_dashboard("bright-futures", Period(dt.date(2026, 3, 2), dt.date(2026, 3, 4)),
                            constituencies=CONSTITUENCIES, authorities=AUTHORITIES)
    assert board.letters_total == 4
    assert board.motions_downloaded == 0
    assert [(p.name, p.total) for p in board.top_constituencies] == [
        ("Leeds Central and Headingley", 2), ("Cardiff East", 1), ("York Central", 1)]


def test_motion_reports_are_counted_when_the_motions_capability_reports_them(known):
    seen = []

    def reports(campaign, period):
        seen.append((campaign, period))
        return dashboard.MotionReportCounts(tabled=3, passed=1)

    period = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    board = build_dashboard("bright-futures", period, constituencies=[], authorities=[], motion_reports=reports)
    assert board.motion_reports == dashboard.MotionReportCounts(3, 1)
    assert seen == [("bright-futures", period)]


def test_the_running_counts_always_equal_a_recount_of_the_actions(app):
    """The triggers keep the counts exact through inserts, updates and deletes."""
    rng = random.Random(8)
    places = [LEEDS, YORK, CARDIFF, Place()]
    with app.app_context():
        add_actions([(f"2026-03-{rng.randint(1, 28):02d}", rng.choice(["letter_mp", "letter_council", "motion"]),
                      rng.choice(["pdf", "eml", "sent"]), rng.choice(places)) for _ in range(300)])
        for action in db.session.scalars(select(Action).limit(40)):
            action.channel = "confirmed"
        for action in db.session.scalars(select(Action).offset(100).limit(30)):
            db.session.delete(action)
        db.session.commit()

        def snapshot():
            days = set(db.session.execute(select(ActionDayCount.campaign, ActionDayCount.day, ActionDayCount.kind,
                                                 ActionDayCount.channel, ActionDayCount.total)))
            places_ = set(db.session.execute(select(ActionPlaceCount.campaign, ActionPlaceCount.place_type,
                                                    ActionPlaceCount.code, ActionPlaceCount.day,
                                                    ActionPlaceCount.total)))
            return days, places_

        kept = snapshot()
        assert sum(row[-1] for row in kept[0]) == 270
        assert counts.rebuild_counts() == 270
        assert snapshot() == kept


def test_the_dashboard_page_shows_totals_chart_table_and_places(known, client, staff, monkeypatch):
    monkeypatch.setattr(sources, "all_constituencies", lambda: CONSTITUENCIES)
    monkeypatch.setattr(sources, "childrens_services_authorities", lambda: AUTHORITIES)
    staff.sign_in("viewer")
    page = client.get("/staff/c/bright-futures/?from=2026-03-01&to=2026-03-05").get_data(as_text=True)
    assert "From 1 March 2026 to 5 March 2026" in page
    assert '<svg viewBox="0 0 720 220" role="img"' in page
    assert "<title>3 Mar 2026: 0</title>" in page  # a quiet day is a bar of 0, not a gap
    assert "<td>Sun 1 Mar 2026</td><td class=\"num\">3</td>" in page  # the chart's text alternative
    assert "3 of 5 (60%) have at least one letter or motion" in page
    assert "2 of 3 (67%) have at least one letter or motion" in page
    assert "Aldershot" in page and "Edinburgh East" in page
    assert "<dt>Reported tabled</dt><dd>0</dd>" in page  # no motion reported: a count of 0, not a blank


def test_without_the_constituency_list_the_page_says_coverage_is_not_available(known, client, staff):
    staff.sign_in("viewer")
    page = client.get("/staff/c/bright-futures/").get_data(as_text=True)
    assert "Not available: the list of all constituencies is not loaded" in page


def boxes(name: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


@pytest.mark.parametrize("query, message", [
    (boxes("from", "30", "2", "2026"), "The start date must be a real date, like 21 1 2027"),
    (boxes("to", "next", "tuesday", ""), "The end date must include a year"),
    (boxes("to", "1", "3", "26"), "The end date: the year must have 4 numbers, like 2027"),
    ({**boxes("from", "10", "3", "2026"), **boxes("to", "1", "3", "2026")},
     "The end date must be the same as or after the start date"),
    ({**boxes("from", "1", "1", "2020"), **boxes("to", "1", "1", "2026")}, "Choose a period of at most 3 years"),
    ({"from": "2026-02-30"}, "The start date must be a real date, like 21 1 2027"),  # an old bookmarked link
])
def test_a_bad_date_filter_says_what_to_fix_and_keeps_what_was_typed(known, client, staff, query, message):
    staff.sign_in("viewer")
    response = client.get("/staff/c/bright-futures/", query_string=query)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert "The figures below are for the whole campaign until the dates are put right." in page
    for name, typed in query.items():
        if "-" in name:
            assert f'name="{name}" type="text" inputmode="numeric" value="{typed}"' in page


def test_the_period_filter_is_three_boxes_and_a_chosen_period_reads_back_day_month_year(known, client, staff):
    staff.sign_in("viewer")
    page = client.get("/staff/c/bright-futures/", query_string={**boxes("from", "4", "3", "2026"),
                                                                **boxes("to", "30", "4", "2026")}).get_data(as_text=True)
    assert "There is a problem" not in page
    assert "From 4 March 2026 to 30 April 2026" in page
    for name, value in (("from-day", "4"), ("from-month", "3"), ("from-year", "2026"), ("to-day", "30")):
        assert f'name="{name}" type="text" inputmode="numeric" value="{value}"' in page
    assert "actions.csv?from=2026-03-04&amp;to=2026-04-30" in page  # the export covers the same period


def test_the_actions_export_has_every_action_in_the_period_and_no_personal_data(known, client, staff):
    staff.sign_in("viewer")
    response = client.get("/staff/c/bright-futures/actions.csv?from=2026-03-04&to=2026-04-30")
    assert response.is_streamed
    assert response.mimetype == "text/csv"
    assert 'filename="bright-futures-actions-2026-03-04-to-2026-04-30.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["created_at"][:10], r["kind"], r["channel"]) for r in rows] == [
        ("2026-03-04", "letter_mp", "confirmed"), ("2026-03-04", "letter_mp", "self_reported"),
        ("2026-03-05", "motion", "pdf"), ("2026-03-05", "motion", "docx"), ("2026-04-10", "letter_mp", "sent")]
    assert rows[0]["constituency_name"] == "Cardiff East" and rows[0]["country"] == "Wales"
    assert not set(rows[0]) & {"name", "email", "address", "postcode", "idempotency_key"}


def test_the_actions_export_streams_in_batches(app, client, staff, monkeypatch):
    from advocacy.staff import exports

    monkeypatch.setattr(exports, "BATCH", 10)
    with app.app_context():
        add_actions([("2026-03-01", "letter_mp", "pdf", LEEDS)] * 35)
    staff.sign_in("viewer")
    response = client.get("/staff/c/bright-futures/actions.csv", buffered=False)
    chunks = list(response.response)
    assert len(chunks) == 4  # header + 10 rows, then 10, 10 and the last 5: never the whole export at once
    assert b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks).count(b"\n") == 36


def test_a_bad_date_on_the_export_link_goes_back_to_the_dashboard_with_the_message(known, client, staff):
    staff.sign_in("viewer")
    response = client.get("/staff/c/bright-futures/actions.csv?from=31/02/2026")
    assert response.status_code == 302 and "/staff/c/bright-futures/?from=" in response.headers["Location"]


def test_the_supporters_export_has_only_those_who_agreed_and_defuses_formulas(app, client, staff):
    with app.app_context():
        db.session.add_all([
            Supporter(campaign="bright-futures", name="Siân O'Brien", email="sian@example.org", postcode="LS1 1UR",
                      consent_updates=True),
            Supporter(campaign="bright-futures", name="=HYPERLINK(\"http://evil\")", email="x@example.org",
                      consent_updates=True),
            Supporter(campaign="bright-futures", name="No Thanks", email="no@example.org", consent_updates=False),
            Supporter(campaign="another-campaign", name="Elsewhere", email="else@example.org", consent_updates=True),
        ])
        db.session.commit()
    staff.sign_in("admin")
    response = client.get("/staff/c/bright-futures/supporters.csv")
    assert response.status_code == 200 and response.is_streamed
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["email"] for r in rows] == ["sian@example.org", "x@example.org"]
    assert rows[0]["name"] == "Siân O'Brien" and rows[0]["postcode"] == "LS1 1UR"
    assert rows[1]["name"].startswith("'=")
