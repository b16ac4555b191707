"""The text-level pieces of rolling a plan forward: years, in-place edits, the citation."""
from __future__ import annotations

import pytest
import yaml

from generator.scaffold.cite import add_citation
from generator.plan.workspace import Workspace
from generator.record import replace
from generator.scaffold.yaml_edit import Editor
from generator.scaffold.years import mentions, move_on

from .conftest import ROOT

PROVINCE = ROOT / "tests" / "fixtures" / "tree" / "province.yaml"


@pytest.mark.parametrize("text, moved", [
    ("Tháng 01/2024", "Tháng 01/2025"),
    ("Tháng 12/2023", "Tháng 12/2024"),                          # the year before the plan
    ("Quý I/2025", "Quý I/2025"),                                # neither: left alone
    ("Trước ngày 29/02/2024", "Trước ngày 28/02/2025"),         # no 29 February in 2025
    ("theo Thông tư số 01/2024/TT-VPCP ngày 05/4/2024", "theo Thông tư số 01/2024/TT-VPCP ngày 05/4/2025"),
    ("giai đoạn 2021 - 2024, năm 2024", "giai đoạn 2021 - 2024, năm 2025"),
    ("{{ year }}", "{{ year }}"),
])
def test_only_the_plans_own_years_move(text, moved):
    assert move_on(text, 2024)[0] == moved


def test_a_year_in_a_document_number_is_not_a_mention():
    assert mentions("năm 2024 của tỉnh", 2024)
    assert not mentions("Quyết định số 25/2024/QĐ-UBND", 2024)
    assert not mentions("giai đoạn 2020-2024", 2024)


def test_comments_go_where_yaml_allows_them():
    text = ("a: >-\n  long\n  text\n"
            "b: plain text that\n  goes on here\n"
            "c: {x: \"one\", y: \"two\"}\n"
            "d:\n  - \"item\"\n")
    editor = Editor(text)
    for path in [("a",), ("b",), ("c", "x"), ("c", "y"), ("d", 0), ("d",)]:
        editor.note(path, f"REVIEW: {'.'.join(map(str, path))}")
    out = editor.result()
    assert out == ("a: >-  # REVIEW: a\n  long\n  text\n"
                   "b: plain text that\n  goes on here  # REVIEW: b\n"
                   "c: {x: \"one\", y: \"two\"}  # REVIEW: c.x; c.y\n"
                   "d:  # REVIEW: d\n  - \"item\"  # REVIEW: d.0\n")
    assert yaml.safe_load(out) == yaml.safe_load(text)


def test_a_comment_after_a_text_that_goes_on_goes_above_its_key():
    text = "m: {x: 1, y: \"two\nlines\"}\nz: 1\n"
    editor = Editor(text)
    editor.note(("m", "x"), "REVIEW: x")
    assert editor.result() == "# REVIEW: x\nm: {x: 1, y: \"two\nlines\"}\nz: 1\n"


@pytest.fixture(scope="module")
def province():
    return Workspace().load(PROVINCE).model


@pytest.mark.parametrize("text", [
    "plan:\n  title: \"T\"\n  bases: [\"Căn cứ A;\", {cite: parent}]\n",
    "plan:\n  bases:\n    - \"Căn cứ A;\"\n    - {cite: parent}\n  title: \"T\"\n",
    "plan:\n  title: \"T\"\n",
    "year: 2024\n",
])
def test_the_citation_joins_the_bases_wherever_they_are(province, text):
    alone = replace(province, decision=None)
    editor = Editor(text)
    add_citation(editor, alone)
    data = yaml.safe_load(editor.result())
    cite = data["plan"]["bases"][-1]["cite"]
    assert cite == {"type": "Quyết định", "number": "77/QĐ-UBND", "date": "2023-01-18",
                    "issuer": "Ủy ban nhân dân tỉnh An Giang",
                    "about": "về việc kiểm soát thủ tục hành chính năm 2023 trên địa bàn tỉnh An Giang"}
    assert data["plan"].get("title", "T") == "T"
