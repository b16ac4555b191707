"""Splice the documents' markup into a plain template, without docxtpl's text round trip.

docxtpl renders a template by serialising the body to text, running Jinja over it, rewriting
the text with regular expressions, parsing it back and checking every table; python-docx then
serialises every part again. A template whose only Jinja is the three ``{{p tag }}``
paragraphs (templates/plan.docx and any restyled copy of it) gets nothing from that but the
paragraphs replaced. So such a template is read once per process and cut at those paragraphs
(a ``Skeleton``), and each render joins the pieces with the documents' markup: the text
docxtpl would have parsed, written out as lxml would write it.

``skeleton`` asks docxtpl's own ``patch_xml`` whether a template is that plain; ``fill``
refuses (returns None) whenever docxtpl would have changed more: text its
``resolve_listing`` would rewrite, a table its ``fix_tables`` would resize, a drawing whose id
it would renumber. Then the two paths give the same bytes (tests/build/test_direct_render.py).
"""
from __future__ import annotations

import copy
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lxml import etree

from . import ooxml
from .template import TAGS

MARKERS = ("{{", "}}", "{%", "%}", "{#", "#}")
REWRITTEN = re.compile("[\t\n\r\x07\x0c]")       # what Jinja or resolve_listing would change
# The same in markup: raw, or as the character references lxml writes for them.
REWRITTEN_MARKUP = re.compile("[\t\n\r\x07\x0c]|&#(?:9|10|13);")
CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CORE = "application/vnd.openxmlformats-package.core-properties+xml"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
FINAL = "final-section"
_SLOT = "plangen-slot:"
_SLOTS = re.compile(rb"<!--plangen-slot:([\w-]+)-->")
_TAG = re.compile(r"\{\{p\s+(\w+)\s*\}\}")
_DOCPR = f"{{{DRAWING_NS}}}docPr"
_TEXT = etree.XPath("string()")       # all text of a node; python-docx overrides .text


@dataclass(frozen=True)
class Skeleton:
    """A plain template read once: ``document.xml`` cut at the slots, the other parts as bytes.

    ``slots`` names what goes between the pieces: the tags, and FINAL for the body's last
    section properties; ``section`` is the template's own, the base of every section's.
    """

    pieces: tuple[bytes, ...]
    slots: tuple[str, ...]
    parts: dict[str, bytes]
    document_name: str
    core_name: str
    core: bytes
    section: etree._Element

    def fill(self, bodies: dict[str, str], final: str,
             pin: Callable[[object], None]) -> dict[str, bytes] | None:
        """The package's members with ``bodies`` (markup by tag) in place of the tag paragraphs
        and ``final`` (a ``w:sectPr``) as the last section; ``pin`` sets core properties.

        None when docxtpl would have rendered the markup differently.
        """
        if not all(unchanged_by_docxtpl(markup) for markup in (*bodies.values(), final)):
            return None
        chunks = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:]):
            chunks += [(final if slot == FINAL else bodies.get(slot, "")).encode("utf-8"), piece]
        parts = dict(self.parts)
        parts[self.document_name] = b"".join(chunks)
        parts[self.core_name] = _pinned(self.core, pin)
        return parts


def skeleton(template: Path | str) -> Skeleton | None:
    """``template`` cut at its tag paragraphs, or None when docxtpl must render it.

    A template that cannot be read or opened gets None too: docxtpl then says what is wrong.
    """
    try:
        st = os.stat(template)
        return _skeleton(str(template), st.st_size, st.st_mtime_ns)
    except Exception:
        return None


@functools.lru_cache(maxsize=16)
def _skeleton(path: str, size: int, mtime_ns: int) -> Skeleton | None:
    from docx import Document
    if not _fits(path):
        return None
    document = Document(path)
    body = document.element.body
    for tag, paragraph in tag_paragraphs(body).items():
        _replace(paragraph, etree.Comment(_SLOT + tag))
    final = ooxml.body_section(body)
    section = copy.deepcopy(final)
    _replace(final, etree.Comment(_SLOT + FINAL))
    document.core_properties                     # created now when the template has none
    parts = members(document)
    if parts is None:
        return None
    document_name = document.part.partname.membername
    core_name = next(p.partname.membername for p in document.part.package.iter_parts()
                     if p.content_type == CORE)
    cut = _SLOTS.split(parts.pop(document_name))
    return Skeleton(pieces=tuple(cut[0::2]), slots=tuple(s.decode() for s in cut[1::2]),
                    parts=parts, document_name=document_name, core_name=core_name,
                    core=parts.pop(core_name), section=section)


