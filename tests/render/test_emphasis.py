"""Emphasis written in a plan reaches the DOCX as formatted runs, and only as formatting:
the markers are on no page, in no ``plangen text``, and Decree 30's checker still passes."""
from __future__ import annotations

import pytest

from generator.check import check_docx
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan
from generator.review.docx_text import docx_text

from ..conftest import TREE, edit
from .docx_xml import NS, Docx

EDITS = [
    ('- "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"',
     '- "Căn cứ **Luật Tổ chức chính quyền địa phương** ngày 19 tháng 6 năm 2015;"'),
    ('text: "Quyết định này có hiệu lực thi hành kể từ ngày ký."',
     'text: "Quyết định này có hiệu lực __thi hành__ kể từ ngày ký."'),
    ('text: "Nâng cao trách nhiệm."',
     "text: 'Nâng cao trách nhiệm *(của người đứng đầu)* trong việc kiểm soát thủ tục hành chính; "
     "ghi chú \\* và \\_\\_.'"),
    ('content: "Kiểm tra việc thực hiện"', 'content: "Kiểm tra, kinh phí **20.000.000đ**"'),
    ('title: "Rà soát thủ tục hành chính"', 'title: "Rà soát ***thủ tục*** hành chính"'),
]


@pytest.fixture(scope="module")
def emphasised(tmp_path_factory):
    plan = tmp_path_factory.mktemp("emphasis") / "province.yaml"
    plan.write_text((TREE / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for old, new in EDITS:
        edit(plan, old, new)
    path = plan.with_suffix(".docx")
    path.write_bytes(render_plan(Workspace().load(plan).model))
    return path


def formatted(doc: Docx, text: str) -> set[str]:
    """The emphasis properties (b, i, u) of the one run that holds exactly ``text``."""
    [run] = [r for r in doc.xpath(".//w:r") if Docx.text(r) == text]
    return {p.tag.split("}")[1] for p in run.xpath("w:rPr/w:b | w:rPr/w:i | w:rPr/w:u", namespaces=NS)}


def test_each_span_is_a_run_with_its_property(emphasised):
    doc = Docx(emphasised.read_bytes())
    assert formatted(doc, "Luật Tổ chức chính quyền địa phương") == {"b"}     # a legal basis
    assert formatted(doc, "thi hành") == {"u"}                              # an article
    assert formatted(doc, "(của người đứng đầu)") == {"i"}                  # a plan paragraph
    assert formatted(doc, "20.000.000đ") == {"b"}                           # a task's cell
    assert formatted(doc, "thủ tục") == {"b", "i"}                          # a group's title
    assert formatted(doc, "Kiểm tra, kinh phí ") == set()                   # the rest: plain
    [u] = doc.xpath(".//w:r/w:rPr/w:u")
    assert u.get(f"{{{NS['w']}}}val") == "single"


def test_the_markers_vanish_from_the_text_and_escapes_print_the_character(emphasised):
    lines = docx_text(emphasised).splitlines()
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;" in lines
    assert "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký./." in lines
    assert [l for l in lines if "(của người đứng đầu)" in l][0].endswith("ghi chú * và __.")
    assert any("Kiểm tra, kinh phí 20.000.000đ" in l for l in lines)
    assert any(l.endswith("Rà soát thủ tục hành chính") for l in lines)
    assert not [l for l in lines if "**" in l or "__" in l.replace("ghi chú * và __.", "")]


def test_the_decree_30_checker_passes_the_emphasised_plan(emphasised):
    assert check_docx(emphasised) == []


def test_a_plan_without_markup_renders_one_run_per_text():
    """The markup costs plain text nothing: its paragraphs keep one run each."""
    doc = Docx(render_plan(Workspace().load(TREE / "province.yaml").model))
    assert not doc.xpath(".//w:r/w:rPr/w:b | .//w:r/w:rPr/w:i | .//w:r/w:rPr/w:u")
