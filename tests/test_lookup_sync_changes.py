"""`flask --app advocacy mps sync` reports which MPs changed since the last sync, by constituency."""

import copy
from pathlib import Path

CODES = Path(__file__).resolve().parent.parent / "advocacy" / "devtools" / "fixtures" / "constituency_codes.csv"


def sync(runner, *args):
    """`mps sync` that must succeed. Once in a while, on a heavily loaded machine, the shared loopback fake
    drops a connection and the sync (rightly) refuses to change anything; one more try is then fair."""
    result = runner.invoke(args=["mps", "sync", *args])
    if result.exit_code != 0 and "The directory was not changed" in result.output:
        result = runner.invoke(args=["mps", "sync", *args])
    assert result.exit_code == 0, result.output
    return result


def seat(seats, name):
    return next(s for s in seats if s["value"]["name"] == name and s["value"]["endDate"] is None)


def test_the_first_sync_says_there_is_nothing_to_compare_with(lookup_app):
    result = sync(lookup_app.test_cli_runner(), "--codes", str(CODES))
    assert "changes: first sync, nothing to compare with" in result.output


def test_a_sync_with_nothing_changed_says_so(lookup_app):
    runner = lookup_app.test_cli_runner()
    sync(runner, "--codes", str(CODES))
    result = sync(runner)
    assert "changes: none since the last sync (" in result.output


def test_a_sync_lists_new_changed_and_gone_mps_by_constituency(lookup_app, fake_apis, monkeypatch):
    runner = lookup_app.test_cli_runner()
    sync(runner, "--codes", str(CODES))
    seats = copy.deepcopy(fake_apis.seats)
    # Manchester Central's by-election is won; Hartlepool's MP changes party; Sevenoaks' MP stands down;
    # Leeds has another MP.
    seat(seats, "Manchester Central")["value"]["currentRepresentation"] = copy.deepcopy(
        seat(fake_apis.seats, "Sevenoaks")["value"]["currentRepresentation"])
    winner = seat(seats, "Manchester Central")["value"]["currentRepresentation"]["member"]["value"]
    winner.update(id=9001, nameDisplayAs="Sam Winner")
    winner["latestHouseMembership"].update(membershipFrom="Manchester Central", membershipFromId=5092)
    hartlepool = seat(seats, "Hartlepool")["value"]["currentRepresentation"]["member"]["value"]
    hartlepool["latestParty"]["name"] = "Independent"
    seat(seats, "Sevenoaks")["value"]["currentRepresentation"] = None
    leeds = seat(seats, "Leeds Central and Headingley")["value"]["currentRepresentation"]["member"]["value"]
    leeds.update(id=9002, nameDisplayAs="Jo Newmember")
    monkeypatch.setattr(fake_apis, "seats", seats)
    monkeypatch.setitem(fake_apis.contacts, 9001, {"value": []})
    monkeypatch.setitem(fake_apis.contacts, 9002, {"value": []})

    result = sync(runner)
    assert "changes since the last sync (" in result.output and "1 new, 2 changed, 1 gone" in result.output
    assert "  new      Manchester Central: Sam Winner" in result.output
    assert "  changed  Hartlepool: Mr Jonathan Brash (party changed)" in result.output
    assert "  changed  Leeds Central and Headingley: Alex Sobel -> Jo Newmember" in result.output
    assert "  gone     Sevenoaks: Laura Trott (no MP now)" in result.output
    assert "vacant: Sevenoaks" in result.output
