"""Standing: every state against every kind of deadline, on both sides of the day."""
from datetime import date
from types import MappingProxyType

import pytest

from generator.plan.deadlines import parse
from generator.plan.model import Task
from generator.track.period import parse_period
from generator.track.standing import WORDS, Standing, standing_of
from generator.track.status import Entry, Status

AS_OF = date(2023, 6, 14)


def _task(deadline: str | None) -> Task:
    return Task("t", {}, parse(deadline, 2023) if deadline else None)


def _status() -> Status:
    return Status("s.yaml", "p", parse_period("2023-Q2"), AS_OF, MappingProxyType({}))


S = Standing
CASES = [
    # deadline, state, date done, standing
    ("15/02/2023", "done", "2023-02-15", S.ON_TIME),            # on the day is on time
    ("15/02/2023", "done", "2023-02-16", S.DONE_LATE),
    ("Trước 28/02/2023", "done", "2023-01-05", S.ON_TIME),
    ("Tháng 3/2023", "done", "2023-03-31", S.ON_TIME),           # a month runs to its last day
    ("Tháng 3/2023", "done", "2023-04-01", S.DONE_LATE),
    ("Quý II/2023", "done", "2023-06-10", S.ON_TIME),
    ("15/02/2023", "in_progress", None, S.OVERDUE),
    ("15/02/2023", "not_started", None, S.OVERDUE),
    ("14/06/2023", "not_started", None, S.NOT_YET_DUE),         # due on as_of: not late yet
    ("13/06/2023", "in_progress", None, S.OVERDUE),
    ("Quý II/2023", "in_progress", None, S.NOT_YET_DUE),         # 30 June is after as_of
    ("Quý I/2023", "in_progress", None, S.OVERDUE),
    ("Năm 2023", "not_started", None, S.NOT_YET_DUE),
    ("Tháng 12/2022", "done", "2022-12-27", S.ON_TIME),
    ("Thường xuyên", "in_progress", None, S.IN_TIME_NO_DEADLINE),
    ("Thường xuyên", "not_started", None, S.IN_TIME_NO_DEADLINE),
    ("Hàng quý", "done", "2023-04-01", S.IN_TIME_NO_DEADLINE),
    ("Ngày 05 hàng tháng", "in_progress", None, S.IN_TIME_NO_DEADLINE),
    ("Theo yêu cầu", "not_started", None, S.IN_TIME_NO_DEADLINE),
    ("Chậm nhất tại kỳ họp HĐND", "in_progress", None, S.IN_TIME_NO_DEADLINE),
    (None, "in_progress", None, S.IN_TIME_NO_DEADLINE),
    ("15/02/2023", "cancelled", None, S.CANCELLED),
    ("15/02/2023", "cancelled", "2023-05-02", S.CANCELLED),
]


@pytest.mark.parametrize("deadline, state, done, expected", CASES)
def test_standing(deadline, state, done, expected):
    entry = Entry("t", state, date.fromisoformat(done) if done else None, "", "", ())
    assert standing_of(_task(deadline), entry, _status()) is expected


def test_no_entry_is_no_status():
    assert standing_of(_task("15/02/2023"), None, _status()) is Standing.NO_STATUS


def test_every_standing_has_its_words():
    assert set(WORDS) == set(Standing)
    assert WORDS[Standing.ON_TIME] == "Hoàn thành đúng hạn"
    assert WORDS[Standing.OVERDUE] == "Quá hạn"
