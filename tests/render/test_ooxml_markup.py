"""Markup written by ooxml.py is what lxml would write for the same elements, byte for byte:
the renderer splices both kinds (documents and redlines) into one skeleton."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from generator.render import ooxml
from ..conftest import examples

XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=(
    "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
    "\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff")), max_size=30)


@settings(max_examples=examples(150), deadline=None)
@given(text=XML_TEXT | st.sampled_from(["& < > \" ' \r \n \t", "Sở & “Ban” <b>", "\r\n"]))
def test_escaping_matches_lxml(text):
    node = etree.Element("a")
    node.text = text
    node.set("v", text)
    assert etree.tostring(node, encoding="unicode") == \
        f'<a v="{ooxml.escape_attribute(text)}">{ooxml.escape(text)}</a>'


@pytest.mark.parametrize("text, escaped", [("&amp; &lt;", "&amp;amp; &amp;lt;"),
                                           ("a\rb & c", "a&#13;b &amp; c"), ("Sở > Ban", "Sở &gt; Ban")])
def test_text_that_looks_escaped_is_escaped_again_as_lxml_does(text, escaped):
    node = etree.Element("a")
    node.text = text
    assert ooxml.escape(text) == escaped
    assert etree.tostring(node, encoding="unicode") == f"<a>{escaped}</a>"


def test_a_paragraph_survives_a_parse_and_serialise_unchanged():
    markup = ooxml.paragraph_xml("Plan Body", "Điều 1.\tBan hành\nkèm theo & <khác>",
                                 indent=(10, 20), keep_next=True)
    assert ooxml.markup(ooxml.elements(markup)) == markup


def test_a_table_survives_a_parse_and_serialise_unchanged():
    cell = ooxml.cell_xml(100, ooxml.paragraph_xml("Plan Table Text", "x"), span=2,
                          vmerge="restart")
    markup = ooxml.table_xml([50, 50], ooxml.row_xml(cell, header=True), borders=False,
                             cell_margin=0, top_margin=240)
    assert ooxml.markup(ooxml.elements(markup)) == markup


@pytest.mark.parametrize("bad", ["\x00", "a\x07b", "\x1f", "\ufffe"])
def test_text_xml_cannot_hold_is_refused_as_lxml_refuses_it(bad):
    with pytest.raises(ValueError):
        etree.Element("a").text = bad
    with pytest.raises(ValueError, match="XML compatible"):
        ooxml.run_xml(bad)
