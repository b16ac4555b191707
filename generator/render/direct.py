"""Put the documents into a plain template in place, without docxtpl's text round trip.

docxtpl renders a template by serialising the body to text, running Jinja over it, rewriting
the text with regular expressions, parsing it back and checking every table: for a provincial
plan that is half the time of a render, and it grows faster than the document. A template
whose only Jinja is the three ``{{p tag }}`` paragraphs (templates/plan.docx and any restyled
copy of it) gets nothing from that but the paragraphs replaced, so here they are replaced in
place. ``fits`` asks docxtpl's own ``patch_xml`` whether a template is that plain, once per
template file; ``place`` refuses (returns False, touching nothing) whenever docxtpl would
have changed more: a table its ``fix_tables`` would resize, text its ``resolve_listing``
would rewrite. Then the two paths give the same bytes (tests/build/test_direct_render.py).
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from lxml import etree

from . import ooxml
from .template import TAGS

MARKERS = ("{{", "}}", "{%", "%}", "{#", "#}")
REWRITTEN = re.compile("[\t\n\r\x07\x0c]")       # what Jinja or resolve_listing would change
CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_TAG = re.compile(r"\{\{p\s+(\w+)\s*\}\}")
_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_TEXT = etree.XPath("string()")       # all text below a node; python-docx overrides .text


def fits(template: Path | str) -> bool:
    """Whether docxtpl would do nothing to ``template`` but replace the three tag paragraphs."""
    st = os.stat(template)
    return _fits(str(template), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _fits(path: str, size: int, mtime_ns: int) -> bool:
    from docxtpl import DocxTemplate
    doc = DocxTemplate(path)
    doc.init_docx()
    original = doc.get_xml()
    tags = tag_paragraphs(doc.docx.element.body)
    if sorted(tags) != sorted(TAGS) or REWRITTEN.search(original) or any(
            p.tail for p in tags.values()):
        return False
    patched = doc.patch_xml(original)
    for tag, paragraph in tags.items():
        _replace_with_text(paragraph, "{{ %s }}" % tag)
    if patched != doc.get_xml():
        return False
    rest = functools.reduce(lambda s, tag: s.replace("{{ %s }}" % tag, "", 1), TAGS, patched)
    body = doc.docx.element.body
    return (not _has_markers(rest) and _parts_plain(doc) and next(body.iter(_DOCPR), None) is None
            and all(_table_kept(t) for t in body.iter(ooxml.qn("w:tbl"))))


def _parts_plain(doc) -> bool:
    """Headers, footers and core properties without Jinja; no footnotes part."""
    for uri in (doc.HEADER_URI, doc.FOOTER_URI):
        for _, part in doc.get_headers_footers(uri):
            xml = doc.get_part_xml(part)
            if doc.patch_xml(xml) != xml or _has_markers(xml) or REWRITTEN.search(xml):
                return False
    props = doc.docx.core_properties
    if any(_has_markers(getattr(props, name) or "") or REWRITTEN.search(getattr(props, name) or "")
           for name in CORE_PROPERTIES):
        return False
    return not any(p.content_type == FOOTNOTES for p in doc.docx.part.package.iter_parts())


def _has_markers(text: str) -> bool:
    return any(m in text for m in MARKERS)


def tag_paragraphs(body: etree._Element) -> dict[str, etree._Element]:
    """The body's paragraphs whose whole text is one ``{{p tag }}``, by tag."""
    out = {}
    for node in body.iterchildren(ooxml.qn("w:p")):
        m = _TAG.fullmatch(_TEXT(node))
        if m:
            out[m[1]] = node
    return out


def _replace_with_text(node: etree._Element, text: str) -> None:
    previous, parent = node.getprevious(), node.getparent()
    if previous is None:
        parent.text = (parent.text or "") + text
    else:
        previous.tail = (previous.tail or "") + text
    parent.remove(node)


def place(document, elements: dict[str, list[etree._Element]]) -> bool:
    """Replace each tag paragraph of ``document`` (python-docx) by its elements.

    False, with nothing changed, when docxtpl would have rewritten the elements' text or
    resized one of their tables; then the caller renders through docxtpl instead.
    """
    if not all(_unchanged_by_docxtpl(e) for els in elements.values() for e in els):
        return False
    for tag, paragraph in tag_paragraphs(document.element.body).items():
        for node in elements.get(tag, ()):
            paragraph.addprevious(node)
        paragraph.getparent().remove(paragraph)
    props = document.core_properties
    for name in CORE_PROPERTIES:                 # docxtpl re-sets each (creating empty ones)
        setattr(props, name, getattr(props, name))
    return True


def _unchanged_by_docxtpl(node: etree._Element) -> bool:
    if REWRITTEN.search(_TEXT(node)):
        return False
    if node.tag == _DOCPR or next(node.iter(_DOCPR), None) is not None:
        return False
    return all(_table_kept(t) for t in node.iter(ooxml.qn("w:tbl")))


def _table_kept(table: etree._Element) -> bool:
    """What docxtpl's fix_tables checks: no row has more cells than the grid has columns,
    and the widest row spans the whole grid; otherwise it would add or drop grid columns."""
    grid = table.find(ooxml.qn("w:tblGrid"))
    if grid is None:
        return False
    columns = len(grid.findall(ooxml.qn("w:gridCol")))
    widest = most = 0
    for row in table.iter(ooxml.qn("w:tr")):
        cells = row.findall(ooxml.qn("w:tc"))
        most = max(most, len(cells))
        widest = max(widest, sum(_span(c) for c in cells))
    return most <= columns <= widest


def _span(cell: etree._Element) -> int:
    props = cell.find(ooxml.qn("w:tcPr"))
    span = None if props is None else props.find(ooxml.qn("w:gridSpan"))
    return 1 if span is None else int(span.get(ooxml.qn("w:val")))
