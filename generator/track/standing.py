"""Where a task stands: its status entry judged against its structured deadline at ``as_of``.

A deadline with a date (``15/02/2023``, ``Tháng 3/2023``, ``Quý II/2023``, ``Năm 2023``) gives
its latest day (generator/plan/deadlines.py): done by then is on time, done after it is late,
not done once it has passed is overdue, else not yet due. Recurring and continuous work
(``Hằng quý``, ``Thường xuyên``), work on request and a deadline in free words have no day to
miss: such a task is judged by the period alone, as in time (IN_TIME_NO_DEADLINE).
"""
from __future__ import annotations

from datetime import date
from enum import Enum

from generator.plan.model import Task
from generator.track.status import Entry, Status

NO_DAY = ("recurring", "continuous", "on-request", "text")


class Standing(Enum):
    ON_TIME = "on_time"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"
    NOT_YET_DUE = "not_yet_due"
    IN_TIME_NO_DEADLINE = "no_deadline"
    CANCELLED = "cancelled"
    NO_STATUS = "no_status"


WORDS: dict[Standing, str] = {
    Standing.ON_TIME: "Hoàn thành đúng hạn",
    Standing.DONE_LATE: "Hoàn thành chậm",
    Standing.OVERDUE: "Quá hạn",
    Standing.NOT_YET_DUE: "Chưa đến hạn",
    Standing.IN_TIME_NO_DEADLINE: "Thực hiện thường xuyên",
    Standing.CANCELLED: "Không thực hiện",
    Standing.NO_STATUS: "Chưa báo cáo",
}


def latest_date(task: Task) -> date | None:
    """The last day the task may be done, or None when its deadline names no day to miss."""
    deadline = task.deadline
    if deadline is None or deadline.kind in NO_DAY:
        return None
    return deadline.latest


def standing_of(task: Task, entry: Entry | None, status: Status) -> Standing:
    if entry is None:
        return Standing.NO_STATUS
    if entry.state == "cancelled":
        return Standing.CANCELLED
    latest = latest_date(task)
    if latest is None:
        return Standing.IN_TIME_NO_DEADLINE
    if entry.state == "done":
        return Standing.ON_TIME if entry.date is None or entry.date <= latest else Standing.DONE_LATE
    return Standing.OVERDUE if status.as_of > latest else Standing.NOT_YET_DUE
