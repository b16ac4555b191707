"""The emphasis markup read alone: spans, escapes, what stays text, and the unclosed span."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from generator.plan.emphasis import Span, plain, problem, spans

from ..conftest import examples


def test_bold_italic_and_underline_spans():
    assert spans("Kinh phí **20.000.000đ** *(dự kiến)* __gấp__") == (
        Span("Kinh phí "), Span("20.000.000đ", bold=True), Span(" "),
        Span("(dự kiến)", italic=True), Span(" "), Span("gấp", underline=True))


def test_spans_nest_and_a_marker_inside_a_word_counts():
    assert spans("***Lưu ý:*** x") == (Span("Lưu ý:", bold=True, italic=True), Span(" x"))
    assert spans("**Tổng *cộng***") == (Span("Tổng ", bold=True), Span("cộng", bold=True, italic=True))
    assert spans("20.000.000**đ**") == (Span("20.000.000"), Span("đ", bold=True))


@pytest.mark.parametrize("text", ["ma__so_don_vi", "a * b", "5 * 3 = 15", "*", "vp_ubnd_tinh",
                                  "Văn bản (đính kèm)", "x __ y"])
def test_what_stays_text(text):
    assert spans(text) == (Span(text),) and problem(text) is None


def test_backslash_writes_the_character_itself():
    assert plain(r"\*\*không đậm\*\* \_\_ \\ \n") == r"**không đậm** __ \ \n"
    assert spans(r"**a\*b**") == (Span("a*b", bold=True),)


@pytest.mark.parametrize("text, message", [
    ("Kinh phí **20.000.000 đồng", "bold '**' at character 10 is never closed"),
    ("ghi chú (*)", "italic '*' at character 10 is never closed"),
    ("__a__ __b", "underline '__' at character 7 is never closed"),
])
def test_an_unclosed_span_is_a_problem_and_reads_as_text(text, message):
    assert problem(text).startswith(message)
    assert plain(text) == text.replace("__a__", "a")


@settings(max_examples=examples(200))
@given(st.text(alphabet="ab *_\\\n", max_size=30))
def test_plain_is_the_text_of_the_spans_and_never_longer(text):
    assert plain(text) == "".join(s.text for s in spans(text))
    assert len(plain(text)) <= len(text)
    if "*" not in text and "__" not in text and "\\" not in text:
        assert plain(text) == text
