"""The appendix (Phụ lục): its heading and one task table per part, as markup.

Tables are written as markup rather than through python-docx's ``add_row``, which is many
times slower on the hundreds of rows a provincial plan holds (bench/render_tables.py).
Every width is fixed twice, in the grid and in each cell, because LibreOffice otherwise lays
out equal columns.
"""
from __future__ import annotations

import functools
from collections import OrderedDict
from typing import TYPE_CHECKING, Iterator

from generator.plan.model import Appendix, Cell, Group, Layout, Part, Task
from generator.render import ooxml, styles
from generator.render.blocks import Block, Key, centred, item_key
from generator.render.geometry import LANDSCAPE, SHORT_RULE, twips

if TYPE_CHECKING:
    from lxml import etree

CENTERED_FIELDS = frozenset({"stt", "stt2", "number", "deadline", "measure", "target"})
PART_TABLE = ("id", "part-table")          # a part's table is keyed PART_TABLE + (part id,)

# A row of at most KEEP_WHOLE_LINES lines is kept on one page (w:cantSplit); a taller row may
# break across pages, as in the originals: moved whole, it would leave most of a page empty,
# and a row taller than a page cannot be moved at all. Lines are estimated from the text's
# length: 12 pt Times New Roman averages about 5.5 pt a character, less the cell's margins.
# A layout with ``split_rows: false`` keeps every row whole.
KEEP_WHOLE_LINES = 6
CHAR_TWIPS = 110
CELL_MARGINS = 2 * 108


def heading(appendix: Appendix) -> list[Block]:
    """ "PHỤ LỤC", the title in capitals, the "(Kèm theo …)" line, a short rule."""
    title = appendix.title if appendix.title == appendix.title.upper() else appendix.title.upper()
    width = LANDSCAPE.text_width
    return [Block(("appendix-label",), ooxml.paragraph_xml(styles.APPENDIX_LABEL, "PHỤ LỤC")),
            Block(("appendix-title",), centred(styles.APPENDIX_TITLE, title, True, width)),
            Block(("appendix-attached",),
                  centred(styles.APPENDIX_ATTACHED, appendix.attached, False, width)),
            Block(("appendix-rule",), ooxml.rule_xml(styles.RULE, SHORT_RULE, width))]


def appendix_blocks(appendix: Appendix) -> list[Block]:
    """The heading, then per part its heading paragraph (if any) and its table."""
    return [Block(key, markup if isinstance(markup, str) else "".join(markup))
            for key, markup in _keyed(appendix)]


def appendix_pieces(appendix: Appendix) -> Iterator[str]:
    """The appendix's markup in document order, a table row at a time: a plan of ten
    thousand tasks is never held as one string (render/compose.py streams it)."""
    for _, markup in _keyed(appendix):
        if isinstance(markup, str):
            yield markup
        else:
            yield from markup


def _keyed(appendix: Appendix) -> Iterator[tuple[Key, str | Iterator[str]]]:
    """Each block's key and markup, a part's table as its pieces (part_table_pieces).

    Two tables in a row would merge into one, so a part without a heading is separated from
    the previous table by an empty paragraph.
    """
    for block in heading(appendix):
        yield block.key, block.markup
    for i, part in enumerate(appendix.parts):
        if part.heading is not None:
            yield (item_key("part-heading", part.id, part.heading),
                   ooxml.paragraph_xml(styles.PART_HEADING, part.heading))
        elif i > 0:
            yield item_key("part-gap", part.id, ""), ooxml.paragraph_xml(styles.TABLE_TEXT)
        yield PART_TABLE + (part.id,), part_table_pieces(part)


def part_table(part: Part) -> str:
    """The part's table: the header row, then its groups and tasks in order."""
    return "".join(part_table_pieces(part))


