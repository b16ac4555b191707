"""Small pieces: the closing mark, the number line, text widths, merges of multi-row tasks."""
from __future__ import annotations

import pytest

from generator.record import replace
from generator.render.appendix import _merge_plan
from generator.render.blocks import closing_mark, number_line
from generator.render.textwidth import text_width

from .fixtures import decision_plan, standalone_plan, task


@pytest.mark.parametrize("text, marked", [
    ("kịp thời chỉ đạo, tháo gỡ.", "kịp thời chỉ đạo, tháo gỡ./."),
    ("kịp thời chỉ đạo, tháo gỡ", "kịp thời chỉ đạo, tháo gỡ./."),
    ("đã có dấu./.", "đã có dấu./."),
])
def test_closing_mark(text, marked):
    assert closing_mark(text) == marked


def test_number_line_numbered_and_draft():
    assert number_line(decision_plan()) == "Số: 77/QĐ-UBND"
    assert number_line(standalone_plan()) == "Số:      /KH-SXD"
    one = decision_plan()
    numbered = replace(one.document, number="01", code="01/QĐ-UBND")
    assert number_line(replace(one, document=numbered)) == "Số: 01/QĐ-UBND"


def test_vietnamese_letters_measure_as_their_base_letter():
    assert text_width("Độc lập", 14, bold=True) == text_width("Doc lap", 14, bold=True)
    assert text_width("MMM", 13) > text_width("iii", 13)
    assert 5.5 < text_width("Độc lập - Tự do - Hạnh phúc", 14, bold=True) / 567 < 6.5


def test_merge_plan_restarts_where_a_row_gives_the_field_and_continues_elsewhere():
    rows = ({"result": ("a",)}, {"deadline": ("Quý I",)}, {})
    t = task("t", 1, "nội dung", deadline="Năm 2023", rows=rows)
    assert _merge_plan(t, "deadline", False) == [(("Năm 2023",), None), (("Quý I",), "restart"),
                                          (None, "continue")]
    assert _merge_plan(t, "result", False) == [(("a",), "restart"), (None, "continue"), (None, "continue")]
    assert _merge_plan(task("u", 2, "x"), "content", False) == [(("x",), None)]


def test_merge_plan_across_tasks():
    above = task("a", 1, "x", deadline="Năm 2023")
    below = replace(task("b", 2, "y"), merge_up=frozenset({"deadline"}))
    assert _merge_plan(above, "deadline", True) == [(("Năm 2023",), "restart")]
    assert _merge_plan(below, "deadline", False) == [(None, "continue")]
    assert _merge_plan(below, "content", False) == [(("y",), None)]
