"""The document as the rules see it: top-level blocks, sections, lines of text, tables, parts.

Everything here reads the raw XML of any DOCX. Text is NFC-normalised so that Vietnamese
typed in decomposed form compares equal; a line is what w:br splits a paragraph into, since
hand-made header blocks often stack two lines in one paragraph.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.check import formatting
from generator.check.formatting import ParaFormat, RunFormat, Styles
from generator.check.reader import DocxError, Package, load, w

_WRAPPERS = {w("sdt"), w("customXml"), w("sdtContent"), w("smartTag")}
_SKIPPED = {w("p"), w("pPr"), w("del"), w("moveFrom"), w("sdtPr"),
            "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_CHARS = {w("tab"): "\t", w("noBreakHyphen"): "-", w("softHyphen"): ""}
_BREAKS = {w("br"), w("cr")}
_DRAWINGS = (w("drawing"), w("pict"), w("object"))

TITLES = {"QUYẾT ĐỊNH": "decision", "KẾ HOẠCH": "plan", "BÁO CÁO": "report"}
APPENDIX_MARK = re.compile(r"PHỤ LỤC(?: SỐ)?(?: [IVXLC\d]+)?")
# The decree spells HÒA; the older tone placement HOÀ is still common in hand-made files.
NATIONAL_TITLES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def norm(text: str) -> str:
    """NFC text with runs of white space (NBSP included) collapsed to one space, stripped."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def children(el: etree._Element, tag: str) -> list[etree._Element]:
    """Children named ``tag``, looking through content controls and custom XML wrappers."""
    out = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag in _WRAPPERS:
            out.extend(children(child, tag))
    return out


def own_runs(p: etree._Element):
    """The runs of ``p`` itself: not those of text boxes nested in it, nor deleted text."""
    def walk(el):
        for child in el:
            if child.tag == w("r"):
                yield child
            elif child.tag not in _SKIPPED:
                yield from walk(child)
    return walk(p)


@dataclass
class Line:
    """One visual line of a paragraph: pieces of text with the run each comes from."""

    p: etree._Element
    pieces: list[tuple[str, etree._Element]]

    @property
    def text(self) -> str:
        return unicodedata.normalize("NFC", "".join(t for t, _ in self.pieces))

    @property
    def norm(self) -> str:
        return norm(self.text)


def lines(p: etree._Element) -> list[Line]:
    """``p`` split at its line breaks (w:br, w:cr)."""
    out = [Line(p, [])]
    for r in own_runs(p):
        for child in r:
            if child.tag in _BREAKS:
                out.append(Line(p, []))
            elif child.tag == w("t"):
                out[-1].pieces.append((child.text or "", r))
            elif child.tag in _CHARS:
                out[-1].pieces.append((_CHARS[child.tag], r))
    return out


def whole(p: etree._Element) -> Line:
    """All of ``p`` as one line; each line break becomes a blank piece (skipped by formats)."""
    pieces = []
    for line in lines(p):
        pieces += line.pieces + [(" ", p)]
    return Line(p, pieces[:-1])


def text(p: etree._Element) -> str:
    return norm(whole(p).text)


def has_drawing(el: etree._Element) -> bool:
    return next(el.iter(*_DRAWINGS), None) is not None


def is_empty(block: etree._Element) -> bool:
    """A paragraph with no text and no drawing: spacing, or the carrier of a section break."""
    return block.tag == w("p") and not text(block) and not has_drawing(block)


# --- tables -----------------------------------------------------------------------------------

def rows(tbl: etree._Element) -> list[etree._Element]:
    return children(tbl, w("tr"))


def grid(tbl: etree._Element) -> list[int | None]:
    """Column widths of the table grid, in twips (None for an unreadable width)."""
    return [formatting.twips(col.get(w("w")))
            for col in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]


def _int_val(parent: etree._Element | None, path: str, default: int) -> int:
    el = parent.find(path) if parent is not None else None
    value = formatting.twips(el.get(w("val"))) if el is not None else None
    return value if value is not None else default


def row_cells(tr: etree._Element) -> list[tuple[int, int, etree._Element]]:
    """(first grid column, columns spanned, w:tc) for each cell of a row."""
    col = _int_val(tr.find(w("trPr")), w("gridBefore"), 0)
    out = []
    for tc in children(tr, w("tc")):
        span = max(1, _int_val(tc.find(w("tcPr")), w("gridSpan"), 1))
        out.append((col, span, tc))
        col += span
    return out


def column_count(tbl: etree._Element) -> int:
    widths = [sum(span for _, span, _ in row_cells(tr)) for tr in rows(tbl)]
    return len(grid(tbl)) or max(widths, default=0)


def cell_lines(tc: etree._Element) -> list[Line]:
    return [line for p in children(tc, w("p")) for line in lines(p)]


def column_lines(tbl: etree._Element, col: int) -> list[Line]:
    """Lines of the cells that start at grid column ``col``, row after row."""
    return [line for tr in rows(tbl) for start, _, tc in row_cells(tr) if start == col
            for line in cell_lines(tc)]


