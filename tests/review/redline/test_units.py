"""The pieces of a redline: word diffs in paragraphs, merges across versions."""
from __future__ import annotations

from generator.render import ooxml
from generator.review.redline.rows import mend_vertical_merges
from generator.review.redline.paragraphs import diff_paragraph, text_of

from .conftest import W, texts


def paragraph(*runs) -> object:
    markup = "".join(ooxml.run_xml(text, style) for text, style in runs)
    return ooxml.elements(ooxml.paragraph_xml("Plan Body", runs=markup))[0]


def test_whole_words_change_and_a_space_between_changes_joins_them():
    old = paragraph(("Công tác truyền thông về kiểm soát", None))
    new = paragraph(("Tổ chức truyền thông về kiểm soát", None))
    result = diff_paragraph(old, new)
    assert texts(result.xpath("w:del", namespaces=W)) == ["Công tác"]
    assert texts(result.xpath("w:ins", namespaces=W)) == ["Tổ chức"]
    assert text_of(result).startswith("Công tácTổ chức truyền thông")


def test_a_change_of_character_style_is_a_change():
    old = paragraph(("Điều 1.", None), (" Ban hành", None))
    new = paragraph(("Điều 1.", "Plan Article Label"), (" Ban hành", None))
    result = diff_paragraph(old, new)
    assert texts(result.xpath("w:del", namespaces=W)) == ["Điều 1."]
    assert result.xpath("w:ins/w:r/w:rPr/w:rStyle", namespaces=W)


def test_equal_paragraphs_come_back_unchanged():
    old = paragraph(("Giữ nguyên\ncả dòng", None))
    result = diff_paragraph(old, paragraph(("Giữ nguyên\ncả dòng", None)))
    assert not result.xpath(".//w:ins | .//w:del", namespaces=W)
    assert len(result.xpath(".//w:br", namespaces=W)) == 1


def test_a_merge_continued_below_a_foreign_row_starts_again():
    def cell(vmerge=None):
        return ooxml.cell_xml(100, ooxml.paragraph_xml("Plan Table Text"), vmerge=vmerge)

    rows = [ooxml.row_xml(cell("restart") + cell()),
            ooxml.row_xml(cell("continue") + cell()),     # continues the first: kept
            ooxml.row_xml(cell() + cell()),               # a deleted row of the old version
            ooxml.row_xml(cell("continue") + cell())]     # nothing above to continue
    table = ooxml.elements(ooxml.table_xml([100, 100], "".join(rows)))[0]
    mend_vertical_merges(table)
    values = [tc.xpath("string(w:tcPr/w:vMerge/@w:val)", namespaces=W) or
              ("continue" if tc.xpath("w:tcPr/w:vMerge", namespaces=W) else "-")
              for tc in table.xpath("w:tr/w:tc[1]", namespaces=W)]
    assert values == ["restart", "continue", "-", "restart"]
