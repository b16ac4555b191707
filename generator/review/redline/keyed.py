"""Two versions of rendered elements as one, the differences as tracked changes.

Paragraphs are compared word by word; tables row by row and cell by cell, the cells' paragraphs
lined up by text. Lists of body elements are lined up by key (align.py). The new version's
properties (styles, widths, merges) always win: a redline shows the new document.
"""
from __future__ import annotations

import copy
import difflib
from typing import Callable, Hashable, NamedTuple, Sequence

from lxml import etree

from generator.render import ooxml
from generator.review.align import align
from generator.review.redline.paragraphs import diff_paragraph, text_of
from generator.review.redline.marks import DELETED, INSERTED, mark_element

SIMILAR = 0.5          # share of words in common for two id-less paragraphs to be one


class Keyed(NamedTuple):
    key: Hashable
    element: etree._Element


Pairing = Callable[[Keyed, Keyed], list[etree._Element]]


def marked(element: etree._Element, kind: str) -> etree._Element:
    """A copy of ``element`` wholly inserted or deleted."""
    return mark_element(copy.deepcopy(element), kind)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def diff_pair(old: Keyed, new: Keyed) -> list[etree._Element]:
    """One element in two versions: a paragraph or table diffed, anything else replaced."""
    kinds = (_local(old.element), _local(new.element))
    if kinds == ("p", "p"):
        return [diff_paragraph(old.element, new.element)]
    if kinds == ("tbl", "tbl"):
        return [diff_table(old.element, new.element)]
    return [marked(old.element, DELETED), marked(new.element, INSERTED)]


def diff_list(old: Sequence[Keyed], new: Sequence[Keyed], pair: Pairing = diff_pair,
              similar: Callable[[etree._Element, etree._Element], bool] | None = None
              ) -> list[etree._Element]:
    """Both lists lined up by key; pairs diffed by ``pair``, the rest inserted or deleted."""
    test = similar or similar_paragraphs
    pairs = align([k.key for k in old], [k.key for k in new],
                  lambda i, j: test(old[i].element, new[j].element))
    out: list[etree._Element] = []
    for i, j in pairs:
        if i is None:
            out.append(marked(new[j].element, INSERTED))
        elif j is None:
            out.append(marked(old[i].element, DELETED))
        else:
            out += pair(old[i], new[j])
    return out


def style_of(element: etree._Element) -> str | None:
    found = element.find(f"{ooxml.qn('w:pPr')}/{ooxml.qn('w:pStyle')}")
    return None if found is None else found.get(ooxml.qn("w:val"))


def similar_paragraphs(old: etree._Element, new: etree._Element) -> bool:
    """Two paragraphs of one style sharing most of their words, in order."""
    if _local(old) != "p" or _local(new) != "p" or style_of(old) != style_of(new):
        return False
    ratio = difflib.SequenceMatcher(None, text_of(old).split(), text_of(new).split(),
                                    autojunk=False).ratio()
    return ratio >= SIMILAR


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
    """The new cell; its paragraphs lined up with the old ones by text, the rest paired in order."""
    out = _shell(new, "w:p")
    paragraphs = [[Keyed(("text", text_of(p)), p) for p in cell.findall(ooxml.qn("w:p"))]
                  for cell in (old, new)]
    out.extend(diff_list(paragraphs[0], paragraphs[1], similar=lambda a, b: True))
    return out


def _shell(element: etree._Element, content_tag: str) -> etree._Element:
    """A copy of ``element`` without its children of ``content_tag`` (its properties kept)."""
    out = ooxml.el(f"w:{_local(element)}")
    out.extend(copy.deepcopy(child) for child in element if child.tag != ooxml.qn(content_tag))
    return out