def _replace(node: etree._Element, by: etree._Element) -> None:
    node.addprevious(by)
    node.getparent().remove(node)


def _pinned(core: bytes, pin: Callable[[object], None]) -> bytes:
    """The core properties part with ``pin`` applied, serialised as python-docx does."""
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml
    element = parse_xml(core)
    props = CoreProperties(element)
    for name in CORE_PROPERTIES:                 # docxtpl re-sets each (creating empty ones)
        setattr(props, name, getattr(props, name))
    pin(props)
    return serialize_part_xml(element)


def fits(template: Path | str) -> bool:
    """Whether docxtpl would do nothing to ``template`` but replace the three tag paragraphs."""
    return skeleton(template) is not None


def _fits(path: str) -> bool:
    from docxtpl import DocxTemplate
    doc = DocxTemplate(path)
    doc.init_docx()
    original = doc.get_xml()
    body = doc.docx.element.body
    tags = tag_paragraphs(body)
    if (sorted(tags) != sorted(TAGS) or REWRITTEN.search(original) or body.prefix != "w"
            or any(p.tail for p in tags.values())):
        return False
    patched = doc.patch_xml(original)
    for tag, paragraph in tags.items():
        _replace_with_text(paragraph, "{{ %s }}" % tag)
    if patched != doc.get_xml():
        return False
    rest = functools.reduce(lambda s, tag: s.replace("{{ %s }}" % tag, "", 1), TAGS, patched)
    return (not _has_markers(rest) and _parts_plain(doc) and next(body.iter(_DOCPR), None) is None
            and tables_kept(etree.tostring(body, encoding="unicode")))


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


def unchanged_by_docxtpl(markup: str) -> bool:
    """Whether docxtpl would leave body ``markup`` as it is: no text for resolve_listing, no
    drawing for fix_docpr_ids, no table for fix_tables."""
    return not REWRITTEN_MARKUP.search(markup) and DRAWING_NS not in markup \
        and tables_kept(markup)


# Elements around cells or rows that fix_tables does not see through, and property changes
# that hold a second grid or cell properties: markup holding any is left to docxtpl.
_UNSEEN = ("<w:sdt", "<w:customXml", "<w:smartTag", "PrChange", "GridChange")
_TABLE_START = re.compile(r"<w:tbl[ >]")
_ROW_START = re.compile(r"<w:tr[ >]")
_SPAN = re.compile(r'<w:gridSpan w:val="(\d+)"/>')


def tables_kept(markup: str) -> bool:
    """What docxtpl's fix_tables checks, read from markup: no row has more cells than the
    grid has columns, and the widest row spans the whole grid; otherwise it would add or
    drop grid columns.

    Counted per row with string methods, which is sound for the markup lxml and ooxml.py
    write (no whitespace inside tags) once nested tables and the elements in _UNSEEN are
    refused: then every ``w:tc`` is a cell of its row and every ``w:gridSpan`` the span of
    one cell.
    """
    if not _TABLE_START.search(markup):
        return True
    if any(unseen in markup for unseen in _UNSEEN):
        return False
    *tables, rest = markup.split("</w:tbl>")
    if _TABLE_START.search(rest):
        return False
    for chunk in tables:
        starts = _TABLE_START.findall(chunk)
        if len(starts) != 1:
            return False                         # nested, or not a table at all
        head, *rows = _ROW_START.split(chunk[chunk.index(starts[0]):])
        if head.count("<w:tblGrid>") != 1 or "<w:tc" in head:
            return False
        columns = head.count("<w:gridCol ") + head.count("<w:gridCol/>")
        most = widest = 0
        for row in rows:
            cells = row.count("<w:tc>") + row.count("<w:tc ")
            spans = cells
            if "<w:gridSpan" in row:
                values = _SPAN.findall(row)
                if len(values) != row.count("<w:gridSpan") or len(values) > cells:
                    return False
                spans += sum(int(v) - 1 for v in values)
            most, widest = max(most, cells), max(widest, spans)
        if not most <= columns <= widest:
            return False
    return True
