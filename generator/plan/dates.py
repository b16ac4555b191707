"""Dates as Vietnamese officials write them (Decree 30/2020).

The day takes a leading zero below 10; the month only for January and February
("ngày 05 tháng 02 năm 2024", "ngày 23 tháng 6 năm 2022", "05/9/2023").
"""
from __future__ import annotations

import re
from datetime import date

from generator.record import record

_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


@record
class DocDate:
    """A document date whose day (or day and month) may be blank in a draft."""

    year: int
    month: int | None           # None only in a generated draft (an amendment without its block)
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "DocDate":
        """Parse ``YYYY-MM-DD`` or ``YYYY-MM`` (day left blank); ValueError when impossible."""
        m = _ISO.match(text.strip())
        if not m:
            raise ValueError(f"'{text}' is not a date: write YYYY-MM-DD (or YYYY-MM for a blank day)")
        year, month, day = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
        if not 1 <= month <= 12:
            raise ValueError(f"'{text}': month {month} does not exist")
        if day is not None:
            try:
                date(year, month, day)
            except ValueError:
                raise ValueError(f"'{text}': day {day} does not exist in {month_text(month)}/{year}") from None
        return cls(year, month, day)

    @classmethod
    def of(cls, day: date) -> "DocDate":
        return cls(day.year, day.month, day.day)

    def long(self) -> str:
        """``ngày 18 tháng 01 năm 2023``; a blank day stays blank for the hand to fill in."""
        day = day_text(self.day) if self.day else "    "
        month = month_text(self.month) if self.month else "    "
        return f"ngày {day} tháng {month} năm {self.year}"

    def short(self) -> str:
        day = day_text(self.day) if self.day else "  "
        month = month_text(self.month) if self.month else "  "
        return f"{day}/{month}/{self.year}"
