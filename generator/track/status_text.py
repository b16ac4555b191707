"""Writing status files: ``plangen status new`` (every task listed, the previous period carried
forward) and ``plangen import-status`` (a filled-in spreadsheet) both end here, so a status file
always looks the same: one block per task, in the plan's order, under a comment with the
task's number and the start of its content.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Mapping

from generator.folders import STATUS_DIR
from generator.plan.model import Plan
from generator.track.matrix import short, task_rows
from generator.track.period import Period, parse_period
from generator.track.status import Entry, Status, load_status, plan_name
from generator.errors import UsageProblem


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def status_yaml(plan: Plan, period: Period, as_of: date, entries: Mapping[str, Entry],
                note: str = "", every_task: bool = True) -> str:
    """The status file's text: ``entries`` by task id. A task without one is listed as not
    started (``every_task``: a scaffold names every task to fill in), or else only named in
    a comment (an import: a row left blank says nothing)."""
    lines = [f"# Status of plan {plan_name(plan)} for {period.words()} (docs/tracking.md).",
             "# state: done | in_progress | not_started | cancelled; date (YYYY-MM-DD) is "
             "required when done."]
    if note:
        lines.append(f"# {note}")
    lines += [f"plan: {plan_name(plan)}", f"period: \"{period.text}\"",
              f"as_of: {as_of.isoformat()}", "tasks:"]
    part = None
    for row in task_rows(plan):
        if row.part != part:
            part = row.part
            lines.append(f"  # {short(part, 90)}")
        entry = entries.get(row.id)
        if entry is None and not every_task:
            lines.append(f"  # {row.number} · {short(row.content)}: no state given ({row.id})")
            continue
        lines.append(f"  # {row.number} · {short(row.content)}")
        lines.append(f"  {quoted(row.id) if _needs_quotes(row.id) else row.id}:")
        lines.append(f"    state: {entry.state if entry else 'not_started'}")
        if entry and entry.date:
            lines.append(f"    date: {entry.date.isoformat()}")
        lines.append(f"    result: {quoted(entry.result if entry else '')}")
        if entry and entry.note:
            lines.append(f"    note: {quoted(entry.note)}")
        if entry and entry.evidence:
            lines.append(f"    evidence: [{', '.join(quoted(e) for e in entry.evidence)}]")
    return "\n".join(lines) + "\n"


def _needs_quotes(task_id: str) -> bool:
    return not task_id[:1].isalpha() or any(c in task_id for c in ":#")


def status_files(root: Path, plan: str) -> list[tuple[Period, Path]]:
    """The status files of a plan that are named as periods, earliest cut-off first."""
    found = []
    for path in sorted((Path(root) / STATUS_DIR / plan).glob("*.yaml")):
        try:
            found.append((parse_period(path.stem), path))
        except UsageProblem:
            continue
    return sorted(found, key=lambda pair: (pair[0].cutoff(), pair[0].start))


def previous_status(root: Path, plan: Plan, period: Period) -> Status | None:
    """The status with the latest cut-off before ``period``'s in the plan's year (raises the
    PlanError of that file when it is not valid: carrying a wrong status forward would hide it)."""
    earlier = [path for p, path in status_files(root, plan_name(plan))
               if p.year == period.year and p.cutoff() < period.cutoff()]
    return load_status(earlier[-1], plan) if earlier else None


def new_status(root: Path, plan: Plan, period: Period, as_of: date | None = None) -> tuple[str, Status | None]:
    """The text of a new status file for ``period``, and the status it carries forward."""
    if period.year != plan.year:
        raise UsageProblem(f"period {period} is not in the plan's year {plan.year}")
    before = previous_status(root, plan, period)
    entries = before.entries if before else {}
    note = f"Carried forward from {before.source} (as of {before.as_of.isoformat()})." if before else ""
    return status_yaml(plan, period, as_of or period.cutoff(), entries, note), before
