"""Compare the appendices of two plans, part by part: tasks added, dropped, moved, changed.

Tasks and groups are matched by id (ids are unique in a plan), as inheritance matches them.
A task has moved when it sits in another group or part, or out of its old order among the
tasks both plans share; the fewest moves that explain the new order are reported.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from generator.plan.rules import iter_items
from generator.plan.model import Group, Part, Plan, Task
from generator.plan.workspace import LoadedPlan
from generator.plan.schema import COMPUTED_FIELDS
from generator.review.changes import ADDED, CHANGED, REMOVED, Change, Move, PartDiff, TaskChange, TaskRef
from generator.review.sequence import kept_in_order
from generator.review.tasks import task_changes, value_change


@dataclass(frozen=True)
class _Placed:
    """A task with where it sits: part, chain of groups, and the item (task or sub-group)
    before it in its list."""

    task: Task
    part: str
    groups: tuple[str, ...]
    ref: TaskRef
    after: str | None


def part_diffs(old: LoadedPlan, new: LoadedPlan) -> list[PartDiff]:
    """One PartDiff per part of either plan: the new plan's parts in order, then removed ones."""
    diffs = _parts(old, new)
    before, after = _placed(old.model), _placed(new.model)
    old_by_id = {p.ref.id: p for p in before}
    moved = _moved(before, after)
    numbers = _hand_numbers(old.tree), _hand_numbers(new.tree)
    for placed in after:
        was = old_by_id.get(placed.ref.id)
        if was is None:
            diffs[placed.part].added.append(placed.ref)
            continue
        if placed.ref.id in moved:
            diffs[placed.part].moved.append(Move(placed.ref, was.part, was.ref.place,
                                                 was.after, placed.after))
        fields = task_changes(was.task, placed.task, numbers[0].get(placed.ref.id, {}),
                              numbers[1].get(placed.ref.id, {}))
        if fields:
            diffs[placed.part].changed.append(TaskChange(placed.ref, fields))
    kept = {p.ref.id for p in after}
    for placed in before:
        if placed.ref.id not in kept:
            diffs[placed.part].dropped.append(placed.ref)
    return list(diffs.values())


def _parts(old: LoadedPlan, new: LoadedPlan) -> dict[str, PartDiff]:
    """An empty PartDiff for every part, with the part's own changes (title, layout, groups)."""
    before, after = _part_map(old.model), _part_map(new.model)
    titles = _titles(old.tree), _titles(new.tree)
    out = {}
    for pid, part in after.items():
        status = "kept" if pid in before else ADDED
        out[pid] = PartDiff(pid, part.heading or pid, status)
        if pid in before:
            out[pid].changes = _part_changes(before[pid], part, titles)
    for pid, part in before.items():
        if pid not in after:
            out[pid] = PartDiff(pid, part.heading or pid, REMOVED)
    return out


def _part_map(plan: Plan) -> dict[str, Part]:
    return {p.id: p for p in plan.appendix.parts} if plan.appendix else {}


def _titles(tree) -> dict[str, str | None]:
    """Part and group titles as written, without the computed numbers of their headings."""
    return {item["id"]: item.get("title") for key, item, _, _ in iter_items(tree)
            if key in ("parts", "groups")}


def _part_changes(old: Part, new: Part, titles) -> list[Change]:
    out = []
    if titles[0].get(old.id) != titles[1].get(new.id):
        out.append(value_change("title", titles[0].get(old.id), titles[1].get(new.id)))
    if old.layout.columns != new.layout.columns:
        out.append(Change(CHANGED, "layout", _columns(old), _columns(new)))
    before, after = dict(_groups(old.items)), dict(_groups(new.items))
    for gid, group in after.items():
        if gid not in before:
            out.append(Change(ADDED, f"group {gid}", None, f"{group.number}. {group.title}"))
        elif before[gid].title != group.title:
            out.append(Change(CHANGED, f"group {gid} title", before[gid].title, group.title))
    out += [Change(REMOVED, f"group {gid}", f"{g.number}. {g.title}", None)
            for gid, g in before.items() if gid not in after]
    return out


def _columns(part: Part) -> list[str]:
    return [f"{c.label} ({c.field}, {c.width_mm:g} mm)" for c in part.layout.columns]


def _groups(items) -> Iterator[tuple[str, Group]]:
    for item in items:
        if isinstance(item, Group):
            yield item.id, item
            yield from _groups(item.items)


def _placed(plan: Plan) -> list[_Placed]:
    """Every task in document order with its place."""
    out: list[_Placed] = []
    for part in plan.appendix.parts if plan.appendix else ():
        number_field = _number_field(part)
        _walk(part.items, part.id, (), "", number_field, out)
    return out


def _walk(items, part: str, groups: tuple[str, ...], place: str, number_field: str, out) -> None:
    after = None
    for item in items:
        if isinstance(item, Group):
            label = f"{item.number}. {item.title}"
            _walk(item.items, part, groups + (item.id,),
                  f"{place} › {label}" if place else label, number_field, out)
            after = item.id         # a task written after a sub-group follows the sub-group
            continue
        number = " ".join(item.cell(number_field))
        content = item.cell("content")[0] if item.cell("content") else ""
        out.append(_Placed(item, part, groups, TaskRef(item.id, number, content, place), after))
        after = item.id


def _number_field(part: Part) -> str:
    """The computed number the part's table prints first (Stt unless its layout says otherwise)."""
    shown = [c.field for c in part.layout.columns if c.field in COMPUTED_FIELDS]
    return shown[0] if shown else "stt"


def _moved(before: list[_Placed], after: list[_Placed]) -> set[str]:
    """Ids of shared tasks now in another part or group, or out of their old order."""
    old_ids = {p.ref.id: p for p in before}
    shared = [p for p in after if p.ref.id in old_ids]
    shared_ids = {p.ref.id for p in shared}
    rank = {pid: n for n, pid in enumerate(p.ref.id for p in before if p.ref.id in shared_ids)}
    kept = kept_in_order([rank[p.ref.id] for p in shared])
    return {p.ref.id for n, p in enumerate(shared)
            if n not in kept or (p.part, p.groups) != (old_ids[p.ref.id].part,
                                                       old_ids[p.ref.id].groups)}


def _hand_numbers(tree) -> dict[str, dict[str, str]]:
    """Task id → the numbers the plan sets by hand (``stt``, ``stt2``, ``number``)."""
    return {item["id"]: {k: item[k] for k in COMPUTED_FIELDS if k in item}
            for key, item, _, _ in iter_items(tree) if key == "tasks"}
