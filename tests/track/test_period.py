"""Report periods: their days, their Decree 09/2019 cut-off and their words."""
from datetime import date

import pytest

from generator.errors import UsageProblem
from generator.track.period import parse_period


@pytest.mark.parametrize("text, kind, index, start, end, cutoff, words, previous", [
    ("2023-Q1", "quarter", 1, date(2023, 1, 1), date(2023, 3, 31), date(2023, 3, 14), "quý I năm 2023", None),
    ("2023-Q2", "quarter", 2, date(2023, 4, 1), date(2023, 6, 30), date(2023, 6, 14), "quý II năm 2023", "2023-Q1"),
    ("2023-q4", "quarter", 4, date(2023, 10, 1), date(2023, 12, 31), date(2023, 12, 14), "quý IV năm 2023", "2023-Q3"),
    ("2023-H1", "half", 1, date(2023, 1, 1), date(2023, 6, 30), date(2023, 6, 14), "6 tháng đầu năm 2023", None),
    ("2023-H2", "half", 2, date(2023, 7, 1), date(2023, 12, 31), date(2023, 12, 14), "6 tháng cuối năm 2023", "2023-H1"),
    ("2023", "year", 0, date(2023, 1, 1), date(2023, 12, 31), date(2023, 12, 14), "năm 2023", None),
    ("2023-06", "month", 6, date(2023, 6, 1), date(2023, 6, 30), date(2023, 6, 14), "tháng 6 năm 2023", "2023-05"),
    ("2024-2", "month", 2, date(2024, 2, 1), date(2024, 2, 29), date(2024, 2, 14), "tháng 02 năm 2024", "2024-01"),
    ("2023-01", "month", 1, date(2023, 1, 1), date(2023, 1, 31), date(2023, 1, 14), "tháng 01 năm 2023", None),
])
def test_period(text, kind, index, start, end, cutoff, words, previous):
    p = parse_period(text)
    assert (p.kind, p.index, p.start, p.end, p.cutoff(), p.words()) == (kind, index, start, end, cutoff, words)
    assert (p.previous().text if p.previous() else None) == previous
    assert parse_period(p.text) == p                 # the canonical text reads back the same


@pytest.mark.parametrize("text", ["2023-Q5", "2023-13", "2023-H3", "Q2-2023", "23", "2023-Q2 x", ""])
def test_bad_period_is_one_clear_line(text):
    with pytest.raises(UsageProblem) as caught:
        parse_period(text)
    assert caught.value.lines == [f"'{text}' is not a report period: write 2023-Q2 (a quarter), "
                                  "2023-H1 (six months), 2023 (the year) or 2023-06 (a month)"]
    assert caught.value.exit_code == 2
