"""The public progress page: letters and motions so far, by region, counted from the action records."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from advocacy.actions import Place, record_action
from advocacy.spread.progress import UNKNOWN_REGION, count_progress

LEEDS = Place(constituency_code="E14001331", constituency_name="Leeds Central and Headingley",
              council_code="E08000035", council_name="Leeds", authority_code="E08000035", authority_name="Leeds",
              region="Yorkshire and The Humber", country="England")
SOUTHWARK = Place(constituency_code="E14001117", constituency_name="Bermondsey and Old Southwark",
                  council_code="E09000028", council_name="Southwark", authority_code="E09000028",
                  authority_name="Southwark", region="London", country="England")
ABERDEEN = Place(constituency_code="S14000001", constituency_name="Aberdeen North", council_code="S12000033",
                 council_name="Aberdeen City", country="Scotland")

# kind, channel, place, how many
ACTIONS = [
    ("letter_mp", "pdf", LEEDS, 4), ("letter_mp", "email_draft", LEEDS, 2), ("letter_council", "pdf", LEEDS, 1),
    ("letter_mp", "eml", SOUTHWARK, 3), ("letter_mp", "sent", ABERDEEN, 2), ("letter_mp", "text", Place(), 1),
    ("motion", "docx", LEEDS, 2), ("motion", "pdf", SOUTHWARK, 1),
]


def record(actions, campaign="bright-futures"):
    for kind, channel, place, times in actions:
        for _ in range(times):
            record_action(campaign=campaign, kind=kind, channel=channel, place=place)


def report_motion(council_code: str, council_name: str, outcome: str | None, tabled_on=None,
                  campaign: str = "bright-futures") -> None:
    """A councillor's report, as the motions capability stores it."""
    import secrets

    from advocacy.actions.models import utcnow
    from advocacy.db import db
    from advocacy.motions.models import MotionReport

    db.session.add(MotionReport(
        submission_key=secrets.token_hex(32), token_hash=secrets.token_hex(32), token_expires_at=utcnow(),
        campaign=campaign, council_code=council_code, council_name=council_name, meeting="Full Council",
        tabled_on=tabled_on, outcome=outcome))
    db.session.commit()


@pytest.fixture
def with_actions(app):
    from advocacy.localdata.sample import load_sample

    with app.app_context():
        load_sample()  # the figures say which region each council is in
        record(ACTIONS)
        record([("letter_mp", "pdf", LEEDS, 5)], campaign="another-campaign")  # never counted here
        report_motion("E08000035", "Leeds City Council", "passed", dt.date(2027, 1, 21))
        report_motion("E07000111", "Sevenoaks District Council", "passed_amended", dt.date(2027, 2, 3))
        report_motion("E09000028", "Southwark Council", "fell", dt.date(2027, 1, 28))
        report_motion("E06000001", "Hartlepool Borough Council", None)  # drafted, nothing reported yet
        report_motion("E08000003", "Manchester City Council", "passed", dt.date(2027, 1, 9),
                      campaign="another-campaign")
    return app


def table_rows(html: str, table_id: str) -> dict[str, list[str]]:
    table = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def test_the_progress_page_counts_match_the_action_records(with_actions):
    html = with_actions.test_client().get("/c/bright-futures/progress").get_data(as_text=True)

    totals = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.search(r'id="totals".*?</dl>', html, re.S).group(0)))
    assert "Letters written 13 (12 to MPs, 1 to councils)" in totals
    assert "Council motions passed 2" in totals  # passed, and passed with amendments; not the one that fell
    assert "Council motions drafted 3" in totals
    regions = table_rows(html, "regions-table")
    assert regions["Yorkshire and The Humber"] == ["7", "1"]
    assert regions["South East"] == ["0", "1"]  # Sevenoaks: Kent's region
    assert regions["London"] == ["3", "0"]
    assert regions["Scotland"] == ["2", "0"]  # no English region: the nation stands in
    assert regions[UNKNOWN_REGION] == ["1", "0"]
    assert sum(int(letters) for letters, _ in regions.values()) == 13


def test_the_councils_that_passed_the_motion_are_listed_most_recent_meeting_first(with_actions):
    html = with_actions.test_client().get("/c/bright-futures/progress").get_data(as_text=True)
    passed = table_rows(html, "passed-table")
    assert list(passed) == ["Sevenoaks District Council", "Leeds City Council"]
    assert passed["Sevenoaks District Council"] == ["3 February 2027 (with amendments)"]
    assert passed["Leeds City Council"] == ["21 January 2027"]
    assert 'href="/c/bright-futures/motions"' in html  # the full record, every outcome


def test_the_chart_draws_one_bar_per_region_most_letters_first(with_actions):
    html = with_actions.test_client().get("/c/bright-futures/progress").get_data(as_text=True)
    chart = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    bars = re.findall(r"<rect [^>]*><title>(.*?)</title>", chart)
    assert bars == ["Yorkshire and The Humber: 7", "London: 3", "Scotland: 2", "South East: 0",
                    f"{UNKNOWN_REGION}: 1"]
    assert 'role="img"' in chart and "The most letters came from Yorkshire and The Humber, with 7" in chart
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', chart)]
    assert widths[:4] == sorted(widths[:4], reverse=True) and widths[0] > 2 * widths[1] and widths[3] == 0


def test_a_campaign_without_actions_says_so_instead_of_an_empty_chart(client):
    html = client.get("/c/bright-futures/progress").get_data(as_text=True)
    assert "Letters written</dt><dd>0" in html
    assert "No letters or motions yet" in html
    assert "<svg" not in html


def test_an_unknown_campaign_has_no_progress_page(client):
    assert client.get("/c/no-such-campaign/progress").status_code == 404


def test_progress_is_counted_at_most_once_a_minute(with_actions):
    client = with_actions.test_client()
    first = client.get("/c/bright-futures/progress").get_data(as_text=True)
    with with_actions.app_context():
        record([("letter_mp", "pdf", LEEDS, 10)])
    assert client.get("/c/bright-futures/progress").get_data(as_text=True) == first  # from the cache
    with with_actions.app_context():
        from advocacy.cache import cache

        cache.clear()  # what a minute passing does
    assert "Letters written</dt><dd>23" in client.get("/c/bright-futures/progress").get_data(as_text=True)


def test_count_progress_leaves_out_other_campaigns(with_actions):
    with with_actions.app_context():
        other = count_progress("another-campaign")
    assert other.letters == 5 and [p.council_name for p in other.passed] == ["Manchester City Council"]
    assert {r.name: (r.letters, r.motions_passed) for r in other.regions} == {
        "Yorkshire and The Humber": (5, 0), "North West": (0, 1)}


def test_with_passed_motions_but_no_letters_the_table_shows_them_without_an_empty_chart(app):
    from advocacy.localdata.sample import load_sample

    with app.app_context():
        load_sample()
        report_motion("E08000035", "Leeds City Council", "passed", dt.date(2027, 1, 21))
    html = app.test_client().get("/c/bright-futures/progress").get_data(as_text=True)
    assert "<svg" not in html
    assert table_rows(html, "regions-table") == {"Yorkshire and The Humber": ["0", "1"]}