def part_table_pieces(part: Part) -> Iterator[str]:
    """part_table() piece by piece: the table's start, the header row, each item's rows."""
    layout = part.layout
    widths = layout_widths(layout)
    shape = _shape(layout, widths)
    yield ooxml.table_start(widths)
    header = _headers.get(shape)
    if header is None:
        header = _headers[shape] = _header_row(layout, widths)
    yield header
    for _, xml in _rows_xml(part.items, layout, widths, shape):
        yield xml
    yield ooxml.TABLE_END


def layout_widths(layout: Layout) -> list[int]:
    """The columns' widths in twips."""
    return [twips(c.width_mm) for c in layout.columns]


@functools.lru_cache(maxsize=1024)
def _paragraphs(cell: Cell, style: str) -> str:
    """One paragraph per entry; an empty cell still needs one (empty) paragraph.

    Cached: leads, deadlines and results repeat down a table and from a plan to its children.
    """
    return "".join(ooxml.paragraph_xml(style, text) for text in cell) or ooxml.paragraph_xml(style)


@functools.lru_cache(maxsize=4096)
def _cell(width: int, content: Cell, style: str, vmerge: str | None) -> tuple[str, int]:
    """A task's cell and the lines its content is estimated to take (estimated_lines);
    cached like _paragraphs, and for the same reason. A province tree holds under a thousand
    distinct cells; the bound keeps a plan of ten thousand distinct tasks from holding
    megabytes of them."""
    return (ooxml.cell_xml(width, _paragraphs(content, style), vmerge=vmerge),
            estimated_lines(content, width))


def _header_row(layout: Layout, widths: list[int]) -> str:
    return header_row_xml(layout.columns, widths)


def header_row_xml(columns, widths: list[int]) -> str:
    """The labels of ``columns`` (anything with a ``label``) as a table's header row; a
    report's tables (report_doc.py) take it too."""
    cells = [ooxml.cell_xml(w, _paragraphs((c.label,), styles.TABLE_HEADER))
             for c, w in zip(columns, widths)]
    return ooxml.row_xml("".join(cells), header=True)


def header_row(layout: Layout, widths: list[int]) -> etree._Element:
    """The column labels, repeated on every page."""
    return ooxml.elements(_header_row(layout, widths))[0]


def part_rows(items, layout: Layout, widths: list[int]) -> Iterator[tuple[Key, list[etree._Element]]]:
    """Each group and task in document order, keyed by id, with its own rows (a group: its
    title row). Kept per item so that a redline can line up the rows of two versions."""
    for item, xml in part_rows_xml(items, layout, widths):
        yield item_key("group" if isinstance(item, Group) else "task", item.id, ""), ooxml.elements(xml)


def part_rows_xml(items, layout: Layout, widths: list[int]) -> Iterator[tuple[Group | Task, str]]:
    """part_rows() as markup: each item with its rows' XML."""
    return _rows_xml(items, layout, widths, _shape(layout, widths))


def _rows_xml(items, layout: Layout, widths: list[int], shape: int) -> Iterator[tuple[Group | Task, str]]:
    for n, item in enumerate(items):
        if isinstance(item, Group):
            yield item, _group_row(item, widths)
            yield from _rows_xml(item.items, layout, widths, shape)
        else:
            after = items[n + 1] if n + 1 < len(items) else None
            below = after.merge_up if isinstance(after, Task) else frozenset()
            yield item, _shared_rows(item, layout, widths, below, shape)


def _group_row(group: Group, widths: list[int]) -> str:
    return group_row_xml(group.number, group.title, widths)


def group_row_xml(number: str, title: str, widths: list[int]) -> str:
    """A group's row: its number in the first column, its title across all the others, bold
    (a report's tables too)."""
    if len(widths) == 1:
        text = f"{number}. {title}"
        return ooxml.row_xml(ooxml.cell_xml(widths[0], _paragraphs((text,), styles.TABLE_GROUP)))
    return ooxml.row_xml(
        ooxml.cell_xml(widths[0], _paragraphs((number,), styles.TABLE_GROUP_NUMBER))
        + ooxml.cell_xml(sum(widths[1:]), _paragraphs((title,), styles.TABLE_GROUP),
                         span=len(widths) - 1))


