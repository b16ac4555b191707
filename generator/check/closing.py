"""The closing block: "Nơi nhận:" on one side, the signature on the other."""
from __future__ import annotations

from typing import Iterator

from lxml import etree

from generator.check.expect import is_upper, look, quote
from generator.check.view import Doc, Line, column_count, column_lines
from generator.check.reader import w

LABEL = "Nơi nhận:"


def check_closing_block(doc: Doc) -> Iterator[str]:
    """closing-block: a table with "Nơi nhận:" (bold italic 12 pt) and an upper-case, bold,
    13–14 pt signature side."""
    found = []
    for block in doc.blocks:
        hit = recipients_block(block) if block.tag == w("tbl") else None
        if hit:
            found.append((block, hit))
    if not found:
        yield "no closing block: no table holds 'Nơi nhận:'"
    for tbl, (col, line) in found:
        yield from look(doc, _label(line), "'Nơi nhận:'", bold=True, italic=True, size=(12, 12))
        yield from _signature(doc, tbl, col)


def recipients_block(tbl: etree._Element) -> tuple[int, Line] | None:
    """(column, line) of the "Nơi nhận" label in ``tbl``, None when it has none."""
    for col in range(column_count(tbl)):
        for line in column_lines(tbl, col):
            if line.norm.startswith("Nơi nhận"):
                return col, line
    return None


def _label(line: Line) -> Line:
    """Only the pieces that spell "Nơi nhận:", should the list follow on the same line."""
    pieces, seen = [], 0
    for piece in line.pieces:
        if seen >= len(LABEL):
            break
        pieces.append(piece)
        seen += len(piece[0].strip())
    return Line(line.p, pieces)


def _signature(doc: Doc, tbl: etree._Element, recipients: int) -> Iterator[str]:
    lines = [line for col in range(column_count(tbl)) if col != recipients
             for line in column_lines(tbl, col) if line.norm]
    authority = [line for line in lines if is_upper(line.norm)]
    if not authority:
        yield ("the closing block has no signature side with upper-case authority lines "
               "(e.g. 'TM. ỦY BAN NHÂN DÂN', 'GIÁM ĐỐC')")
    for line in authority:
        yield from look(doc, line, f"signature line {quote(line.norm)}", bold=True, size=(13, 14))
