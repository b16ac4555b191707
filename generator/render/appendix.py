"""The appendix (Phụ lục): its heading and one task table per part, built with lxml.

Tables are built directly as elements rather than through python-docx's ``add_row``, which is
several times slower on the hundreds of rows a provincial plan holds (bench/render_tables.py).
Every width is fixed twice, in the grid and in each cell, because LibreOffice otherwise lays
out equal columns.
"""
from __future__ import annotations

from typing import Iterator

from lxml import etree

from ..model import Appendix, Cell, Group, Layout, Part, Task
from . import ooxml, styles
from .blocks import centred
from .geometry import LANDSCAPE, SHORT_RULE, twips

CENTERED_FIELDS = frozenset({"stt", "stt2", "number", "deadline", "measure", "target"})


def heading(appendix: Appendix) -> list[etree._Element]:
    """ "PHỤ LỤC", the title in capitals, the "(Kèm theo …)" line, a short rule."""
    title = appendix.title if appendix.title == appendix.title.upper() else appendix.title.upper()
    width = LANDSCAPE.text_width
    return [ooxml.paragraph(styles.APPENDIX_LABEL, "PHỤ LỤC"),
            centred(styles.APPENDIX_TITLE, title, True, width),
            centred(styles.APPENDIX_ATTACHED, appendix.attached, False, width),
            ooxml.rule(styles.RULE, SHORT_RULE, width)]


def appendix_body(appendix: Appendix) -> list[etree._Element]:
    """The heading, then per part its heading paragraph (if any) and its table.

    Two tables in a row would merge into one, so a part without a heading is separated from
    the previous table by an empty paragraph.
    """
    out = heading(appendix)
    for i, part in enumerate(appendix.parts):
        if part.heading is not None:
            out.append(ooxml.paragraph(styles.PART_HEADING, part.heading))
        elif i > 0:
            out.append(ooxml.paragraph(styles.TABLE_TEXT))
        out.append(part_table(part))
    return out


def part_table(part: Part) -> etree._Element:
    """The part's table: the header row, then its groups and tasks in order."""
    layout = part.layout
    widths = layout_widths(layout)
    rows = [header_row(layout, widths)]
    rows += [row for _, item_rows in part_rows(part.items, layout, widths) for row in item_rows]
    return ooxml.table(widths, rows)


def layout_widths(layout: Layout) -> list[int]:
    """The columns' widths in twips."""
    return [twips(c.width_mm) for c in layout.columns]


def _paragraphs(cell: Cell, style: str) -> list[etree._Element]:
    """One paragraph per entry; an empty cell still needs one (empty) paragraph."""
    return [ooxml.paragraph(style, text) for text in cell] or [ooxml.paragraph(style)]


def header_row(layout: Layout, widths: list[int]) -> etree._Element:
    cells = [ooxml.cell(w, _paragraphs((c.label,), styles.TABLE_HEADER))
             for c, w in zip(layout.columns, widths)]
    return ooxml.row(cells, header=True)


def part_rows(items, layout: Layout,
              widths: list[int]) -> Iterator[tuple[Group | Task, list[etree._Element]]]:
    """Each group and task in document order with its own rows (a group: its title row).

    Kept per item so that a redline can line up the rows of two versions by task id.
    """
    for n, item in enumerate(items):
        if isinstance(item, Group):
            yield item, [_group_row(item, widths)]
            yield from part_rows(item.items, layout, widths)
        else:
            after = items[n + 1] if n + 1 < len(items) else None
            below = after.merge_up if isinstance(after, Task) else frozenset()
            yield item, task_rows(item, layout, widths, below)


def _group_row(group: Group, widths: list[int]) -> etree._Element:
    """The group number in the first column, the title across all the others, bold."""
    if len(widths) == 1:
        text = f"{group.number}. {group.title}"
        return ooxml.row([ooxml.cell(widths[0], _paragraphs((text,), styles.TABLE_GROUP))])
    return ooxml.row([
        ooxml.cell(widths[0], _paragraphs((group.number,), styles.TABLE_GROUP_NUMBER)),
        ooxml.cell(sum(widths[1:]), _paragraphs((group.title,), styles.TABLE_GROUP),
                   span=len(widths) - 1),
    ])


def _cell_style(field: str) -> str:
    return styles.TABLE_CENTER if field in CENTERED_FIELDS else styles.TABLE_TEXT


def _merge_plan(task: Task, field: str, merged_below: bool) -> list[tuple[Cell | None, str | None]]:
    """Per row of the task: the cell's content (None under a merge) and its vMerge value.

    A row that gives the field starts a new cell; a row that does not continues the cell
    above, and the first row falls back to the task's own value, or continues the previous
    task's cell (``merge_up``). A merge of one row is written without vMerge.
    """
    rows = task.rows or ({},)
    values = [row[field] if field in row else
              (None if i == 0 and field in task.merge_up else task.cell(field) if i == 0 else None)
              for i, row in enumerate(rows)]
    plan = []
    for i, value in enumerate(values):
        if value is None:
            plan.append((None, "continue"))
        else:
            below = values[i + 1] is None if i + 1 < len(values) else merged_below
            plan.append((value, "restart" if below else None))
    return plan


def task_rows(task: Task, layout: Layout, widths: list[int],
              merged_below: frozenset[str] = frozenset()) -> list[etree._Element]:
    """One table row per entry of ``task.rows`` (one row when there are none).

    ``task.span`` turns its columns into one cell (gridSpan), merged down every row;
    ``merged_below`` names the fields the next task's first row continues.
    """
    fields = [c.field for c in layout.columns]
    count = max(len(task.rows), 1)
    first, last = _span_range(task, layout)
    plans = {f: _merge_plan(task, f, f in merged_below) for f in fields}
    rows = []
    for i in range(count):
        cells = []
        for j, field in enumerate(fields):
            if first <= j <= last:
                if j == first:
                    cells.append(_span_cell(task, widths[first:last + 1], i, count))
                continue
            value, vmerge = plans[field][i]
            paragraphs = _paragraphs(value or (), _cell_style(field))
            cells.append(ooxml.cell(widths[j], paragraphs, vmerge=vmerge))
        rows.append(ooxml.row(cells))
    return rows


def _span_range(task: Task, layout: Layout) -> tuple[int, int]:
    if task.span is None:
        return -1, -2
    return layout.index(task.span.first), layout.index(task.span.last)


def _span_cell(task: Task, widths: list[int], row: int, count: int) -> etree._Element:
    vmerge = None if count == 1 else ("restart" if row == 0 else "continue")
    content = task.span.text if row == 0 else ()
    return ooxml.cell(sum(widths), _paragraphs(content, _cell_style(task.span.first)),
                      span=len(widths), vmerge=vmerge)
