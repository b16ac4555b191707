"""The plan's tasks as rows of plain text: what a spreadsheet, a report table or a status
file's comments show of each task (part, group, number, content, lead …)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator

from generator.plan.model import Group, Plan, Task
from generator.track.standing import latest_date

NUMBER_FIELDS = ("stt", "stt2", "number")


@dataclass(frozen=True)
class TaskRow:
    task: Task
    part: str            # the part's heading as printed ("1. Thực hiện …"), or its id
    part_id: str
    group: str           # the innermost group, "I. Công tác …", or ""
    number: str          # the task's number as printed in the first column
    content: str
    lead: str
    coordinating: str
    deadline: str        # as written
    latest: date | None  # the last day it may be done (standing.latest_date)

    @property
    def id(self) -> str:
        return self.task.id


def task_rows(plan: Plan) -> Iterator[TaskRow]:
    """Every task of the plan in table order, as text."""
    if plan.appendix is None:
        return
    for part in plan.appendix.parts:
        first = part.layout.columns[0].field if part.layout.columns else "stt"
        numbering = first if first in NUMBER_FIELDS else "stt"
        for task, group in _walk(part.items, None):
            yield TaskRow(task, part.heading or part.id, part.id,
                          f"{group.number}. {group.title}" if group else "",
                          text(task, numbering), text(task, "content"), text(task, "lead"),
                          text(task, "coordinating"),
                          task.deadline.text if task.deadline else text(task, "deadline"),
                          latest_date(task))


def _walk(items, group: Group | None):
    for item in items:
        if isinstance(item, Task):
            yield item, group
        else:
            yield from _walk(item.items, item)


def text(task: Task, field: str) -> str:
    """A cell as one text (paragraphs on lines); a task of several rows joins its rows'."""
    cell = task.cell(field)
    if not cell and task.rows:
        seen = dict.fromkeys(p for row in task.rows for p in row.get(field, ()))
        return "; ".join(seen)
    if not cell and task.span and field in _spanned(task):
        return "\n".join(task.span.text)
    return "\n".join(cell)


def _spanned(task: Task) -> set[str]:
    return {task.span.first, task.span.last} if task.span else set()


def short(content: str, limit: int = 70) -> str:
    """A task's content cut to one line for a comment."""
    line = " ".join(content.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
