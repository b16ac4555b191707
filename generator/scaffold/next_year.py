"""Roll a plan forward one year, editing its file in place and marking what to review.

Moved: the year, the years in deadlines and titles that are the plan's own (years.py), the
document's month (the day left blank: a draft); the number is blanked (a new document has
none yet). The previous plan is
cited in the legal bases. Texts that still name the old year, the signature and the parent
are marked ``# REVIEW``: only the author knows whether they still hold. A child plan is
rolled onto its parent's next-year plan, which must exist first (found by its name with the
next year, or named with --extends): a child cannot be a year ahead of its parent.
"""
from __future__ import annotations

from pathlib import Path

from yaml.nodes import ScalarNode

from generator.scaffold.draft import (MODELINE, Draft, NewPlanError, extends_value, load, modeline, quoted,
                      trial)
from generator.scaffold.cite import add_citation
from generator.plan.workspace import LoadedPlan, Workspace
from generator.plan.dates import DocDate
from generator.scaffold.yaml_edit import Editor
from generator.scaffold import years

MOVED_FIELDS = ("deadline", "title", "heading", "attached")
NOT_TEXT = frozenset({"id", "after", "before", "at", "layout", "field", "lead", "coordinating",
                      "evaluator", "from", "to", "merge_up", "number", "stt", "stt2", "date",
                      "type", "extends", "year"})


def next_year_plan(previous: Path, output: Path, parent: Path | None = None) -> Draft:
    """Next year's plan from the plan at ``previous``, to be written at ``output``."""
    workspace = Workspace()
    loaded = load(previous, workspace)
    year = loaded.model.year
    editor = Editor(previous.read_text(encoding="utf-8"))
    _roll_parent(editor, loaded, output, parent, workspace)
    if editor.node(("year",)) is not None:
        editor.replace(editor.node(("year",)), str(year + 1))
        editor.note(("year",), f"REVIEW: was {year}")
    _roll_document(editor)
    _roll_texts(editor, year)
    if editor.node(("signature",)) is not None:
        editor.note(("signature",), "REVIEW: who signs this year's plan?")
    add_citation(editor, loaded.model)
    _header(editor, previous, output, year)
    return Draft(editor.result())


def _roll_parent(editor: Editor, loaded: LoadedPlan, output: Path, parent: Path | None,
                 workspace: Workspace) -> Path | None:
    """Point ``extends`` at the parent's next-year plan, which must be a year on; return it."""
    node = editor.node(("extends",))
    if node is None or loaded.parent is None:
        if parent is not None:
            raise NewPlanError([f"{loaded.label}: does not extend a plan; --extends applies to "
                                "a child plan"], usage=True)
        return None
    target = parent or _next_parent(loaded, output, node)
    rolled = load(target, workspace)
    wanted = loaded.model.year + 1
    if rolled.model.year != wanted:
        raise NewPlanError([f"{target}: is the plan for {rolled.model.year}; the parent of "
                            f"the {wanted} plan must be for {wanted}"], usage=True)
    value = quoted(extends_value(target, output))
    _check_fit(loaded, value, output, target)
    editor.replace(node, value)
    editor.note(("extends",), f"REVIEW: was {node.value}")
    return target


def _check_fit(loaded: LoadedPlan, extends: str, output: Path, target: Path) -> None:
    """The plan's own overrides must apply to the new parent: tried with only ``extends`` changed,
    so that every problem points at a line of the plan as it is."""
    swapped = Editor(loaded.path.read_text(encoding="utf-8"))
    swapped.replace(swapped.node(("extends",)), extends)
    problems = trial(swapped.result(), output, loaded.label, render=False)
    if problems:
        raise NewPlanError([f"{loaded.label}: does not fit its next-year parent {target}; fix "
                            "these, or name another parent with --extends:", *problems])


def _next_parent(loaded: LoadedPlan, output: Path, node) -> Path:
    """The parent's next-year plan beside ``output``: its name with the next year in it."""
    old, year = loaded.parent.path, loaded.parent.model.year
    name = old.name.replace(str(year), str(year + 1)) if str(year) in old.name else None
    candidate = output.parent / name if name else None
    if candidate is None or not candidate.is_file():
        where = f"{loaded.label}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
        wanted = f"{candidate}" if candidate else f"a {year + 1} plan of {old.name}'s issuer"
        raise NewPlanError([f"{where}: the parent {node.value} has no next-year plan "
                            f"({wanted} is missing): roll it forward first with "
                            f"plangen new --next-year, or name it with --extends"], usage=True)
    return candidate


def _roll_document(editor: Editor) -> None:
    """A new document is a draft: no number yet, and the month a year on with the day blank
    (printed "ngày    tháng 01 năm 2024"), so it cannot pass for a signed one."""
    number, day = editor.node(("document", "number")), editor.node(("document", "date"))
    if number is not None and number.value:
        editor.replace(number, '""')
        editor.note(("document", "number"), f"REVIEW: number blanked (was \"{number.value}\")")
    if day is not None:
        old = DocDate.parse(day.value)
        editor.replace(day, quoted(f"{old.year + 1}-{old.month:02d}"))
        editor.note(("document", "date"),
                    f"TODO: the day of signing, YYYY-MM-DD (was {day.value})")


def _roll_texts(editor: Editor, year: int) -> None:
    """Move the plan's own years in deadlines and titles; mark other texts naming the year."""
    for path, node, _ in list(editor.items()):
        if not isinstance(node, ScalarNode):
            continue
        fields = [p for p in path if isinstance(p, str)]
        field = fields[-1] if fields else ""
        if field in NOT_TEXT or path[:1] in (("document",), ("extends",), ("year",)):
            continue
        if field in MOVED_FIELDS:
            moved, moves = years.move_on(editor.source(node), year)
            if moves:
                editor.replace(node, moved)
                shown = ", ".join(dict.fromkeys(f"{a} → {b}" for a, b in moves))
                editor.note(path, f"REVIEW: moved {shown}")
                continue
        if field == "reconstructed":
            editor.note(path, f"REVIEW: written about the {year} plan")
        elif years.mentions(node.value, year):
            editor.note(path, f"REVIEW: names {year}; still right for {year + 1}?")


def _header(editor: Editor, previous: Path, output: Path, year: int) -> None:
    """The modeline for ``output``'s place, then a note on how the file was made."""
    note = (f"# REVIEW: the {year + 1} plan, rolled forward from {previous.name} by "
            f"`plangen new --next-year`; check each line marked REVIEW, then drop the mark.\n"
            f"# (Comments below were written for the {year} plan.)\n")
    first = editor.text.split("\n", 1)[0]
    end = len(first) + 1 if first.startswith(MODELINE) else 0
    editor.replace_span(0, end, modeline(output) + "\n" + note)
