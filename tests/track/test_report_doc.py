"""The report's own markup: a picture run and a shaded cell, in the order the schema demands,
and parseable on their own (a redline or a reader parses markup without the document root)."""
from __future__ import annotations

from lxml import etree

from generator.render import ooxml

W = ooxml.W_NS


def test_a_picture_run_stands_alone_and_measures_in_emu():
    markup = ooxml.picture_run_xml("rIdPlangenImage1", 1, "Hình 1", "Biểu đồ", 9072, 3402)
    run = ooxml.elements(markup)[0]
    drawing = run.find(f"{{{W}}}drawing")
    inline = drawing[0]
    assert etree.QName(inline).localname == "inline"
    extent = inline.find(f"{{{ooxml.WP_NS}}}extent")
    assert (extent.get("cx"), extent.get("cy")) == (str(9072 * 635), str(3402 * 635))
    assert inline.find(f"{{{ooxml.WP_NS}}}docPr").get("descr") == "Biểu đồ"
    blip = inline.find(f".//{{{ooxml.A_NS}}}blip")
    assert blip.get(f"{{{ooxml.R_NS}}}embed") == "rIdPlangenImage1"
    assert run.find(f"{{{W}}}rPr/{{{W}}}rFonts") is not None


def test_a_shaded_cell_puts_the_fill_before_the_vertical_alignment():
    cell = ooxml.elements(ooxml.cell_xml(1000, ooxml.paragraph_xml("Plan Table Text", "x"),
                                         vmerge="restart", shade="D9D9D9"))[0]
    props = [etree.QName(child).localname for child in cell.find(f"{{{W}}}tcPr")]
    assert props == ["tcW", "vMerge", "shd", "vAlign"]
    assert cell.find(f"{{{W}}}tcPr/{{{W}}}shd").get(f"{{{W}}}fill") == "D9D9D9"
    plain = ooxml.elements(ooxml.cell_xml(1000, ooxml.paragraph_xml("Plan Table Text", "x")))[0]
    assert plain.find(f"{{{W}}}tcPr/{{{W}}}shd") is None
