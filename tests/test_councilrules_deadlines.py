"""Notice deadlines for motions: working days skip weekends and English bank holidays; clear days leave
out the day notice arrives and the meeting day."""

import datetime as dt

import pytest

from advocacy.councilrules.deadlines import (describe_notice, is_working_day, notice_deadline,
                                             upcoming_deadlines, working_days_before)

D = dt.date


def test_ten_working_days_before_a_thursday_meeting_is_the_thursday_two_weeks_earlier():
    # The issue's own example: Full Council on 21 January 2027, notice by 7 January.
    assert notice_deadline(D(2027, 1, 21), 10, "working") == D(2027, 1, 7)


def test_working_days_skip_the_weekend():
    # Monday meeting, 1 working day: the Friday before, not the Sunday.
    assert notice_deadline(D(2026, 11, 30), 1, "working") == D(2026, 11, 27)
    assert notice_deadline(D(2026, 11, 30), 3, "working") == D(2026, 11, 25)


def test_working_days_skip_christmas_boxing_day_and_new_year():
    # 2026: Christmas Friday 25, Boxing Day Saturday 26 observed Monday 28 December, New Year Friday 1 January.
    # Counting back from Tuesday 5 January 2027: Mon 4 (1), Thu 31 (2), Wed 30 (3), Tue 29 (4), Thu 24 (5).
    assert notice_deadline(D(2027, 1, 5), 5, "working") == D(2026, 12, 24)
    for holiday in (D(2026, 12, 25), D(2026, 12, 28), D(2027, 1, 1)):
        assert not is_working_day(holiday)
    assert is_working_day(D(2026, 12, 29))


def test_working_days_skip_easter_bank_holidays():
    # Good Friday 26 March and Easter Monday 29 March 2027. Meeting Wednesday 31 March, 3 working days:
    # Tue 30 (1), Thu 25 (2), Wed 24 (3).
    assert notice_deadline(D(2027, 3, 31), 3, "working") == D(2027, 3, 24)


def test_clear_days_leave_out_the_day_of_sending_and_the_meeting_day():
    # Meeting Thursday 21 January 2027, 5 clear days: 16-20 January are the clear days, so notice
    # must arrive on the 15th (a Friday).
    assert notice_deadline(D(2027, 1, 21), 5, "clear") == D(2027, 1, 15)


def test_clear_and_working_days_give_different_deadlines_for_the_same_number():
    meeting = D(2027, 1, 21)
    assert notice_deadline(meeting, 5, "working") == D(2027, 1, 14)  # the day it arrives counts
    assert notice_deadline(meeting, 5, "clear") == D(2027, 1, 15)


def test_a_clear_days_deadline_on_a_weekend_or_bank_holiday_moves_to_the_working_day_before():
    # Meeting Wednesday 30 December 2026, 3 clear days: arrival on Saturday 26 December would do, but the
    # office is shut from Christmas Day; the last working day before is Thursday 24 December.
    assert notice_deadline(D(2026, 12, 30), 3, "clear") == D(2026, 12, 24)
    # Meeting Tuesday 12 January 2027, 2 clear days: Saturday 9 -> Friday 8.
    assert notice_deadline(D(2027, 1, 12), 2, "clear") == D(2027, 1, 8)


def test_zero_working_days_means_by_the_meeting_day_itself():
    assert working_days_before(D(2027, 1, 21), 0) == D(2027, 1, 21)


def test_an_unknown_kind_of_notice_period_is_refused():
    with pytest.raises(ValueError, match="working, clear"):
        notice_deadline(D(2027, 1, 21), 5, "calendar")


def test_a_meeting_whose_deadline_has_passed_is_not_offered():
    meetings = [D(2027, 1, 21), D(2027, 3, 4), D(2026, 12, 1)]
    today = D(2027, 1, 8)  # the day after 21 January's deadline
    offered = upcoming_deadlines(meetings, 10, "working", today)
    assert [m.meeting for m in offered] == [D(2027, 3, 4)]


def test_the_deadline_day_itself_is_still_offered_and_says_today():
    [only] = upcoming_deadlines([D(2027, 1, 21)], 10, "working", D(2027, 1, 7))
    assert only.when == "today"


def test_the_sentence_names_meeting_deadline_and_days_left():
    [first, second] = upcoming_deadlines([D(2027, 3, 4), D(2027, 1, 21)], 10, "working", D(2026, 12, 26))
    assert first.sentence == ("The next Full Council is on Thursday 21 January 2027; notice must reach "
                              "democratic services by Thursday 7 January 2027 (in 12 days).")
    assert second.meeting == D(2027, 3, 4)


def test_notice_periods_read_naturally():
    assert describe_notice(10, "working") == "10 working days"
    assert describe_notice(1, "clear") == "1 clear day"