def _cell_style(field: str) -> str:
    return styles.TABLE_CENTER if field in CENTERED_FIELDS else styles.TABLE_TEXT


def _merge_plan(task: Task, field: str, merged_below: bool) -> list[tuple[Cell | None, str | None]]:
    """Per row of the task: the cell's content (None under a merge) and its vMerge value.

    A row that gives the field starts a new cell; a row that does not continues the cell
    above, and the first row falls back to the task's own value, or continues the previous
    task's cell (``merge_up``). A merge of one row is written without vMerge.
    """
    if not task.rows:                            # one row: most tasks
        if field in task.merge_up:
            return [(None, "continue")]
        return [(task.cell(field), "restart" if merged_below else None)]
    rows = task.rows
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


SHARED_ROWS = 512
_rows: OrderedDict[tuple, str] = OrderedDict()
_by_task: OrderedDict[tuple[int, frozenset[str], int], tuple[Task, str]] = OrderedDict()


def _shared_rows(task: Task, layout: Layout, widths: list[int], merged_below: frozenset[str],
                 shape: int) -> str:
    """_task_rows(), kept for the last SHARED_ROWS tasks (``shape`` stands for the layout and
    widths): the children a worker builds repeat their parent's tasks. Bounded, since a plan
    of ten thousand tasks repeats none.

    Looked up by the Task object itself: a child's model shares its parent's Task objects
    (plan/to_model.py), and an identity key costs nothing to hash. The entry holds the Task,
    so its id cannot be reused while cached. Failing that, a task of one row is written
    (_one_row costs little more than a key of its cells would), and a task of several rows
    or a span is looked up by what it shows (equal tasks of another province): that key
    holds everything _task_rows reads of the task (not its id or deadline, which it does
    not show)."""
    same = (id(task), merged_below, shape)
    hit = _by_task.get(same)
    if hit is not None and hit[0] is task:
        _by_task.move_to_end(same)
        return hit[1]
    if not task.rows and task.span is None:
        xml = _one_row(task, layout, widths, merged_below, shape)
    else:
        key = (tuple(task.cells.items()), tuple(tuple(row.items()) for row in task.rows),
               task.span, task.merge_up, merged_below, shape)
        xml = _rows.get(key)
        if xml is None:
            xml = _rows[key] = _task_rows(task, layout, widths, merged_below, shape)
            if len(_rows) > SHARED_ROWS:
                _rows.popitem(last=False)
        else:
            _rows.move_to_end(key)
    _by_task[same] = (task, xml)
    if len(_by_task) > SHARED_ROWS:
        _by_task.popitem(last=False)
    return xml


MAX_SHAPES = 64
_shapes: dict[tuple[Layout, tuple[int, ...]], int] = {}
_headers: dict[int, str] = {}                                       # by shape
_layouts: dict[int, tuple[Layout, tuple[int, ...], int]] = {}       # by id(layout): see _shape


def _shape(layout: Layout, widths: list[int]) -> int:
    """A number for a table's layout and widths, so that a row's key in _rows does not hash
    the whole layout again for every row; it also keys the table's header row (_headers).

    Looked up first by the Layout object itself, as _shared_rows looks up a task: a child's
    model shares its parent's layouts (plan/to_model.py), and hashing a layout hashes each
    of its columns. The entry holds the layout, so its id cannot be reused while kept."""
    widths = tuple(widths)
    hit = _layouts.get(id(layout))
    if hit is not None and hit[0] is layout and hit[1] == widths:
        return hit[2]
    key = (layout, widths)
    if key not in _shapes:
        if len(_shapes) >= MAX_SHAPES:           # never in practice: a few layouts a tree
            for cache in (_shapes, _headers, _rows, _by_task, _columns, _layouts):
                cache.clear()
        _shapes[key] = len(_shapes)
    if len(_layouts) >= SHARED_ROWS:            # plans that share no layout: one each
        _layouts.clear()
    _layouts[id(layout)] = (layout, widths, _shapes[key])
    return _shapes[key]


