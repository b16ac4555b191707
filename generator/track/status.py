"""Status files: where each task of a plan stands at a date, ``status/<plan>/<period>.yaml``.

::

    plan: an-giang-2023
    period: 2023-Q2
    as_of: 2023-06-14            # default: the period's cut-off (Decree 09/2019)
    tasks:
      kh-ksthc-tinh:
        state: done              # done | in_progress | not_started | cancelled
        date: 2023-01-18         # required when done
        result: "Quyết định số 77/QĐ-UBND ngày 18/01/2023"
        note: ""
        evidence: ["77/QĐ-UBND"]

SCHEMA is the one source of the format (docs/tracking.md names every key). A file is read with
the plan loader (every value keeps its line and column), checked by Cerberus, then against the
plan: every problem of the file comes out in one PlanError, ``file:line:col: message (task id)``.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from generator.errors import PlanError, Problem, UsageProblem
from generator.folders import STATUS_DIR
from generator.plan.load import FileKind, load_file, load_text
from generator.plan.model import Plan
from generator.plan.validate import validator_class
from generator.track.period import FORMS, Period, parse_period
from generator.tree import Map, position

STATES = ("done", "in_progress", "not_started", "cancelled")
# What a clerk reads for each state (spreadsheets and reports); import takes either.
STATE_WORDS = {"done": "Đã hoàn thành", "in_progress": "Đang thực hiện",
               "not_started": "Chưa thực hiện", "cancelled": "Không thực hiện"}

_TEXT = {"type": "string", "nullable": True}
ENTRY = {
    "state": {"type": "string", "required": True, "allowed": list(STATES)},
    "date": {"type": "string", "nullable": True, "check_with": "iso_date"},
    "result": _TEXT,
    "note": _TEXT,
    "evidence": {"type": "list", "nullable": True, "schema": {"type": "string"}},
}
SCHEMA = {
    "plan": {"type": "string", "required": True, "empty": False},
    "period": {"type": "string", "required": True, "check_with": "period"},
    "as_of": {"type": "string", "nullable": True, "check_with": "iso_date"},
    "tasks": {"type": "dict", "required": True, "nullable": True,
              "valuesrules": {"type": "dict", "schema": ENTRY}},
}

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@dataclass(frozen=True)
class Entry:
    task_id: str
    state: str
    date: date | None
    result: str
    note: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Status:
    source: str                     # the file as named
    plan: str                       # plan name (file stem)
    period: Period
    as_of: date
    entries: Mapping[str, Entry]    # by task id, in the plan's task order


def plan_name(plan: Plan) -> str:
    """The name a plan goes by in status files: its file's stem."""
    return Path(plan.source).stem


def status_path(root: Path, plan_name: str, period: Period) -> Path:
    return Path(root) / STATUS_DIR / plan_name / f"{period.text}.yaml"


def date_problem(text: str) -> str | None:
    """Why ``text`` is not a date written YYYY-MM-DD, in words with the fix; None when it is."""
    text = str(text).strip()
    m = _ISO.match(text)
    if m:
        try:
            date(int(m[1]), int(m[2]), int(m[3]))
            return None
        except ValueError:
            return f"'{text}' is not a date: {_why_not(int(m[3]), int(m[2]), int(m[1]))}"
    m = _DMY.match(text)
    if m:
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        try:
            return f"'{text}': write dates as YYYY-MM-DD, here {date(y, mo, d).isoformat()}"
        except ValueError:
            return f"'{text}' is not a date: {_why_not(d, mo, y)}"
    return f"'{text}' is not a date: write YYYY-MM-DD, like 2023-06-14"


def _why_not(day: int, month: int, year: int) -> str:
    return f"month {month} does not exist" if not 1 <= month <= 12 else \
        f"day {day} does not exist in {month:02d}/{year}"


def to_date(text: str) -> date:
    return date.fromisoformat(str(text).strip())


def _period_problem(text: str) -> str | None:
    try:
        parse_period(text)
    except UsageProblem:
        return f"'{text}' is not a report period: write {FORMS}"
    return None


_CHECKS = {"iso_date": date_problem, "period": _period_problem}


def suggest(word: str, known) -> str:
    """``; did you mean 'x'?`` for a near miss, else ""."""
    hint = difflib.get_close_matches(str(word), list(known), n=1, cutoff=0.6)
    return f"; did you mean '{hint[0]}'?" if hint else ""


def state_problem(value: str) -> str:
    return (f"'{value}' is not a state{suggest(value, STATES)} "
            f"(write one of {', '.join(STATES)})")


def load_status(path: Path, plan: Plan) -> Status:
    """The status file at ``path`` checked against ``plan``; PlanError with every problem."""
    return status_from_tree(status_tree(path), str(path), plan)


