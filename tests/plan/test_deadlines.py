from datetime import date

import pytest

from generator.plan.deadlines import DeadlineError, parse


@pytest.mark.parametrize("text, kind, latest", [
    ("15/02/2023", "date", date(2023, 2, 15)),
    ("Trước ngày 05/9/2023", "before", date(2023, 9, 5)),
    ("Trước 15/02/2023", "before", date(2023, 2, 15)),
    ("Tháng 01/2023", "month", date(2023, 1, 31)),
    ("Trong tháng 11/2023", "month", date(2023, 11, 30)),
    ("Tháng 02/2024", "month", date(2024, 2, 29)),
    ("Quý I/2023", "quarter", date(2023, 3, 31)),
    ("Quý II, III/2023", "quarter", date(2023, 9, 30)),
    ("Trong quý I, quý II/2024", "quarter", date(2024, 6, 30)),
    ("Quý I năm 2024", "quarter", date(2024, 3, 31)),
    ("Năm 2023", "year", date(2023, 12, 31)),
    ("Trong năm 2023", "year", date(2023, 12, 31)),
    ("Thường xuyên trong năm 2023", "year", date(2023, 12, 31)),
    ("Hàng tháng", "recurring", date(2023, 12, 31)),
    ("Hàng quý", "recurring", date(2023, 12, 31)),
    ("Ngày 05 hàng tháng", "recurring", date(2023, 12, 31)),
    ("02 lần/năm", "recurring", date(2023, 12, 31)),
    ("Định kỳ 06 tháng/01 lần", "recurring", date(2023, 12, 31)),
    ("Định kỳ hàng tháng", "recurring", date(2023, 12, 31)),
    ("Thường xuyên", "continuous", date(2023, 12, 31)),
    ("Thường xuyên.", "continuous", date(2023, 12, 31)),
    ("Theo yêu cầu", "on-request", None),
    ("Ngay sau khi có quyết định công bố của Thủ tướng Chính phủ", "text", None),
    ("Chậm nhất tại kỳ họp HĐND lần 2 trong năm 2023", "text", None),
])
def test_every_written_form_is_recognised_and_kept_as_written(text, kind, latest):
    deadline = parse(text, 2023)
    assert (deadline.kind, deadline.latest, deadline.text) == (kind, latest, text)


@pytest.mark.parametrize("text", ["31/02/2023", "Trước ngày 30/02/2024", "Tháng 13/2023", "Ngày 32 hàng tháng"])
def test_impossible_dates_are_errors(text):
    with pytest.raises(DeadlineError):
        parse(text, 2023)