def _task_rows(task: Task, layout: Layout, widths: list[int],
              merged_below: frozenset[str] = frozenset(), shape: int | None = None) -> str:
    """The markup of one table row per entry of ``task.rows`` (one row when there are none).

    ``task.span`` turns its columns into one cell (gridSpan), merged down every row;
    ``merged_below`` names the fields the next task's first row continues. A row may break
    across pages when its tallest cell is estimated at more than KEEP_WHOLE_LINES lines.
    """
    if not task.rows and task.span is None:     # most tasks
        return _one_row(task, layout, widths, merged_below,
                        _shape(layout, widths) if shape is None else shape)
    count = max(len(task.rows), 1)
    first, last = _span_range(task, layout)
    plans = {c.field: _merge_plan(task, c.field, c.field in merged_below) for c in layout.columns}
    rows = []
    for i in range(count):
        cells, tallest = [], 1
        for j, (column, width) in enumerate(zip(layout.columns, widths)):
            if first <= j <= last:
                if j == first:
                    cells.append(_span_cell(task, widths[first:last + 1], i, count))
                    if i == 0:
                        tallest = max(tallest, estimated_lines(task.span.text,
                                                               sum(widths[first:last + 1])))
                continue
            value, vmerge = plans[column.field][i]
            xml, lines = _cell(width, value or (), _cell_style(column.field), vmerge)
            cells.append(xml)
            tallest = max(tallest, lines)
        rows.append(ooxml.row_xml("".join(cells),
                                  may_split=layout.split_rows and tallest > KEEP_WHOLE_LINES))
    return "".join(rows)


_columns: dict[tuple[int, frozenset[str], frozenset[str]],
               tuple[tuple[str | None, int, str, str | None], ...]] = {}


def _one_row(task: Task, layout: Layout, widths: list[int], merged_below: frozenset[str],
             shape: int) -> str:
    """_task_rows() of a task of one row and no span: each column's cell as _merge_plan
    plans it, the column's (field, width, style, vmerge) worked out once for every task of
    the table that continues and is continued in the same columns (a field of None: a cell
    continued from the task above, shown empty)."""
    key = (shape, task.merge_up, merged_below)
    columns = _columns.get(key)
    if columns is None:
        if len(_columns) >= 4 * SHARED_ROWS:    # a plan of many different merges
            _columns.clear()
        columns = _columns[key] = tuple(
            (None, width, _cell_style(field), "continue") if field in task.merge_up else
            (field, width, _cell_style(field), "restart" if field in merged_below else None)
            for field, width in zip((c.field for c in layout.columns), widths))
    cells, tallest, get = [], 1, task.cells.get
    for field, width, style, vmerge in columns:
        xml, lines = _cell(width, () if field is None else get(field) or (), style, vmerge)
        cells.append(xml)
        if lines > tallest:
            tallest = lines
    return ooxml.row_xml("".join(cells), may_split=layout.split_rows and tallest > KEEP_WHOLE_LINES)


def estimated_lines(content: Cell, width: int) -> int:
    """Lines the paragraphs of a cell ``width`` twips wide take, at least one each."""
    per_line = max((width - CELL_MARGINS) // CHAR_TWIPS, 1)
    return max(sum(max(-(-len(text) // per_line), 1) for text in content), 1)


def _span_range(task: Task, layout: Layout) -> tuple[int, int]:
    if task.span is None:
        return -1, -2
    return layout.index(task.span.first), layout.index(task.span.last)


def _span_cell(task: Task, widths: list[int], row: int, count: int) -> str:
    vmerge = None if count == 1 else ("restart" if row == 0 else "continue")
    content = task.span.text if row == 0 else ()
    return ooxml.cell_xml(sum(widths), _paragraphs(content, _cell_style(task.span.first)),
                          span=len(widths), vmerge=vmerge)