def table_lines(tbl: etree._Element) -> list[Line]:
    return [line for p in tbl.iter(w("p")) for line in lines(p)]


def is_header_table(block: etree._Element) -> bool:
    return block.tag == w("tbl") and any(
        line.norm in NATIONAL_TITLES for line in table_lines(block))


# --- the document -----------------------------------------------------------------------------

@dataclass
class Section:
    number: int               # 1-based, in document order
    props: etree._Element     # w:sectPr
    start: int                # its blocks are Doc.blocks[start:end]
    end: int


@dataclass
class Part:
    """One document inside the file: a decision, a plan, an appendix (or the whole file)."""

    kind: str                 # "decision", "plan", "appendix" or "document"
    start: int                # first block (the part's header table when it has one)
    marker: int               # block of its title or "PHỤ LỤC" line
    end: int

    @property
    def label(self) -> str:
        return {"decision": "the decision (QUYẾT ĐỊNH)", "plan": "the plan (KẾ HOẠCH)",
                "report": "the report (BÁO CÁO)",
                "appendix": "the appendix (PHỤ LỤC)"}.get(self.kind, "the document")


class Doc:
    """A loaded DOCX with its blocks, sections and parts, and cached effective formatting."""

    def __init__(self, pkg: Package):
        body = pkg.document.find(w("body"))
        if body is None:
            raise DocxError("the main document has no w:body")
        self.pkg = pkg
        self.styles = Styles(pkg.styles)
        self.blocks = list(_walk_blocks(body))
        self.sections = _sections(body, self.blocks)
        self.parts = _parts(self.blocks)
        self._runs: dict[tuple, RunFormat] = {}
        self._paras: dict[etree._Element, ParaFormat] = {}

    def run_format(self, p: etree._Element, r: etree._Element) -> RunFormat:
        key = (p, r)
        if key not in self._runs:
            self._runs[key] = formatting.run_format(self.styles, p, r)
        return self._runs[key]

    def para_format(self, p: etree._Element) -> ParaFormat:
        if p not in self._paras:
            self._paras[p] = formatting.para_format(self.styles, p)
        return self._paras[p]

    def formats(self, line: Line) -> list[tuple[str, RunFormat]]:
        """(text, formatting) of the pieces of ``line`` that show something."""
        return [(t, self.run_format(line.p, r)) for t, r in line.pieces if t.strip()]

    def paragraphs(self, start: int = 0,
                   end: int | None = None) -> list[tuple[int, etree._Element]]:
        """(block index, w:p) of the top-level paragraphs in blocks[start:end]."""
        stop = len(self.blocks) if end is None else end
        return [(i, b) for i, b in enumerate(self.blocks[start:stop], start) if b.tag == w("p")]

    def section_of(self, index: int) -> Section | None:
        for section in self.sections:
            if section.start <= index < section.end:
                return section
        return self.sections[-1] if self.sections else None


def open_doc(path: str | Path) -> Doc:
    pkg = load(path)
    try:
        return Doc(pkg)
    except DocxError as exc:
        raise DocxError(f"cannot read {path} as a DOCX: {exc}") from exc


def _walk_blocks(container: etree._Element):
    """Top-level paragraphs and tables in order, looking through content controls."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _walk_blocks(child)


def _sections(body: etree._Element, blocks: list[etree._Element]) -> list[Section]:
    """Each section ends with the paragraph that carries its w:sectPr; the last is the body's."""
    out, start = [], 0
    for i, block in enumerate(blocks):
        props = block.find(f"{w('pPr')}/{w('sectPr')}") if block.tag == w("p") else None
        if props is not None:
            out.append(Section(len(out) + 1, props, start, i + 1))
            start = i + 1
    final = body.find(w("sectPr"))
    if final is not None:
        out.append(Section(len(out) + 1, final, start, len(blocks)))
    return out


def first_line(p: etree._Element) -> Line:
    """The first line of ``p`` that holds text (a title may share its paragraph with more)."""
    return next((line for line in lines(p) if line.norm), Line(p, []))


def marker_kind(block: etree._Element) -> str | None:
    """"decision"/"plan"/"report" for a title paragraph, "appendix" for "PHỤ LỤC", else None."""
    if block.tag != w("p"):
        return None
    t = first_line(block).norm
    if t in TITLES:
        return TITLES[t]
    return "appendix" if APPENDIX_MARK.fullmatch(t) else None


def _parts(blocks: list[etree._Element]) -> list[Part]:
    """Split the body at each title and "PHỤ LỤC"; a part starts at its header table if any."""
    markers = [(i, kind) for i, b in enumerate(blocks) if (kind := marker_kind(b))]
    if not markers:
        return [Part("document", 0, 0, len(blocks))]
    starts = [_part_start(blocks, i) for i, _ in markers]
    ends = starts[1:] + [len(blocks)]
    return [Part(kind, s, i, e) for (i, kind), s, e in zip(markers, starts, ends)]


def _part_start(blocks: list[etree._Element], marker: int) -> int:
    j = marker - 1
    while j >= 0 and is_empty(blocks[j]):
        j -= 1
    return j if j >= 0 and is_header_table(blocks[j]) else marker
