"""Tracked changes (``w:ins``, ``w:del``): what Word and LibreOffice list as changes to accept.

A change is marked where LibreOffice keeps it: around runs (deleted text moves into
``w:delText``) and on the paragraph mark (``w:pPr/w:rPr``), so that accepting a deleted
paragraph removes the paragraph itself. LibreOffice does not always keep the row-level mark
(``w:trPr/w:ins|w:del``, docs/pitfalls.md), so a whole row is marked on every run and
paragraph in it as well as on the row, which Word uses.

Marks are built bare; ``stamp`` gives every one its unique id, author and date in document
order at the end, so the same plans always give the same ids.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

from lxml import etree

from generator.render import ooxml

INSERTED, DELETED = "ins", "del"
_TEXT_IN = {DELETED: ("w:t", "w:delText"), INSERTED: ("w:delText", "w:t")}


def mark(kind: str, *children: etree._Element) -> etree._Element:
    """A bare ``w:ins`` or ``w:del`` holding ``children`` (runs), or empty for a mark."""
    return ooxml.el(f"w:{kind}", None, *children)


def as_kind(run: etree._Element, kind: str) -> etree._Element:
    """The run with its text in the element its kind demands: deleted text is ``w:delText``."""
    old, new = _TEXT_IN[kind]
    for node in run.iter(ooxml.qn(old)):
        node.tag = ooxml.qn(new)
    return run


def mark_paragraph(paragraph: etree._Element, kind: str) -> etree._Element:
    """Every run of ``paragraph`` and its paragraph mark as inserted or deleted (in place)."""
    for run in paragraph.findall(ooxml.qn("w:r")):
        holder = mark(kind)
        run.addprevious(holder)
        holder.append(as_kind(run, kind))
    ooxml.paragraph_mark_props(paragraph).insert(0, mark(kind))
    return paragraph


def mark_row(row: etree._Element, kind: str) -> etree._Element:
    """A whole row as inserted or deleted: the row for Word, its paragraphs for LibreOffice."""
    for paragraph in row.iter(ooxml.qn("w:p")):
        mark_paragraph(paragraph, kind)
    props = row.find(ooxml.qn("w:trPr"))
    if props is None:
        props = ooxml.el("w:trPr")
        row.insert(0, props)
    props.append(mark(kind))           # after cantSplit and tblHeader, as the schema orders
    return row


def mark_element(element: etree._Element, kind: str) -> etree._Element:
    """A paragraph, a row or a whole table marked (in place); other elements are left alone."""
    tag = etree.QName(element).localname
    if tag == "p":
        return mark_paragraph(element, kind)
    if tag == "tr":
        return mark_row(element, kind)
    if tag == "tbl":
        for row in element.findall(ooxml.qn("w:tr")):
            mark_row(row, kind)
    return element


def revision_date(day: date) -> str:
    """The w:date of a change: midnight UTC of ``day`` (a date, never the clock)."""
    return f"{day.isoformat()}T00:00:00Z"


def stamp(elements: Iterable[etree._Element], author: str, when: str) -> int:
    """Number every change under ``elements`` from 1 in document order; return the count."""
    count = 0
    tags = (ooxml.qn("w:ins"), ooxml.qn("w:del"))
    for element in elements:
        for node in element.iter(*tags):
            count += 1
            node.set(ooxml.qn("w:id"), str(count))
            node.set(ooxml.qn("w:author"), author)
            node.set(ooxml.qn("w:date"), when)
    return count
