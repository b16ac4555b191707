"""The diff for a person at a terminal: one line per change, colour only when asked for.

Every line starts with a sign that carries its meaning without colour (``+`` added, ``-``
removed or dropped, ``~`` changed, ``>`` moved), so piped output and logs read the same.
"""
from __future__ import annotations

from typing import Callable

import click

from generator.review.changes import SECTIONS, Change, Move, PartDiff, PlanDiff, TaskChange, TaskRef
from generator.review.words import show, shorten, what, word_diff

SIGNS = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
STYLES = {"added": {"fg": "green"}, "removed": {"fg": "red"}, "changed": {"fg": "yellow"},
          "moved": {"fg": "cyan"}, "heading": {"bold": True}, "old": {"fg": "red", "bold": True},
          "new": {"fg": "green", "bold": True}, "dim": {"dim": True}}
INLINE = 48          # values up to this long are shown on the line, "old → new"
SNIPPET = 72         # task content is cut to this many characters


class _Writer:
    """Collects lines; ``style`` is click.style or a no-op when colour is off."""

    def __init__(self, color: bool):
        self.lines: list[str] = []
        self.style: Callable[[str, str], str] = \
            (lambda text, role: click.style(text, **STYLES[role])) if color else (lambda text, role: text)

    def add(self, indent: int, text: str = "") -> None:
        self.lines.append(" " * indent + text if text else "")


def render_text(diff: PlanDiff, color: bool = False) -> str:
    out = _Writer(color)
    out.add(0, out.style(f"plangen diff {diff.old} {diff.new}", "heading"))
    if diff.equal:
        out.add(0, "no differences")
        return "\n".join(out.lines) + "\n"
    out.add(0, _summary(diff))
    for name, title in SECTIONS:
        if diff.sections[name]:
            out.add(0)
            out.add(0, out.style(title, "heading"))
            for change in diff.sections[name]:
                _change(out, change, 2)
    for part in diff.parts:
        if not part.empty:
            _part(out, part)
    return "\n".join(out.lines) + "\n"


def _summary(diff: PlanDiff) -> str:
    s = diff.summary()
    return (f"tasks: {s['added']} added, {s['dropped']} dropped, {s['moved']} moved, "
            f"{s['changed']} changed; {s['other']} other change(s)")


def _change(out: _Writer, change: Change, indent: int) -> None:
    sign = out.style(SIGNS[change.kind], change.kind)
    if change.kind in ("added", "removed"):
        value = show(change.new if change.kind == "added" else change.old)
        if len(value) <= INLINE:
            out.add(indent, f"{sign} {change.what}: {value}")
        else:
            out.add(indent, f"{sign} {change.what}")
            out.add(indent + 4, value)
        return
    old, new = show(change.old), show(change.new)
    old_runs, new_runs = word_diff(old, new)
    old_text, new_text = _paint(out, old_runs, "old"), _paint(out, new_runs, "new")
    if len(old) <= INLINE and len(new) <= INLINE:
        out.add(indent, f"{sign} {what(change)}: {old_text} → {new_text}")
    else:
        out.add(indent, f"{sign} {what(change)}")
        out.add(indent + 4, out.style("- ", "removed") + old_text)
        out.add(indent + 4, out.style("+ ", "added") + new_text)


def _paint(out: _Writer, runs: list[tuple[str, bool]], role: str) -> str:
    """The text with its changed words styled (a no-op without colour)."""
    return "".join(out.style(piece, role) if differs and piece.strip() else piece
                   for piece, differs in runs)


def _part(out: _Writer, part: PartDiff) -> None:
    out.add(0)
    status = "" if part.status == "kept" else f" ({part.status})"
    title = f"Part {part.title} [{part.id}]" if part.title != part.id else f"Part [{part.id}]"
    out.add(0, out.style(title + status, "heading"))
    for change in part.changes:
        _change(out, change, 2)
    _tasks(out, "Added", part.added, "added")
    _tasks(out, "Dropped", part.dropped, "removed")
    if part.moved:
        out.add(2, f"Moved ({len(part.moved)})")
        for move in part.moved:
            _move(out, move)
    if part.changed:
        out.add(2, f"Changed ({len(part.changed)})")
        for changed in part.changed:
            _changed_task(out, changed)


def _ref(task: TaskRef) -> str:
    number = f"{task.number} " if task.number else ""
    return f"{number}{task.id}: {shorten(task.content, SNIPPET)}"


def _tasks(out: _Writer, title: str, tasks: list[TaskRef], kind: str) -> None:
    if tasks:
        out.add(2, f"{title} ({len(tasks)})")
        for task in tasks:
            out.add(4, f"{out.style(SIGNS[kind], kind)} {_ref(task)}")


def _move(out: _Writer, move: Move) -> None:
    out.add(4, f"{out.style(SIGNS['moved'], 'moved')} {_ref(move.task)}")
    old_after = f"after {move.old_after}" if move.old_after else "first"
    new_after = f"after {move.new_after}" if move.new_after else "first"
    out.add(8, f"from {move.old_part} › {move.old_place or '(no group)'}, {old_after}")
    out.add(8, f"to   {move.task.place or '(no group)'}, {new_after}")


def _changed_task(out: _Writer, changed: TaskChange) -> None:
    out.add(4, f"{out.style(SIGNS['changed'], 'changed')} {_ref(changed.task)}")
    for change in changed.fields:
        _change(out, change, 8)
