"""The task table of one appendix part in two versions, its rows lined up by group and task id.

Rows come from the renderer itself (appendix.part_rows), the old tasks laid out in the new
part's columns, so that a kept task's cells pair one to one and a dropped task's row fits the
new grid. A task in both versions has its cells diffed; an added task's rows are inserted,
a dropped task's rows are deleted where they stood.
"""
from __future__ import annotations

from lxml import etree

from generator.plan.model import Layout, Part
from generator.render import appendix, ooxml
from generator.render.blocks import Key
from generator.review.align import align
from generator.review.redline.keyed import diff_rows, marked, merge

ItemRows = tuple[Key, list[etree._Element]]


def part_table(old: Part, new: Part) -> etree._Element:
    """The new part's table with the changes from the old part's table tracked."""
    widths = appendix.layout_widths(new.layout)
    old_header = appendix.header_row(old.layout, appendix.layout_widths(old.layout))
    rows = diff_rows([old_header], [appendix.header_row(new.layout, widths)])
    old_items, new_items = _items(old, new.layout), _items(new, new.layout)
    pairs = align([k for k, _ in old_items], [k for k, _ in new_items])
    rows += merge(old_items, new_items, pairs,
                  lambda item, kind: [marked(row, kind) for row in item[1]],
                  lambda a, b: diff_rows(a[1], b[1]))
    table = ooxml.table(widths, rows)
    mend_vertical_merges(table)
    return table


def _items(part: Part, layout: Layout) -> list[ItemRows]:
    """The part's groups and tasks with their rows, in ``layout`` when its columns allow.

    A task merging columns (span) that ``layout`` lacks keeps its own part's layout.
    """
    try:
        return list(appendix.part_rows(part.items, layout, appendix.layout_widths(layout)))
    except ValueError:
        if layout is part.layout:
            raise
        return _items(part, part.layout)


def _vmerge(cell: etree._Element) -> etree._Element | None:
    return cell.find(f"{ooxml.qn('w:tcPr')}/{ooxml.qn('w:vMerge')}")


def _span(cell: etree._Element) -> int:
    span = cell.find(f"{ooxml.qn('w:tcPr')}/{ooxml.qn('w:gridSpan')}")
    return 1 if span is None else int(span.get(ooxml.qn("w:val")))


def mend_vertical_merges(table: etree._Element) -> None:
    """A cell continuing a merge with nothing to continue above it starts its own merge.

    Rows of two versions side by side can break a merge chain: a deleted row between a
    task and the next one that continued its cell. Left as it is, the continuing cell would
    join whatever stands above it.
    """
    above: dict[int, tuple[int, bool]] = {}
    for row in table.findall(ooxml.qn("w:tr")):
        column, current = 0, {}
        for cell in row.findall(ooxml.qn("w:tc")):
            span, merge = _span(cell), _vmerge(cell)
            continues = merge is not None and merge.get(ooxml.qn("w:val"), "continue") == "continue"
            if continues and above.get(column) != (span, True):
                merge.set(ooxml.qn("w:val"), "restart")
            current[column] = (span, merge is not None)
            column += span
        above = current
