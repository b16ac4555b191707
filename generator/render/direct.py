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
_TEXT = etree.XPath("string()")       # all text of a node; python-docx overrides .text


def fits(template: Path | str) -> bool:
    """Whether docxtpl would do nothing to ``template`` but replace the three tag paragraphs.

    A template that cannot be read or opened does not fit: docxtpl then says what is wrong.
    """
    try:
        st = os.stat(template)
        return _fits(str(template), st.st_size, st.st_mtime_ns)
    except Exception:
        return False


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
            and all(_table_kept(t) for t in body.iter(_TBL)))


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
            _move(node, paragraph)
        paragraph.getparent().remove(paragraph)
    props = document.core_properties
    for name in CORE_PROPERTIES:                 # docxtpl re-sets each (creating empty ones)
        setattr(props, name, getattr(props, name))
    return True


def members(document) -> dict[str, bytes] | None:
    """The parts python-docx would zip on ``save``, by member name, without zipping them.

    The renderer zips once, in package.from_members; saving first would deflate every part
    twice and inflate it once. None when python-docx's writer is not the one this knows.
    """
    try:
        from docx.opc.pkgwriter import PackageWriter
        write_types = PackageWriter._write_content_types_stream
        write_rels, write_parts = PackageWriter._write_pkg_rels, PackageWriter._write_parts
    except (ImportError, AttributeError):
        return None
    package = document.part.package
    for part in package.parts:                   # what OpcPackage.save does first
        part.before_marshal()
    sink = _Members()
    write_types(sink, package.parts)
    write_rels(sink, package.rels)
    write_parts(sink, package.parts)
    return sink.parts


class _Members:
    """Stands in for python-docx's zip writer: keeps each member's bytes."""

    def __init__(self):
        self.parts: dict[str, bytes] = {}

    def write(self, pack_uri, blob: bytes) -> None:
        self.parts[pack_uri.membername] = blob

    def close(self) -> None:
        pass


def _move(node: etree._Element, before: etree._Element) -> None:
    """Insert ``node`` before ``before`` (in another document), a long table row by row.

    Moving a subtree between documents, lxml remaps each namespace reference through a
    cache it searches linearly, and every run built on its own brings its own ``xml:``
    namespace: one move of a 10,000-row table was quadratic. Row by row it is linear.
    """
    if node.tag != _TBL or len(node) < 32:
        before.addprevious(node)
        return
    children = list(node)
    for child in children:
        node.remove(child)
    before.addprevious(node)
    for child in children:
        node.append(child)


def _unchanged_by_docxtpl(node: etree._Element) -> bool:
    if REWRITTEN.search(etree.tostring(node, method="text", encoding=str)):
        return False
    if node.tag == _DOCPR or next(node.iter(_DOCPR), None) is not None:
        return False
    return all(_table_kept(t) for t in node.iter(_TBL))


_TBL, _GRID, _COL, _TR, _TC, _TCPR, _SPAN, _VAL = (ooxml.qn(t) for t in (
    "w:tbl", "w:tblGrid", "w:gridCol", "w:tr", "w:tc", "w:tcPr", "w:gridSpan", "w:val"))


def _table_kept(table: etree._Element) -> bool:
    """What docxtpl's fix_tables checks: no row has more cells than the grid has columns,
    and the widest row spans the whole grid; otherwise it would add or drop grid columns.

    One walk over rows, cells and spans; anything unusual (a nested table, a cell not
    directly in its row, a span fix_tables would not read) is left to docxtpl.
    """
    grid = table.find(_GRID)
    if grid is None:
        return False
    columns = sum(1 for _ in grid.iterchildren(_COL))
    most = widest = cells = spans = 0
    for node in table.iter(_TBL, _TR, _TC, _SPAN):
        tag = node.tag
        if tag == _TC:
            if node.getparent().tag != _TR:
                return False
            cells, spans = cells + 1, spans + 1
        elif tag == _TR:
            most, widest, cells, spans = max(most, cells), max(widest, spans), 0, 0
        elif tag == _SPAN:
            value = node.get(_VAL) or ""
            if not (value.isascii() and value.isdigit()) or not _first_span(node):
                return False
            spans += int(value) - 1
        elif node is not table:
            return False
    most, widest = max(most, cells), max(widest, spans)
    return most <= columns <= widest


def _first_span(span: etree._Element) -> bool:
    """The span fix_tables reads: the first gridSpan of the first tcPr of its cell."""
    props = span.getparent()
    cell = props.getparent()
    return (props.tag == _TCPR and cell.tag == _TC and cell.find(_TCPR) is props
            and props.find(_SPAN) is span)
