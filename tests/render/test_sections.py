"""Sections: one per document, A4, the decree's margins, landscape appendix numbered from 1."""
from __future__ import annotations

from .docx_xml import NS, w


def sections(doc):
    return doc.xpath(".//w:pPr/w:sectPr") + doc.xpath("./w:sectPr")


def attr(node, child, name):
    return int(node.find(w(child)).get(w(name)))


def test_decision_plan_and_appendix_are_three_sections_in_order(decision_docx):
    found = sections(decision_docx)
    assert len(found) == 3
    texts = [decision_docx.text(p) for p in decision_docx.paragraphs()]
    order = [texts.index("QUYẾT ĐỊNH"), texts.index("KẾ HOẠCH"), texts.index("PHỤ LỤC")]
    assert order == sorted(order)


def test_every_section_is_a4_with_the_decree_margins(decision_docx, standalone_docx):
    for doc in (decision_docx, standalone_docx):
        for sect in sections(doc):
            assert {attr(sect, "pgSz", "w"), attr(sect, "pgSz", "h")} == {11906, 16838}
            margins = [attr(sect, "pgMar", side) for side in ("top", "bottom", "left", "right")]
            assert margins == [1134, 1134, 1701, 850]


def test_the_appendix_section_is_landscape_with_swapped_dimensions(decision_docx):
    *portrait, last = sections(decision_docx)
    size = last.find(w("pgSz"))
    assert (size.get(w("w")), size.get(w("h")), size.get(w("orient"))) == ("16838", "11906", "landscape")
    for sect in portrait:
        assert attr(sect, "pgSz", "w") == 11906 and sect.find(w("pgSz")).get(w("orient")) is None


def test_each_document_numbers_its_pages_from_1_and_hides_the_first(decision_docx):
    for sect in sections(decision_docx):
        assert sect.find(w("titlePg")) is not None
        assert sect.find(w("pgNumType")).get(w("start")) == "1"


def test_every_section_points_at_the_page_number_header(decision_docx):
    header_xml = decision_docx.part("word/header1.xml")
    assert header_xml.xpath("string(.//w:instrText)", namespaces=NS).strip() == "PAGE"
    for sect in sections(decision_docx):
        kinds = sect.xpath("./w:headerReference/@w:type", namespaces=NS)
        assert sorted(kinds) == ["default", "first"]


def test_a_plan_issued_alone_without_appendix_is_one_numbered_section(standalone_docx):
    (only,) = sections(standalone_docx)
    assert only.find(w("titlePg")) is not None
    assert attr(only, "pgSz", "w") == 11906
