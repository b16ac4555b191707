"""Where a task stands in a printed appendix, as a clerk cites it: "Stt 8 Mục I Phần 1".

The numbers are read from the typed model, the same cells the renderer prints in the row
(render/appendix.py prints ``task.cell(field)`` in each column), so a reference taken from
the OLD plan is the number the original appendix printed, whatever the numbering scheme.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.plan.model import Group, Part, Plan, Task
from generator.plan.schema import COMPUTED_FIELDS

ANNEX = "Phụ lục kèm theo Kế hoạch"


@dataclass(frozen=True)
class Place:
    """A task's printed place: its number, the groups around it, its part."""

    number: str               # "Stt 8", or "" when the part prints no number column
    groups: tuple[str, ...]   # "Mục I", innermost first
    part: str                 # "Phần 1", or "" for an appendix of one untitled part
    order: int                # its position in the whole appendix, for sorting

    def cite(self) -> str:
        """``Stt 8 Mục I Phần 1 Phụ lục kèm theo Kế hoạch``."""
        return " ".join(w for w in (self.number, *self.groups, self.part, ANNEX) if w)

    def cite_short(self) -> str:
        """``Stt 8 Mục I Phần 1``, for a table cell."""
        return " ".join(w for w in (self.number, *self.groups, self.part) if w)

    def holder(self) -> str:
        """The group or part it sits in: ``Mục I Phần 1``."""
        return " ".join(w for w in (*self.groups, self.part) if w)


def part_label(plan: Plan, part: Part) -> str:
    """``Phần 1`` as the part's heading numbers it (or by position when it has none)."""
    parts = plan.appendix.parts if plan.appendix else ()
    if len(parts) == 1 and part.heading is None:
        return ""
    if part.heading:
        number, dot, _ = part.heading.partition(". ")
        if dot and " " not in number:
            return f"Phần {number}"
    return f"Phần {[p.id for p in parts].index(part.id) + 1}"


def number_column(part: Part) -> tuple[str, str] | None:
    """(field, label) of the number the part's table prints first, e.g. ("stt", "Stt")."""
    for column in part.layout.columns:
        if column.field in COMPUTED_FIELDS:
            return column.field, column.label
    return None


def places(plan: Plan) -> dict[str, Place]:
    """Every task id of ``plan`` with its printed place."""
    out: dict[str, Place] = {}
    for part in plan.appendix.parts if plan.appendix else ():
        _walk(part.items, (), part_label(plan, part), number_column(part), out)
    return out


def group_places(plan: Plan) -> dict[str, str]:
    """Every group id with its printed place, ``Mục I Phần 1``."""
    out: dict[str, str] = {}

    def walk(items, groups: tuple[str, ...], part: str) -> None:
        for item in items:
            if isinstance(item, Group):
                inner = (f"Mục {item.number}",) + groups
                out[item.id] = " ".join(inner + ((part,) if part else ()))
                walk(item.items, inner, part)

    for part in plan.appendix.parts if plan.appendix else ():
        walk(part.items, (), part_label(plan, part))
    return out


def preceding(plan: Plan) -> dict[str, str | None]:
    """Every item id with the id of the item just before it in its own list (task or sub-group),
    or None for the first: a task added after a sub-group is placed after the sub-group, not
    after the sub-group's last task."""
    out: dict[str, str | None] = {}

    def walk(items) -> None:
        before = None
        for item in items:
            out[item.id] = before
            before = item.id
            if isinstance(item, Group):
                walk(item.items)

    for part in plan.appendix.parts if plan.appendix else ():
        walk(part.items)
    return out


def _walk(items, groups: tuple[str, ...], part: str, column, out: dict[str, Place]) -> None:
    for item in items:
        if isinstance(item, Group):
            _walk(item.items, (f"Mục {item.number}",) + groups, part, column, out)
        elif isinstance(item, Task):
            number = f"{column[1]} {' '.join(item.cell(column[0]))}" if column else ""
            out[item.id] = Place(number, groups, part, len(out))
