"""Splice the documents' markup into a plain template, without docxtpl's text round trip.

docxtpl renders a template by serialising the body to text, running Jinja over it, rewriting
the text with regular expressions, parsing it back and checking every table; python-docx then
serialises every part again. A template whose only Jinja is the three ``{{p tag }}``
paragraphs (templates/plan.docx and any restyled copy of it) gets nothing from that but the
paragraphs replaced. So such a template is read once, cut at those paragraphs (a
``Skeleton``, kept in memory and in the user's cache), and each render joins the pieces with
the documents' markup: the text docxtpl would have parsed, written out as lxml would write it.

``skeleton`` asks docxtpl's own ``patch_xml`` whether a template is that plain; ``fill``
refuses (returns None) whenever docxtpl would have changed more: text its
``resolve_listing`` would rewrite, a table its ``fix_tables`` would resize, a drawing whose id
it would renumber. Then the two paths give the same bytes (tests/build/test_direct_render.py).
"""
from __future__ import annotations

import base64
import copy
import functools
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree

from generator.render import ooxml, package
from generator.render.styles import TAGS

MARKERS = ("{{", "}}", "{%", "%}", "{#", "#}")
REWRITTEN = re.compile("[\t\n\r\x07\x0c]")       # what Jinja or resolve_listing would change
# The same in markup: raw, or as the character references lxml writes for them.
REWRITTEN_MARKUP = ("\t", "\n", "\r", "\x07", "\x0c", "&#9;", "&#10;", "&#13;")
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


SENTINEL = package.CoreValues(_SLOT + "author", _SLOT + "title", datetime(1901, 2, 3, 4, 5, 6))
W3CDTF = "%Y-%m-%dT%H:%M:%SZ"        # how python-docx writes a core date


@dataclass(frozen=True)
class Skeleton:
    """A plain template read once: ``document.xml`` and ``core.xml`` cut at their slots, the
    other parts as bytes, the body's section properties (the base of every section's).

    ``slots`` names what goes between the pieces of the document: the tags, and FINAL for the
    body's last section properties; ``core_slots`` the plan's core properties.
    """

    pieces: tuple[bytes, ...]
    slots: tuple[str, ...]
    core_pieces: tuple[bytes, ...]
    core_slots: tuple[str, ...]
    parts: dict[str, bytes]
    document_name: str
    core_name: str
    section_xml: bytes

    @functools.cached_property
    def section(self) -> etree._Element:
        return etree.fromstring(self.section_xml)

    def fill(self, bodies: dict[str, str], final: str,
             core: package.CoreValues) -> dict[str, bytes] | None:
        """The package's members with ``bodies`` (markup by tag) in place of the tag paragraphs,
        ``final`` (a ``w:sectPr``) as the last section and ``core`` in the core properties.

        None when docxtpl would have rendered the markup differently.
        """
        if not all(unchanged_by_docxtpl(markup) for markup in (*bodies.values(), final)):
            return None
        document = _join(self.pieces, self.slots, {**bodies, FINAL: final})
        values = {"author": ooxml.escape(core.author), "title": ooxml.escape(core.title),
                  "date": core.date.strftime(W3CDTF)}
        parts = dict(self.parts)
        parts[self.document_name] = document
        parts[self.core_name] = _join(self.core_pieces, self.core_slots, values)
        return parts

    def to_json(self) -> dict:
        """For the cache: bytes as base64, the rest as it is."""
        return {"pieces": _b64(self.pieces), "slots": list(self.slots),
                "core_pieces": _b64(self.core_pieces), "core_slots": list(self.core_slots),
                "parts": dict(zip(self.parts, _b64(self.parts.values()))),
                "document_name": self.document_name, "core_name": self.core_name,
                "section_xml": _b64([self.section_xml])[0]}

    @classmethod
    def from_json(cls, data: dict) -> "Skeleton":
        return cls(pieces=_unb64(data["pieces"]), slots=tuple(data["slots"]),
                   core_pieces=_unb64(data["core_pieces"]), core_slots=tuple(data["core_slots"]),
                   parts=dict(zip(data["parts"], _unb64(data["parts"].values()))),
                   document_name=data["document_name"], core_name=data["core_name"],
                   section_xml=_unb64([data["section_xml"]])[0])


def _b64(blobs) -> list[str]:
    return [base64.b64encode(b).decode("ascii") for b in blobs]


def _unb64(texts) -> tuple[bytes, ...]:
    return tuple(base64.b64decode(t) for t in texts)


def _join(pieces: tuple[bytes, ...], slots: tuple[str, ...], values: dict[str, str]) -> bytes:
    chunks = [pieces[0]]
    for slot, piece in zip(slots, pieces[1:]):
        chunks += [values.get(slot, "").encode("utf-8"), piece]
    return b"".join(chunks)