def status_tree(path: Path) -> Map:
    """The status file at ``path`` as loaded, not yet checked (its ``plan:`` names the plan)."""
    return load_file(Path(path), str(path), STATUS_FILE)


def parse_status(text: str, name: str, plan: Plan) -> Status:
    """A status file's text, checked as load_status checks a file (``name`` in messages)."""
    return status_from_tree(load_text(text.encode("utf-8"), name, STATUS_FILE), name, plan)


STATUS_FILE = FileKind("a status file", "a status file has plan:, period: and tasks:")


def status_from_tree(tree: Map, name: str, plan: Plan) -> Status:
    problems = _schema_problems(tree)
    problems += _plan_problems(tree, plan, name)
    if problems:
        raise PlanError(problems)
    period = parse_period(tree["period"])
    as_of = to_date(tree["as_of"]) if tree.get("as_of") else period.cutoff()
    given = tree.get("tasks") or {}
    entries = {}
    for task in plan.tasks():
        data = given.get(task.id)
        if data is not None:
            entries[task.id] = Entry(task.id, data["state"],
                                     to_date(data["date"]) if data.get("date") else None,
                                     data.get("result") or "", data.get("note") or "",
                                     tuple(data.get("evidence") or ()))
    return Status(name, tree["plan"], period, as_of, MappingProxyType(entries))


@functools.cache
def _validator():
    return validator_class(_CHECKS, "_StatusValidator")(SCHEMA)


_TOP, _FIELDS = frozenset(SCHEMA), frozenset(ENTRY)


def accepts(tree: Any) -> bool:
    """True when SCHEMA certainly accepts ``tree``: a plain check, thirty times faster than
    Cerberus, so that a roll-up of many status files pays for Cerberus only on a bad one.
    tests/track/test_status.py checks that it never accepts what Cerberus refuses."""
    if not isinstance(tree, dict) or not tree.keys() <= _TOP:
        return False
    if not all(isinstance(tree.get(k), str) for k in ("plan", "period")) or not tree["plan"] \
            or _period_problem(tree["period"]):
        return False
    if tree.get("as_of") is not None and (not isinstance(tree["as_of"], str) or date_problem(tree["as_of"])):
        return False
    if "tasks" not in tree:
        return False
    for entry in (tree["tasks"] or {}).values() if isinstance(tree["tasks"] or {}, dict) else [None]:
        if not isinstance(entry, dict) or not entry.keys() <= _FIELDS or entry.get("state") not in STATES:
            return False
        if entry.get("date") is not None and (not isinstance(entry["date"], str) or date_problem(entry["date"])):
            return False
        if any(entry.get(k) is not None and not isinstance(entry[k], str) for k in ("result", "note")):
            return False
        evidence = entry.get("evidence")
        if evidence is not None and (not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence)):
            return False
    return True


def _schema_problems(tree: Map) -> list[Problem]:
    if accepts(tree):
        return []
    validator = _validator()
    if validator.validate(tree):
        return []
    from cerberus import errors as cerr
    problems = []
    errors = list(_leaves(validator._errors))
    hinted = {(tuple(e.document_path[:-1]), h) for e in errors if e.code == cerr.UNKNOWN_FIELD.code
              for h in difflib.get_close_matches(str(e.document_path[-1]), list(ENTRY) + list(SCHEMA), 1, 0.6)}
    for error in errors:
        path = tuple(error.document_path)
        if error.code == cerr.REQUIRED_FIELD.code and (path[:-1], path[-1]) in hinted:
            continue                    # the misspelt key's line says it
        where = position(tree, path)
        task = path[1] if len(path) > 2 and path[0] == "tasks" else None
        if error.code == cerr.UNKNOWN_FIELD.code:
            holder = tree
            for step in path[:-1]:
                holder = holder[step]
            where = holder.key_pos.get(path[-1], where)
        problems.append(Problem(where, _message(error, path), task))
    return problems


def _leaves(errors):
    for e in errors:
        if e.is_group_error and e.child_errors:
            yield from _leaves(e.child_errors)
        elif not e.is_group_error:
            yield e


_WORDS = {"string": "text", "list": "a list", "dict": "a mapping"}


