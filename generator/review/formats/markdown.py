"""The diff as a merge-request description: a heading per part, tables of old and new values.

Within a changed value the words that differ are marked (``<del>`` in the old value, ``<ins>``
in the new; HTML rather than ``~~``/``**``, whose flanking rules fail next to punctuation), so
a reviewer sees a one-word edit in a long paragraph. Lists longer than
``FOLD`` items are folded into ``<details>`` so the description stays scannable; GitHub and
GitLab both render them.
"""
from __future__ import annotations

import re

from generator.review.changes import SECTIONS, Change, Move, PartDiff, PlanDiff, TaskChange, TaskRef
from generator.review.words import show, shorten, what, word_diff

FOLD = 10
SNIPPET = 60
_SPECIAL = re.compile(r"([\\`*_~\[\]|])")


def render_markdown(diff: PlanDiff) -> str:
    lines = [f"## Plan changes: `{diff.old}` → `{diff.new}`", ""]
    if diff.equal:
        return "\n".join(lines + ["No differences.", ""])
    s = diff.summary()
    lines += [f"**Tasks:** {s['added']} added, {s['dropped']} dropped, {s['moved']} moved, "
              f"{s['changed']} changed · **other changes:** {s['other']}", ""]
    for name, title in SECTIONS:
        if diff.sections[name]:
            lines += [f"### {title}", ""] + _fold(diff.sections[name], _changes_table) + [""]
    for part in diff.parts:
        if not part.empty:
            lines += _part(part)
    return "\n".join(lines)


def escape(text: str) -> str:
    """Text safe inside a table cell: markdown characters escaped, line breaks as <br>."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text).replace("\n", "<br>")


def _fold(items: list, render) -> list[str]:
    """``render(items)``, inside <details> when there are more than FOLD items."""
    body = render(items)
    if len(items) <= FOLD:
        return body
    return [f"<details><summary>{len(items)} items</summary>", ""] + body + ["", "</details>"]


def _changes_table(changes: list[Change]) -> list[str]:
    rows = ["| Change | Where | Old | New |", "|---|---|---|---|"]
    return rows + [f"| {c.kind} | {escape(what(c))} | {_values(c)} |" for c in changes]


def _values(change: Change) -> str:
    """The Old and New cells; a changed value's differing words marked."""
    old, new = show(change.old), show(change.new)
    if change.kind != "changed":
        return f"{escape(old)} | {escape(new)}"
    old_runs, new_runs = word_diff(old, new)
    return f"{_marked(old_runs, 'del')} | {_marked(new_runs, 'ins')}"


def _marked(runs: list[tuple[str, bool]], tag: str) -> str:
    """Escaped text with the differing runs inside ``<tag>``, spaces kept outside it."""
    out = []
    for piece, differs in runs:
        core = piece.strip()
        if differs and core:
            lead, tail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
            out.append(f"{lead}<{tag}>{escape(core)}</{tag}>{tail}")
        else:
            out.append(escape(piece))
    return "".join(out)


def _part(part: PartDiff) -> list[str]:
    title = part.title if part.title != part.id else "(untitled part)"
    status = "" if part.status == "kept" else f" — {part.status}"
    lines = [f"### Part {escape(title)} (`{part.id}`){status}", ""]
    if part.changes:
        lines += _changes_table(part.changes) + [""]
    for heading, tasks in (("Added", part.added), ("Dropped", part.dropped)):
        if tasks:
            lines += [f"**{heading} tasks ({len(tasks)})**", ""] + _fold(tasks, _task_list) + [""]
    if part.moved:
        lines += [f"**Moved tasks ({len(part.moved)})**", ""] + _fold(part.moved, _move_list) + [""]
    if part.changed:
        lines += [f"**Changed tasks ({len(part.changed)})**", ""] + \
            _fold(part.changed, _changed_table) + [""]
    return lines


def _ref(task: TaskRef) -> str:
    number = f"{escape(task.number)} " if task.number else ""
    return f"{number}`{task.id}` {escape(shorten(task.content, SNIPPET))}"


def _task_list(tasks: list[TaskRef]) -> list[str]:
    return [f"- {_ref(t)}" for t in tasks]


def _move_list(moves: list[Move]) -> list[str]:
    def place(where: str, after: str | None) -> str:
        return f"*{escape(where) or 'no group'}*, " + (f"after `{after}`" if after else "first")
    return [f"- {_ref(m.task)}: from `{m.old_part}` {place(m.old_place, m.old_after)} "
            f"→ {place(m.task.place, m.new_after)}" for m in moves]


def _changed_table(changed: list[TaskChange]) -> list[str]:
    rows = ["| Task | Field | Old | New |", "|---|---|---|---|"]
    for task in changed:
        for n, change in enumerate(task.fields):
            label = _ref(task.task) if n == 0 else ""
            rows.append(f"| {label} | {escape(what(change))} | {_values(change)} |")
    return rows
