"""The appendix: its heading lines, a landscape section, and tables that print well."""
from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from generator.check.expect import look, quote
from generator.check.formatting import on, table_layout_fixed, twips
from generator.check.view import Doc, Part, first_line, grid, is_empty, row_cells, rows, text, whole
from generator.check.reader import w
from generator.check.page_setup import is_landscape

ATTACHED_TO = re.compile(r"\(\s*(?:Ban hành\s+)?kèm theo\b.*\bsố\b.*\bngày\b.*\bcủa\b.*\)",
                         re.IGNORECASE)
HEADING_LOOKAHEAD = 6        # paragraphs searched for the title and "(Kèm theo …)"
WIDTH_TOLERANCE = 2          # twips
# A row may break across pages, as the originals' tall rows do (moved whole, a tall row leaves
# most of a page empty, and one taller than a page cannot move at all); a short row must not:
# split, it leaves a line or two of a task alone at the foot of a page. A row counts as short
# when its tallest cell is estimated at SHORT_ROW_LINES lines or fewer: 12 pt text, about
# 110 twips a character, less the cell's default margins.
SHORT_ROW_LINES = 3
CHAR_TWIPS = 110
CELL_MARGINS = 216


def check_appendix(doc: Doc) -> Iterator[str]:
    """appendix: for each "PHỤ LỤC": centred bold mark, title, "(Kèm theo …)", landscape
    section, and tables with a repeated header row, short rows kept whole and fixed widths."""
    for part in (p for p in doc.parts if p.kind == "appendix"):
        mark = first_line(doc.blocks[part.marker])
        label = f"appendix {quote(mark.norm)}"
        yield from look(doc, mark, label, bold=True, align="center")
        yield from _heading(doc, part, label)
        section = doc.section_of(part.marker)
        if section is None or not is_landscape(section):
            number = f"section {section.number}" if section else "its section"
            yield f"{label}: {number} is portrait, expected landscape for the appendix"
        tables = [b for b in doc.blocks[part.marker + 1:part.end] if b.tag == w("tbl")]
        for n, tbl in enumerate(tables, 1):
            yield from _table(doc, tbl, f"{label} table {n}")


def _heading(doc: Doc, part: Part, label: str) -> Iterator[str]:
    """The title lines (centred, bold, upper case), then "(Kèm theo …)" (centred, italic)."""
    paragraphs = []
    for block in doc.blocks[part.marker + 1:part.end]:
        if block.tag == w("tbl") or len(paragraphs) == HEADING_LOOKAHEAD:
            break
        if not is_empty(block):
            paragraphs.append(block)
            if text(block).startswith("("):
                break
    attached = paragraphs[-1] if paragraphs and text(paragraphs[-1]).startswith("(") else None
    titles = paragraphs[:-1] if attached is not None else paragraphs[:1]
    if not titles:
        yield f"{label}: no title under the appendix mark"
    for p in titles:
        yield from look(doc, whole(p), f"appendix title {quote(text(p))}", bold=True,
                        align="center", upper=True)
    if attached is None:
        yield f"{label}: no '(Kèm theo … số … ngày … của …)' line under the title"
        return
    what = f"appendix line {quote(text(attached))}"
    if not ATTACHED_TO.fullmatch(text(attached)):
        yield f"{what} does not read '(Kèm theo <document> số … ngày … của …)'"
    yield from look(doc, whole(attached), what, italic=True, align="center")


def _table(doc: Doc, tbl: etree._Element, label: str) -> Iterator[str]:
    all_rows = rows(tbl)
    if not all_rows:
        return
    if not on(all_rows[0].find(f"{w('trPr')}/{w('tblHeader')}")):
        yield f"{label}: the first row is not a repeated header row (w:tblHeader)"
    loose = [n for n, tr in enumerate(all_rows, 1)
             if not on(tr.find(f"{w('trPr')}/{w('cantSplit')}")) and _row_lines(tr) <= SHORT_ROW_LINES]
    if loose:
        yield (f"{label}: {len(loose)} short row(s) may split across pages (no w:cantSplit): "
               f"rows {_numbers(loose)}")
    if not table_layout_fixed(doc.styles, tbl):
        yield f"{label}: the layout is not fixed (w:tblLayout w:type=\"fixed\")"
    yield from _widths(tbl, all_rows, label)


def _row_lines(tr: etree._Element) -> int:
    """The estimated height in lines of the row's tallest cell, at least one line a paragraph."""
    most = 1
    for _, _, tc in row_cells(tr):
        width = tc.find(f"{w('tcPr')}/{w('tcW')}")
        tw = twips(width.get(w("w"))) if width is not None else None
        per_line = max(((tw or 0) - CELL_MARGINS) // CHAR_TWIPS, 1)
        most = max(most, sum(max(-(-len(text(p)) // per_line), 1) for p in tc.iter(w("p"))))
    return most


def _widths(tbl: etree._Element, all_rows: list, label: str) -> Iterator[str]:
    """Each cell's w:tcW equals the grid columns it spans; LibreOffice trusts the grid."""
    columns = grid(tbl)
    if not columns:
        yield f"{label}: no table grid (w:tblGrid)"
        return
    bad = []
    for r, tr in enumerate(all_rows, 1):
        for start, span, tc in row_cells(tr):
            spanned = columns[start:start + span]
            expected = sum(spanned) if len(spanned) == span and None not in spanned else None
            width = tc.find(f"{w('tcPr')}/{w('tcW')}")
            actual = (twips(width.get(w("w"))) if width is not None
                      and width.get(w("type"), "dxa") == "dxa" else None)
            if expected is None or actual is None or abs(actual - expected) > WIDTH_TOLERANCE:
                bad.append((r, start + 1, actual, expected))
    if bad:
        r, c, actual, expected = bad[0]
        shown = "no width in twips" if actual is None else f"w:tcW {actual}"
        grid_w = "no grid column" if expected is None else f"grid {expected}"
        yield (f"{label}: {len(bad)} cell width(s) differ from the grid, first at row {r}, "
               f"column {c}: {shown}, {grid_w}")


def _numbers(values: list[int], shown: int = 5) -> str:
    head = ", ".join(map(str, values[:shown]))
    return head + (", …" if len(values) > shown else "")
