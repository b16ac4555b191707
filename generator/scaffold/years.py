"""Years written in plan text: which ones mean the plan year, and moving them on by one.

Rolling a plan forward moves the years that are the plan's own: the plan year and the year
before it (a deadline in "Tháng 12/2023" of a 2024 plan). It leaves every other year alone,
and so every year that belongs to a cited document: one inside a document number
("01/2023/TT-VPCP") or a period ("2021 - 2025"). Placeholders ({{ year }}) move by themselves.
"""
from __future__ import annotations

import calendar
import re

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_NUMBER_AFTER = re.compile(r"\s*/\s*[A-ZĐ]")          # 2019/QĐ-UBND: a document number
_PERIOD_AFTER = re.compile(r"\s*[-–]\s*\d{4}")          # 2021 - 2025
_PERIOD_BEFORE = re.compile(r"\d{4}\s*[-–]\s*$")
_LEAP_DAY = re.compile(r"(?<!\d)29/0?2/(\d{4})(?!\d)")


def _own_years(text: str) -> list[re.Match]:
    """The four-digit years of ``text`` that are not part of a document number or a period."""
    out = []
    for m in _YEAR.finditer(text):
        after, before = text[m.end():], text[:m.start()]
        if _NUMBER_AFTER.match(after) or _PERIOD_AFTER.match(after) or \
                _PERIOD_BEFORE.search(before):
            continue
        out.append(m)
    return out


def mentions(text: str, year: int) -> bool:
    """Whether ``text`` writes ``year`` out (not in a document number or a period)."""
    return any(int(m[1]) == year for m in _own_years(text))


def move_on(text: str, year: int) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with ``year`` and ``year - 1`` moved on by one, and the moves made.

    A 29 February that lands in a common year becomes the 28th.
    """
    moves, pieces, last = [], [], 0
    for m in _own_years(text):
        found = int(m[1])
        if found in (year, year - 1):
            pieces += [text[last:m.start()], str(found + 1)]
            moves.append((found, found + 1))
            last = m.end()
    out = "".join(pieces) + text[last:]
    if moves:
        out = _LEAP_DAY.sub(lambda m: m[0] if calendar.isleap(int(m[1])) else
                            m[0].replace("29/", "28/", 1), out)
    return out, moves
