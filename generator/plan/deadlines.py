"""Deadlines: recognise the forms officials write, know each one's latest possible date.

A deadline is kept exactly as written (the seeds are the style guide, and they are not
uniform: "Quý I/2023" and "Quý I năm 2024" both occur), but it is parsed into a kind with
its dates, so that an impossible date is an error and a child's deadline can be compared
with its parent's.
"""
from __future__ import annotations

import calendar
import functools
import re
from datetime import date

from generator.plan.emphasis import plain
from generator.record import record

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_Q = r"(?:I{1,3}|IV|[1-4])"
_QLIST = rf"({_Q}(?:(?:, quý |, |/){_Q})*)"
_END = r"\.?$"


@record
class Deadline:
    kind: str
    text: str
    latest: date | None = None

    @property
    def comparable(self) -> bool:
        return self.latest is not None


class DeadlineError(ValueError):
    pass


def _day(d: str, m: str, y: str, written: str | None = None) -> date:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        shown = written or f"{d}/{m}/{y}"
        why = (f"month {int(m)} does not exist" if not 1 <= int(m) <= 12
               else f"day {int(d)} does not exist in {int(m):02d}/{y}")
        raise DeadlineError(f"'{shown}' is not a date: {why}") from None


def _month_end(m: str, y: str) -> date:
    month, year = int(m), int(y)
    if not 1 <= month <= 12:
        raise DeadlineError(f"month {month} does not exist")
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarters_end(qs: str, y: str) -> date:
    nums = [_ROMAN.get(q) or int(q) for q in re.split(r", quý |, |/", qs)]
    return _month_end(str(3 * max(nums)), y)


def _year_end(year: int) -> date:
    return date(year, 12, 31)


# (kind, pattern, latest(match, plan_year))
_FORMS = [
    ("date", rf"^{_DATE}{_END}", lambda m, _: _day(m[1], m[2], m[3])),
    ("date", r"^(\d{4})-(\d{1,2})-(\d{1,2})$", lambda m, _: _day(m[3], m[2], m[1], m[0])),
    ("before", rf"^(?:Chậm nhất |Hoàn thành )?[Tt]rước (?:ngày )?{_DATE}{_END}",
     lambda m, _: _day(m[1], m[2], m[3])),
    ("month", rf"^(?:Trong t|T)háng (\d{{1,2}})(?:/| năm )(\d{{4}}){_END}",
     lambda m, _: _month_end(m[1], m[2])),
    ("quarter", rf"^(?:Trong q|Chậm nhất trong Q|Q)uý {_QLIST}(?:/| năm )(\d{{4}}){_END}",
     lambda m, _: _quarters_end(m[1], m[2])),
    ("year", rf"^(?:Năm|Trong năm|Thường xuyên trong năm|Trong năm) (\d{{4}}){_END}",
     lambda m, _: _year_end(int(m[1]))),
    ("recurring", rf"^(?:Ngày (\d{{1,2}}) )?[Hh][àằ]ng (?:tháng|quý|năm){_END}",
     lambda m, y: _recurring_day(m[1], y)),
    ("recurring", rf"^(?:Định kỳ )?[Hh][àằ]ng (?:tháng|quý|năm)(?:, quý và năm)?{_END}",
     lambda m, y: _year_end(y)),
    ("recurring", rf"^\d{{2}} lần/năm{_END}", lambda m, y: _year_end(y)),
    ("recurring", rf"^Định kỳ \d{{2}} tháng/ ?\d{{2}} lần{_END}", lambda m, y: _year_end(y)),
    ("recurring", rf"^Định kỳ (?:hàng|hằng) (?:tháng|quý|năm){_END}", lambda m, y: _year_end(y)),
    ("continuous", rf"^Thường xuyên{_END}", lambda m, y: _year_end(y)),
    ("on-request", rf"^Theo yêu cầu{_END}", lambda m, y: None),
]
_COMPILED = [(k, re.compile(p), f) for k, p, f in _FORMS]


def _recurring_day(day: str | None, year: int) -> date:
    if day and not 1 <= int(day) <= 31:
        raise DeadlineError(f"day {int(day)} does not exist")
    return _year_end(year)


# A kind's opening word followed only by numbers and separators: a form left incomplete.
_INCOMPLETE = re.compile(r"^(?:Trước(?: ngày)?|(?:Trong )?[Tt]háng|(?:Trong )?[Qq]uý|"
                         r"(?:Trong )?[Nn]ăm|Ngày)(?:[\s0-9IVX/,.]*)$")
_EXAMPLES = {"Trư": "Trước ngày 15/02/2023", "Thá": "Tháng 01/2023", "thá": "Tháng 01/2023",
             "Quý": "Quý I/2023", "quý": "Quý I/2023", "Năm": "Năm 2023", "năm": "Năm 2023",
             "Ngà": "Ngày 05 hàng tháng"}


def parse(text: str, plan_year: int) -> Deadline:
    """The deadline written as ``text`` (read as printed: "**31/12/2023**" is a date);
    DeadlineError when it names an impossible date.

    Remembered: a tree's children inherit most deadlines, and each is parsed for the rules,
    for the comparison with the parent and for the model (a Deadline is immutable)."""
    if type(text) is str and type(plan_year) is int:
        return _remembered(text, plan_year)
    return _parse(text, plan_year)


@functools.lru_cache(maxsize=8192)
def _remembered(text: str, plan_year: int) -> Deadline:
    return _parse(text, plan_year)


def _parse(text: str, plan_year: int) -> Deadline:
    written = plain(text).strip()
    for kind, pattern, latest in _COMPILED:
        m = pattern.match(written)
        if m:
            return Deadline(kind, text, latest(m, plan_year))
    if _INCOMPLETE.match(written):
        opening = written.replace("Trong ", "")[:3]
        example = _EXAMPLES.get(opening, "15/02/2023")
        raise DeadlineError(f"'{written}' is incomplete or malformed (write it like '{example}')")
    return Deadline("text", text, None)
