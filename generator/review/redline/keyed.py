"""Two versions of the renderer's keyed blocks as one, the differences as tracked changes.

Blocks are lined up by key (align.py, as the diff lines up its lists); a block only one
version has is wholly inserted or deleted. Paired paragraphs are compared word by word;
a section's parts and a closing block's cells are lined up by key in turn; other tables row by
row and cell by cell, the cells' paragraphs in order. The new version's properties (styles,
widths, merges) always win: a redline shows the new document.
"""
from __future__ import annotations

import copy
from typing import Callable, Sequence, TypeVar

from lxml import etree

from generator.render import ooxml
from generator.render.blocks import Block
from generator.review.align import Pair, align
from generator.review.redline.marks import DELETED, INSERTED, mark_element
from generator.review.redline.paragraphs import diff_paragraph, text_of

Pairing = Callable[[Block, Block], list[etree._Element]]
T = TypeVar("T")


def marked(element: etree._Element, kind: str) -> etree._Element:
    """A copy of ``element`` wholly inserted or deleted."""
    return mark_element(copy.deepcopy(element), kind)


def marked_block(block: Block, kind: str) -> list[etree._Element]:
    """The block's elements, wholly inserted or deleted."""
    return [mark_element(e, kind) for e in ooxml.elements(block.markup)]


def merge(old: Sequence[T], new: Sequence[T], pairs: list[Pair], whole: Callable[[T, str], list],
          pair: Callable[[T, T], list]) -> list[etree._Element]:
    """The elements of lined-up items: ``pair`` for an item of both versions, ``whole`` (as
    inserted or deleted) for an item of one."""
    out: list[etree._Element] = []
    for i, j, _ in pairs:
        if i is None:
            out += whole(new[j], INSERTED)
        elif j is None:
            out += whole(old[i], DELETED)
        else:
            out += pair(old[i], new[j])
    return out


def diff_blocks(old: Sequence[Block], new: Sequence[Block],
                pair: Pairing | None = None) -> list[etree._Element]:
    """Both versions lined up by key; pairs diffed by ``pair``, the rest inserted or deleted."""
    pairs = align([b.key for b in old], [b.key for b in new])
    return merge(old, new, pairs, marked_block, pair or diff_pair)


def diff_pair(old: Block, new: Block) -> list[etree._Element]:
    """One block in two versions: its parts or cells lined up, a paragraph or table diffed,
    anything else replaced."""
    if old.parts and new.parts:
        return diff_blocks(old.parts, new.parts)
    [a], [b] = ooxml.elements(old.markup), ooxml.elements(new.markup)
    if old.cells and new.cells:
        return [_diff_cells(old, new, b)]
    kinds = (_local(a), _local(b))
    if kinds == ("p", "p"):
        return [diff_paragraph(a, b)]
    if kinds == ("tbl", "tbl"):
        return [diff_table(a, b)]
    return [mark_element(a, DELETED), mark_element(b, INSERTED)]


def _diff_cells(old: Block, new: Block, table: etree._Element) -> etree._Element:
    """``table`` (the new block's one-row table), each cell's paragraphs lined up by key with
    the old cell's."""
    for cell, old_cell, new_cell in zip(table.iter(ooxml.qn("w:tc")), old.cells, new.cells):
        for paragraph in cell.findall(ooxml.qn("w:p")):
            cell.remove(paragraph)
        cell.extend(diff_blocks(old_cell, new_cell))
    return table


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def diff_table(old: etree._Element, new: etree._Element) -> etree._Element:
    """The new table, its rows paired with the old ones in order."""
    out = _shell(new, "w:tr")
    out.extend(diff_rows(old.findall(ooxml.qn("w:tr")), new.findall(ooxml.qn("w:tr"))))
    return out


def diff_rows(old: list[etree._Element], new: list[etree._Element]) -> list[etree._Element]:
    """Rows paired by position; rows beyond the shorter list inserted or deleted."""
    out = []
    for n in range(max(len(old), len(new))):
        if n >= len(old):
            out.append(marked(new[n], INSERTED))
        elif n >= len(new):
            out.append(marked(old[n], DELETED))
        else:
            out += diff_row(old[n], new[n])
    return out


def _spans(row: etree._Element) -> list[str]:
    """How many grid columns each cell of the row spans."""
    out = []
    for cell in row.findall(ooxml.qn("w:tc")):
        span = cell.find(f"{ooxml.qn('w:tcPr')}/{ooxml.qn('w:gridSpan')}")
        out.append("1" if span is None else span.get(ooxml.qn("w:val")))
    return out


def diff_row(old: etree._Element, new: etree._Element) -> list[etree._Element]:
    """Cells paired by position when both rows have the same cells; else old out, new in."""
    if _spans(old) != _spans(new):
        return [marked(old, DELETED), marked(new, INSERTED)]
    out = _shell(new, "w:tc")
    out.extend(diff_cell(a, b) for a, b in zip(old.findall(ooxml.qn("w:tc")),
                                               new.findall(ooxml.qn("w:tc"))))
    return [out]


def diff_cell(old: etree._Element, new: etree._Element) -> etree._Element:
    """The new cell; its paragraphs lined up with the old ones by text, the rest paired in
    order: a cell is one value, which the diff reports as changed, never as replaced."""
    out = _shell(new, "w:p")
    olds, news = (cell.findall(ooxml.qn("w:p")) for cell in (old, new))
    pairs = align([text_of(p) for p in olds], [text_of(p) for p in news], lambda a, b: True)
    out.extend(merge(olds, news, pairs, lambda p, kind: [marked(p, kind)],
                     lambda a, b: [diff_paragraph(a, b)]))
    return out


def _shell(element: etree._Element, content_tag: str) -> etree._Element:
    """A copy of ``element`` without its children of ``content_tag`` (its properties kept)."""
    out = ooxml.el(f"w:{_local(element)}")
    out.extend(copy.deepcopy(child) for child in element if child.tag != ooxml.qn(content_tag))
    return out