def _cut(data: bytes) -> tuple[tuple[bytes, ...], tuple[str, ...]]:
    cut = _SLOTS.split(data)
    return tuple(cut[0::2]), tuple(s.decode() for s in cut[1::2])


def skeleton(template: Path | str) -> Skeleton | None:
    """``template`` cut at its tag paragraphs, or None when docxtpl must render it.

    Kept in memory and in the user's cache (render/cache.py), under a key that hashes the
    template, the generator and the libraries: a warm start imports neither python-docx nor
    docxtpl. A template that cannot be read or opened gets None: docxtpl then says what is
    wrong.
    """
    try:
        st = os.stat(template)
        return _skeleton(str(template), st.st_size, st.st_mtime_ns)
    except Exception:
        return None


@functools.lru_cache(maxsize=16)
def _skeleton(path: str, size: int, mtime_ns: int) -> Skeleton | None:
    from generator.render import cache
    key = cache.fingerprint(Path(path))
    data = cache.load("skeleton", key)
    if data is not None:
        try:
            return Skeleton.from_json(data) if data.get("plain") else None
        except (KeyError, TypeError, ValueError):
            pass
    built = _build(path)
    cache.store("skeleton", key, {"plain": True, **built.to_json()} if built else {"plain": False})
    return built


def _build(path: str) -> Skeleton | None:
    from docx import Document
    if not _fits(path):
        return None
    document = Document(path)
    body = document.element.body
    for tag, paragraph in tag_paragraphs(body).items():
        _replace(paragraph, etree.Comment(_SLOT + tag))
    final = ooxml.body_section(body)
    section_xml = etree.tostring(copy.deepcopy(final))     # only the namespaces it uses
    _replace(final, etree.Comment(_SLOT + FINAL))
    props = document.core_properties
    for name in CORE_PROPERTIES:                 # docxtpl re-sets each (creating empty ones)
        setattr(props, name, getattr(props, name))
    package.pin(props, SENTINEL)
    parts = members(document)
    if parts is None:
        return None
    document_name = document.part.partname.membername
    core_name = next(p.partname.membername for p in document.part.package.iter_parts()
                     if p.content_type == CORE)
    pieces, slots = _cut(parts.pop(document_name))
    core = parts.pop(core_name).replace(SENTINEL.date.strftime(W3CDTF).encode(), _mark("date"))
    for name in ("author", "title"):
        core = core.replace(getattr(SENTINEL, name).encode(), _mark(name))
    core_pieces, core_slots = _cut(core)
    return Skeleton(pieces, slots, core_pieces, core_slots, parts, document_name, core_name,
                    section_xml)


def _mark(slot: str) -> bytes:
    return f"<!--{_SLOT}{slot}-->".encode()


def _replace(node: etree._Element, by: etree._Element) -> None:
    node.addprevious(by)
    node.getparent().remove(node)


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
    return not any(c in markup for c in REWRITTEN_MARKUP) and DRAWING_NS not in markup \
        and tables_kept(markup)


# Elements around cells or rows that fix_tables does not see through, property changes that
# hold a second grid or cell properties, and tags with attributes where ooxml.py writes none:
# markup holding any is left to docxtpl.
_UNSEEN = ("<w:sdt", "<w:customXml", "<w:smartTag", "PrChange", "GridChange", "<w:tbl ",
           "<w:tr ", "<w:tc ")
_SPAN = re.compile(r'<w:gridSpan w:val="(\d+)"/>')


def tables_kept(markup: str) -> bool:
    """What docxtpl's fix_tables checks, read from markup: no row has more cells than the
    grid has columns, and the widest row spans the whole grid; otherwise it would add or
    drop grid columns.

    Counted per row with string methods, which is sound for the markup lxml and ooxml.py
    write once nested tables and the forms in _UNSEEN are refused: then every ``<w:tc>`` is
    a cell of its row and every ``w:gridSpan`` the span of one cell.
    """
    if "<w:tbl" not in markup:                  # no table at all, with or without attributes
        return True
    if any(unseen in markup for unseen in _UNSEEN):
        return False
    *tables, rest = markup.split("</w:tbl>")
    if "<w:tbl>" in rest:
        return False
    for chunk in tables:
        if chunk.count("<w:tbl>") != 1:
            return False                         # nested, or not a table at all
        head, *rows = chunk[chunk.index("<w:tbl>"):].split("<w:tr>")
        if head.count("<w:tblGrid>") != 1 or "<w:tc>" in head:
            return False
        columns = head.count("<w:gridCol ") + head.count("<w:gridCol/>")
        widest = 0
        for row in rows:
            cells = row.count("<w:tc>")
            if cells > columns:
                return False
            if widest < columns:
                spans = cells
                if "<w:gridSpan" in row:
                    values = _SPAN.findall(row)
                    if len(values) != row.count("<w:gridSpan") or len(values) > cells:
                        return False
                    spans += sum(int(v) - 1 for v in values)
                widest = max(widest, spans)
        if widest < columns:
            return False
    return True
