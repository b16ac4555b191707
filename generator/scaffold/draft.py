"""``plangen new``: start a plan from another, as a file that validates and builds as written.

Two ways in: a child plan scaffolded from its parent (child.py) and next year's plan
rolled forward from this year's (next_year.py). Both produce text; this module checks that
text the way ``plangen validate`` and ``plangen build`` would before anything is written, so a
scaffold that does not load is a bug reported here, never a file left for the user to debug.
"""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from generator.errors import EXIT_INVALID, EXIT_USAGE, PlanError, PlangenError, file_problem
from generator.plan.inherit import display_name
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan
from generator.render.skeleton import TemplateError
from generator.resources import JSON_SCHEMA
from generator.write import write_atomic

SCHEMA_FILE = JSON_SCHEMA
MODELINE = "# yaml-language-server: $schema="


@dataclass(frozen=True)
class Draft:
    """A new plan's text, and what to say if it does not validate after all."""

    text: str
    unfit: str = "internal error: the new plan does not validate (please report this):"


class NewPlanError(PlangenError):
    """The plan cannot be made; ``lines`` says why, ``usage`` when the request itself is wrong."""

    def __init__(self, lines: list[str], usage: bool = False):
        super().__init__(lines, EXIT_USAGE if usage else EXIT_INVALID)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def modeline(output: Path) -> str:
    """The editor modeline naming the JSON Schema, relative to where the plan is written.

    The schema is the plans' own repository's schema/plan.schema.json, found in the folder of
    ``output`` or above it (the file the other plans name), else the one installed with plangen.
    """
    folder = output.resolve().parent
    schema = next((candidate for top in (folder, *folder.parents)
                   if (candidate := top / "schema" / "plan.schema.json").is_file()), SCHEMA_FILE)
    try:
        return MODELINE + Path(os.path.relpath(schema, folder)).as_posix()
    except ValueError:  # on another Windows drive: no relative path leads there
        return MODELINE + schema.as_uri()


def extends_value(parent: Path, output: Path) -> str:
    """``parent`` as the ``extends`` of a plan at ``output``: it must sit beside it or below."""
    rel = Path(os.path.relpath(parent.resolve(), output.resolve().parent))
    if rel.parts[0] == "..":
        raise NewPlanError([f"{parent}: a plan can only extend a plan in its own folder or "
                            f"below it; write the new plan next to {parent.name}"], usage=True)
    return rel.as_posix()


def load(path: Path, workspace: Workspace):
    """The loaded plan at ``path``; its problems as a NewPlanError (the input is invalid)."""
    try:
        return workspace.load(path)
    except PlanError as e:
        raise NewPlanError([str(p) for p in e.problems if not p.warning]) from None


def check_target(output: Path, force: bool) -> None:
    if output.exists() and not force:
        raise NewPlanError([f"{output}: exists; use --force to overwrite it"], usage=True)


def trial(text: str, output: Path, shown: str, render: bool = True) -> list[str]:
    """The problems of ``text`` loaded (and rendered) as if it were at ``output``.

    The file is tried beside ``output`` (see ``beside``); problems name it ``shown``.
    """
    with beside(output, text) as path:
        try:
            model = Workspace().load(path).model
            if render:
                render_plan(model)
            return []
        except PlanError as e:
            label = display_name(path.resolve())
            return [str(p).replace(label, shown) for p in e.problems if not p.warning]
        except TemplateError as e:
            return [str(e)]


@contextmanager
def beside(output: Path, text: str) -> Iterator[Path]:
    """``text`` in a temporary file beside ``output``, removed afterwards: a plan tried there
    resolves its ``extends`` as it will at ``output``, and its ``.*.tmp`` name is one no
    ``plans/*.yaml`` glob picks up."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    except OSError as e:
        raise file_problem(e, output, "cannot write") from None
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        yield path
    finally:
        path.unlink(missing_ok=True)


def write_new_plan(output: Path, draft: Draft, force: bool = False) -> None:
    """Check that the draft validates and renders at ``output``'s place, then write it."""
    check_target(output, force)
    problems = trial(draft.text, output, str(output))
    if problems:
        raise NewPlanError([draft.unfit, *problems])
    write_atomic(output, draft.text.encode("utf-8"))
