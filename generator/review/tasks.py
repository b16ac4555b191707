"""The fields of one task that differ between two plans.

Tasks are compared as printed (unit ids already turned into names), because that is what the
signer reads: a child that renames a unit changes the lead of every task naming it. The
computed numbers (Stt, Stt2, number) are left out unless a plan sets them by hand: dropping
one task renumbers all that follow, and reporting each renumbering would bury the real changes.
"""
from __future__ import annotations

from generator.plan.model import Cell, Span, Task
from generator.plan.schema import COLUMN_FIELDS, COMPUTED_FIELDS
from generator.review.changes import ADDED, CHANGED, REMOVED, Change, Value


def task_changes(old: Task, new: Task, old_numbers: dict, new_numbers: dict) -> tuple[Change, ...]:
    """Changes of the cells, the span, the merges and the rows; ``*_numbers`` are the
    hand-set numbers."""
    out = []
    for name in COLUMN_FIELDS:
        if name in COMPUTED_FIELDS and old_numbers.get(name) == new_numbers.get(name):
            continue
        change = cell_change(name, old.cell(name), new.cell(name))
        if change:
            out.append(change)
    if old.span != new.span:
        out.append(value_change("span", _span(old.span), _span(new.span)))
    if old.merge_up != new.merge_up:
        out.append(value_change("merge_up", sorted(old.merge_up) or None, sorted(new.merge_up) or None))
    out += _row_changes(old.rows, new.rows)
    return tuple(out)


def cell_change(what: str, old: Cell, new: Cell) -> Change | None:
    """The change of one cell, or None; an empty cell counts as absent."""
    if tuple(old) == tuple(new):
        return None
    return value_change(what, list(old) or None, list(new) or None)


def value_change(what: str, old: Value, new: Value) -> Change:
    kind = ADDED if old is None else REMOVED if new is None else CHANGED
    return Change(kind, what, old, new)


def _span(span: Span | None) -> list[str] | None:
    """A merged cell as text: its range of columns, then its paragraphs."""
    return None if span is None else [f"({span.first} … {span.last})", *span.text]


def _row_changes(old: tuple[dict, ...], new: tuple[dict, ...]) -> list[Change]:
    """Row by row: changed fields of rows on both sides, rows added or removed at the end."""
    out = []
    for n in range(max(len(old), len(new))):
        what = f"rows[{n + 1}]"
        if n >= len(old) or n >= len(new):
            out.append(value_change(what, _row(old, n), _row(new, n)))
            continue
        for name in COLUMN_FIELDS:
            change = cell_change(f"{what}.{name}", old[n].get(name, ()), new[n].get(name, ()))
            if change:
                out.append(change)
    return out


def _row(rows: tuple[dict, ...], n: int) -> list[str] | None:
    if n >= len(rows):
        return None
    return [f"{name}: {' / '.join(cell)}" for name, cell in rows[n].items() if cell]
