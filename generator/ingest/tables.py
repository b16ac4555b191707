"""Appendix tables into parts: columns from the header labels, group rows, tasks, merged cells.

A table is read row by row. The header row names the columns (known labels map to fields,
widths come from the grid in millimetres); a row equal to it is a repeated header. A row whose
number cell is followed by one cell spanning all the other columns, in bold, is a group row;
its number tells its level (I, II … above 1, 2 …, 1.1 below 1). Any other row is a task, or, when
its number and content cells continue the row above (vertical merge), another result row of
the task above (``rows``). A cell that continues the previous task's cell is ``merge_up``.
Numbers are compared with what the numbering scheme would print; where they differ, the
printed number is kept as a hand-set ``stt``/``stt2``/``number``. Cell texts keep their
emphasis (``**20.000.000đ**``, wordfile.Para.marked); a group row's bold is the layout's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.ingest.units import Ids, Units
from generator.ingest.wordfile import Cell, Row, Table
from generator.page import TWIPS_PER_MM
from generator.plan.emphasis import escape
from generator.plan.schema import COMPUTED_FIELDS, UNIT_FIELDS

ROMAN = re.compile(r"[IVXLC]+\Z")


def field_of(label: str, taken: set[str]) -> str | None:
    """The field a header label names; None for a label this tool does not know."""
    low = " ".join(label.lower().split()).strip(" :.")
    if low in ("tt", "số tt", "số thứ tự", "thứ tự") or low.startswith("stt"):
        return "stt"
    checks = [("đánh giá", "evaluator"), ("phối hợp", "coordinating"), ("chủ trì", "lead"),
              ("thời gian", "deadline"), ("thời hạn", "deadline"), ("kết quả", "result"),
              ("sản phẩm", "result"), ("ghi chú", "note"), ("phân công", "assignee"),
              ("thực hiện", "assignee"), ("đơn vị tính", "measure"), ("nội dung", "content"),
              ("nhiệm vụ", "content"), ("công việc", "content")]
    if low == "đơn vị":
        return "measure"
    if low.startswith("chỉ tiêu"):
        return "content" if "content" not in taken and low == "chỉ tiêu" else "target"
    for word, name in checks:
        if word in low and name not in taken:
            return name
    return None


@dataclass
class Column:
    field: str
    label: str
    width: float


@dataclass
class RawTask:
    numbers: list[str]                      # as printed in the number columns
    cells: dict[str, Cell]                  # the first row's cells by field (no span, no continue)
    span: tuple[str, str, Cell] | None = None
    rows: list[dict[str, Cell]] = field(default_factory=list)    # later rows' given cells
    continued: list[set[str]] = field(default_factory=list)      # later rows' continuing fields
    merge_up: list[str] = field(default_factory=list)
    position: tuple[int, int] = (0, 0)


@dataclass
class RawGroup:
    number: str
    title: str                              # as printed
    level: int = 1
    items: list = field(default_factory=list)
    marked: str = ""                        # the title in the plan format (its emphasis)


@dataclass
class RawTable:
    columns: list[Column]
    items: list                             # RawGroup | RawTask, nested by level
    notes: list[str] = field(default_factory=list)       # for review


class Unmappable(Exception):
    """The table is not a task table; ``row`` is the 1-based row that says so."""

    def __init__(self, row: int, why: str):
        super().__init__(why)
        self.row = row


def width_mm(tw: int) -> int:
    """Whole millimetres (a plan's loader reads only whole numbers), at least the schema's 5."""
    return max(int(round(tw / TWIPS_PER_MM)), 5)


def expand(row: Row) -> list[tuple[int, Cell]]:
    """(first grid column, cell) for each cell of the row."""
    out, col = [], 0
    for cell in row.cells:
        out.append((col, cell))
        col += cell.span
    return out


def is_task_table(table: Table) -> bool:
    """Whether the first row reads as a header of known labels with a content column."""
    if not table.rows or len(table.rows[0].cells) < 2:
        return False
    taken: set[str] = set()
    for cell in table.rows[0].cells:
        name = field_of(cell.text, taken)
        if name:
            taken.add(name)
    return "content" in taken and len(taken) >= 2


def read_table(table: Table) -> RawTable:
    header = table.rows[0]
    grid = len(table.widths) or sum(c.span for c in header.cells)
    if any(c.span != 1 for c in header.cells) or len(header.cells) != grid:
        raise Unmappable(1, "its header row has merged cells")
    columns, taken, numbers, notes = [], set(), 0, []
    for cell, tw in zip(header.cells, table.widths or [0] * grid):
        label = " ".join(p.text for p in cell.paras if p.text.strip())
        name = field_of(label, taken)
        if name == "stt":
            numbers += 1
            name = ("stt", "stt2")[numbers - 1] if numbers <= 2 else None
        if name is None:
            name = next((f for f in ("note", "assignee", "measure", "target") if f not in taken), None)
            if name is None:
                raise Unmappable(1, f"no field is left for its column \"{label}\"")
            notes.append(f"table {table.index}: column \"{label}\" is not a known heading; "
                         f"read as `{name}` (its label kept)")
        taken.add(name)
        columns.append(Column(name, label, width_mm(tw) if tw else 20))
    fields = [c.field for c in columns]
    labels = [c.label for c in columns]
    number_cols = [i for i, f in enumerate(fields) if f in ("stt", "stt2")]
    flat: list = []
    last_task: RawTask | None = None
    for r, row in enumerate(table.rows[1:], 2):
        cells = expand(row)
        texts = [" ".join(p.text for p in c.paras if p.text.strip()) for _, c in cells]
        if texts == labels or (row.header and r == 2):
            continue                                           # a repeated header row
        group = _group_row(cells, grid, number_cols)
        if group is not None:
            flat.append(group)
            last_task = None
            continue
        by_field: dict[str, Cell] = {}
        span = None
        cont: set[str] = set()
        for col, cell in cells:
            if col >= grid:
                raise Unmappable(r, "a row has more cells than the header")
            if cell.span > 1:
                span = (fields[col], fields[min(col + cell.span, grid) - 1], cell)
            if cell.vmerge == "continue":
                cont.add(fields[col])
            elif cell.span == 1:
                by_field[fields[col]] = cell
        numbers_here = [fields[i] for i in number_cols]
        if last_task is not None and (("content" in cont) or (
                numbers_here and all(f in cont for f in numbers_here))) and span is None \
                and "content" not in by_field:
            last_task.rows.append(by_field)
            last_task.continued.append(cont)
            continue
        if last_task is None:
            cont = set()            # the first task of a list has no task above to continue
        task = RawTask([_text(by_field.get(fields[i])) for i in number_cols], by_field, span,
                       merge_up=[f for f in fields if f in cont and f not in numbers_here],
                       position=(table.index, r))
        if not by_field.get("content") and span is None:
            raise Unmappable(r, "a row has no content")
        flat.append(task)
        last_task = task
    return RawTable(columns, _nest(flat), notes)


def _text(cell: Cell | None) -> str:
    return " ".join(cell.texts) if cell is not None else ""


def _group_row(cells, grid: int, number_cols: list[int]) -> RawGroup | None:
    if len(cells) == 2 and cells[0][1].span == 1 and cells[1][1].span == grid - 1 and grid > 2:
        number, title = cells[0][1], cells[1][1]
        bold = all(p.bold for p in title.paras if p.text.strip())
        if bold and title.texts:
            return RawGroup(_text(number), " ".join(title.texts),
                            marked=" ".join(title.marked(keep="b")))
    if len(cells) == 1 and cells[0][1].span == grid and cells[0][1].texts:
        text = " ".join(cells[0][1].texts)
        m = re.match(r"([IVXLC]+|\d+(?:\.\d+)*|[A-Z])[.)]\s+(.*)", text)
        if m and all(p.bold for p in cells[0][1].paras if p.text.strip()):
            paras = [p for p in cells[0][1].paras if p.text.strip()]
            marked = paras[0].marked(m.group(2), keep="b") if len(paras) == 1 else escape(m.group(2))
            return RawGroup(m.group(1), m.group(2), marked=marked)
    return None


def _level(number: str, romans: bool) -> int:
    if ROMAN.match(number) or re.fullmatch(r"[A-Z]", number):
        return 1
    depth = number.count(".") + 1 if re.fullmatch(r"\d+(\.\d+)*", number) else 1
    return depth + (1 if romans else 0)


def _nest(flat: list) -> list:
    """Groups by their numbers' levels; tasks into the group above them, or into an outer
    holder whose count they go on with (an outline number, or _stays_in): the rows of a
    task, sub-group, task list come back in their holders, in their order."""
    romans = any(isinstance(g, RawGroup) and ROMAN.match(g.number) for g in flat)
    # outline numbers ("2.1") say where a task stands: "3" after groups 1 and 2 is the holder's
    outline = any(isinstance(t, RawTask) and t.numbers and "." in t.numbers[0] for t in flat)
    top: list = []
    stack: list[RawGroup] = []
    seen = 0                                 # tasks so far (what a running Stt would print)
    for item in flat:
        if isinstance(item, RawGroup):
            item.level = min(_level(item.number, romans), len(stack) + 1)
            while stack and stack[-1].level >= item.level:
                stack.pop()
            (stack[-1].items if stack else top).append(item)
            stack.append(item)
        else:
            number = item.numbers[0] if item.numbers else ""
            if outline and re.fullmatch(r"\d+(\.\d+)*", number):
                while stack and sum(g.number.isdigit() for g in stack) > number.count("."):
                    stack.pop()
            elif stack and item.numbers:
                del stack[_stays_in(item.numbers, top, stack, seen):]
            seen += 1
            (stack[-1].items if stack else top).append(item)
    return top


def _stays_in(numbers: list[str], top: list, stack: list[RawGroup], seen: int) -> int:
    """How many of the open groups a task numbered ``numbers`` belongs to, when numbers count
    within each group: a task that does not go on with its group's count, nor with a running
    Stt, but goes on with an outer holder's, is that holder's (task, sub-group, task)."""
    def next_number(items: list) -> str:
        return str(sum(isinstance(i, RawTask) for i in items) + 1)
    holders = [top] + [g.items for g in stack]
    if any(n in (next_number(holders[-1]), str(seen + 1)) for n in numbers):
        return len(stack)
    for depth in reversed(range(len(stack))):
        if next_number(holders[depth]) in numbers:
            return depth
    return len(stack)


def unmapped_text(table: Table) -> list[str]:
    """A table kept as free text: each row's cells joined by " | "."""
    return [" | ".join(c.text for c in row.cells) for row in table.rows if any(c.texts for c in row.cells)]


class PartBuilder:
    """RawTables into the plan's ``parts`` data, with task ids, units and hand-set numbers."""

    def __init__(self, units: Units, ids: Ids):
        self.units, self.ids = units, ids

    def cell_value(self, field_name: str, cell: Cell):
        """A unit cell as unit ids (Units), any other as its text(s) with their emphasis."""
        texts = cell.texts
        if field_name in UNIT_FIELDS:
            return self.units.cell("; ".join(texts)) if texts else None
        if not texts:
            return None
        texts = cell.marked()
        return texts[0] if len(texts) == 1 else texts

    def task(self, raw: RawTask, number_fields: list[str]) -> dict:
        content = raw.cells.get("content")
        out: dict = {"id": self.ids.make(_text(content) if content else (raw.span[2].text if raw.span else "task"))}
        if raw.merge_up:
            out["merge_up"] = list(raw.merge_up)
        multi = bool(raw.rows)
        per_row = set()
        if multi:
            for given in raw.rows:
                per_row |= {f for f in given if f not in COMPUTED_FIELDS}
        for name, cell in raw.cells.items():
            if name in COMPUTED_FIELDS or name in per_row:
                continue
            value = self.cell_value(name, cell)
            if value is not None:
                out[name] = value
            elif name == "content":
                out[name] = ""
        if raw.span:
            first, last, cell = raw.span
            out["span"] = {"from": first, "to": last, "text": self.cell_value("content", cell) or ""}
            if "content" not in out:        # a span over the content column: it is the content
                out["content"] = out["span"]["text"]
        if multi:
            rows = [{f: v for f, c in raw.cells.items() if f in per_row
                     if (v := self.cell_value(f, c)) is not None}]
            for given in raw.rows:
                rows.append({f: v for f, c in given.items() if f in per_row and f not in COMPUTED_FIELDS
                             if (v := self.cell_value(f, c)) is not None})
            out["rows"] = rows
        return out