def _message(e, path: tuple) -> str:
    from cerberus import errors as cerr
    key = str(path[-1]) if path else "file"
    if e.code == cerr.REQUIRED_FIELD.code:
        return f"missing required key '{key}'"
    if e.code == cerr.UNKNOWN_FIELD.code:
        allowed = ENTRY if len(path) == 3 else SCHEMA
        return f"unknown key '{key}'{suggest(key, allowed)} (allowed: {', '.join(allowed)})"
    if e.code == cerr.UNALLOWED_VALUE.code:
        return state_problem(e.value)
    if e.code == cerr.BAD_TYPE.code:
        shown = _describe(e.value)
        if len(path) == 2 and path[0] == "tasks":
            return f"task '{key}' must be a mapping of state, date, result …, not {shown}"
        if isinstance(e.value, int) and not isinstance(e.value, bool) and key == "period":
            return f"'period' is {e.value}: write it in quotes, like \"{e.value}\""
        return f"'{key}' must be {_WORDS.get(e.constraint, e.constraint)}, not {shown}"
    if e.code == cerr.CUSTOM.code:
        info = e.info[0]
        return f"'{key}' is {info}" if info.startswith(f"'{e.value}': ") else f"'{key}': {info}"
    if e.code == cerr.NOT_NULLABLE.code:
        return f"'{key}' must not be empty"
    if e.code == cerr.EMPTY_NOT_ALLOWED.code:
        return f"'{key}' must not be empty"
    return f"'{key}' is not valid here"


def _describe(value: Any) -> str:
    for kind, word in ((bool, "true or false"), (int, "a number"), (str, "text"),
                       (dict, "a mapping"), (list, "a list")):
        if isinstance(value, kind):
            return word
    return "empty"


def _plan_problems(tree: Map, plan: Plan, name: str) -> list[Problem]:
    """What the schema cannot know: the plan, its year, its task ids, dates against as_of."""
    problems = []
    expected = plan_name(plan)
    if isinstance(tree.get("plan"), str) and tree["plan"] and tree["plan"] != expected:
        return [Problem(tree.where("plan"), f"this status file is for plan '{tree['plan']}', "
                                            f"not for '{expected}' ({plan.source})")]
    if not isinstance(tree.get("period"), str) or _period_problem(tree["period"]):
        return []                       # the schema has said it; nothing to judge dates by
    period = parse_period(tree["period"])
    if period.year != plan.year:
        problems.append(Problem(tree.where("period"), f"period {period} is not in the plan's year {plan.year}"))
    as_of = period.cutoff()
    if isinstance(tree.get("as_of"), str) and tree["as_of"] and not date_problem(tree["as_of"]):
        as_of = to_date(tree["as_of"])
        wrong = as_of_problem(as_of, period)
        if wrong:
            problems.append(Problem(tree.where("as_of"), f"'as_of' {wrong}"))
    tasks = {t.id: t for t in plan.tasks()}
    given = tree.get("tasks") or Map()
    for task_id, data in given.items() if isinstance(given, Map) else ():
        if task_id not in tasks:
            problems.append(Problem(given.key_pos.get(task_id), f"unknown task id '{task_id}': plan {expected} has "
                                    f"no such task{suggest(task_id, tasks)}"))
            continue
        if not isinstance(data, dict):
            continue
        problems += _entry_problems(data, tasks[task_id], plan.year, as_of)
    return problems


def as_of_problem(as_of: date, period: Period) -> str | None:
    """Why ``as_of`` cannot be the day a status of ``period`` speaks of (it may fall after
    the period's end, when a report is written late, but not after its year), or None."""
    if period.start <= as_of <= date(period.year, 12, 31):
        return None
    return (f"is {as_of.isoformat()}, outside period {period} "
            f"({period.start.isoformat()} to {period.end.isoformat()})")


def _entry_problems(data: Map, task, year: int, as_of: date) -> list[Problem]:
    written = data.get("date")
    if written and (not isinstance(written, str) or date_problem(written)):
        return []                       # the schema has said it
    found = entry_problem(data.get("state"), to_date(written) if written else None, task, year, as_of)
    if found is None:
        return []
    where = data.where("date") if "date" in data else data.key_pos.get("state", data.pos)
    return [Problem(where, found, task.id)]


def entry_problem(state: str, when: date | None, task, year: int, as_of: date) -> str | None:
    """What is wrong with a task's state and date against the plan and as_of, or None."""
    if state == "done" and when is None:
        return "a done task needs the 'date' it was done (YYYY-MM-DD)"
    if when is None:
        return None
    if when > as_of:
        return (f"'date' {when.isoformat()} is after as_of {as_of.isoformat()}: "
                "a status says what was done by then")
    if when < earliest_date(task, year):
        return f"'date' {when.isoformat()} is before the plan's year {year}"
    return None


def earliest_date(task, year: int) -> date:
    """The first day a task may be reported done: 1 January of the plan year, or of the year of
    its deadline when the plan set it earlier (a plan issued late in January names work of
    December before)."""
    latest = task.deadline.latest if task.deadline else None
    return date(min(year, latest.year), 1, 1) if latest else date(year, 1, 1)
