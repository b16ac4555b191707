"""Report periods: a quarter, a half-year, a year or a month, as ``2023-Q2``, ``2023-H1``,
``2023``, ``2023-06``.

A period knows its calendar days and its data cut-off (Decree 09/2019/NĐ-CP, Article 12), which
is the default ``as_of`` of a status file: a report counts what happened up to the 14th of the
period's last month (14 December for a year), because it must be sent before the month ends.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from generator.errors import UsageProblem
from generator.plan.dates import month_text

_ROMAN = ("", "I", "II", "III", "IV")
_FORM = re.compile(r"^(\d{4})(?:-(?:([Qq])([1-4])|([Hh])([12])|(\d{1,2})))?$")
CUTOFF_DAY = 14
_LAST = {"quarter": 4, "half": 2, "month": 12}      # the last index of each kind in a year
FORMS = "2023-Q2 (a quarter), 2023-H1 (six months), 2023 (the year) or 2023-06 (a month)"


@dataclass(frozen=True)
class Period:
    text: str            # "2023-Q2", "2023-H1", "2023", "2023-06"
    year: int
    kind: str            # "quarter" | "half" | "year" | "month"
    index: int           # 2 for Q2, 1 for H1, 6 for 2023-06, 0 for a year
    start: date          # first calendar day of the period
    end: date            # last calendar day

    def cutoff(self) -> date:
        """The last day a report of this period counts (Decree 09/2019, Article 12): the 14th
        of the period's last month; a year and its second half end on 14 December."""
        return date(self.year, self.end.month, CUTOFF_DAY)

    def words(self) -> str:
        """The period as a report's title says it: ``quý II năm 2023``."""
        if self.kind == "quarter":
            return f"quý {_ROMAN[self.index]} năm {self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if self.kind == "month":
            return f"tháng {month_text(self.index)} năm {self.year}"
        return f"năm {self.year}"

    def previous(self) -> "Period | None":
        """The period of the same kind before this one in the same year (a plan lives one
        year); None for the first, and for a year."""
        return self._step(-1)

    def next(self) -> "Period | None":
        """The period of the same kind after this one in the same year; None after the last."""
        return self._step(1)

    def _step(self, by: int) -> "Period | None":
        index = self.index + by
        if not 1 <= index <= _LAST.get(self.kind, 0):
            return None
        letter = {"quarter": "Q", "half": "H"}.get(self.kind)
        return parse_period(f"{self.year}-{letter}{index}" if letter else f"{self.year}-{index:02d}")

    def __str__(self) -> str:
        return self.text


def parse_period(text: str) -> Period:
    """The period written as ``text``; UsageProblem naming the forms when it is none of them."""
    m = _FORM.match(str(text).strip())
    if not m or (m[6] and not 1 <= int(m[6]) <= 12):
        raise UsageProblem(f"'{text}' is not a report period: write {FORMS}")
    year = int(m[1])
    if m[3]:
        q = int(m[3])
        return Period(f"{year}-Q{q}", year, "quarter", q, date(year, 3 * q - 2, 1), _last(year, 3 * q))
    if m[5]:
        h = int(m[5])
        return Period(f"{year}-H{h}", year, "half", h, date(year, 6 * h - 5, 1), _last(year, 6 * h))
    if m[6]:
        month = int(m[6])
        return Period(f"{year}-{month:02d}", year, "month", month, date(year, month, 1), _last(year, month))
    return Period(str(year), year, "year", 0, date(year, 1, 1), date(year, 12, 31))


def _last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
