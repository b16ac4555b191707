"""``plangen diff`` as a function: open both sides, compare, format; no printing, no exiting."""
from __future__ import annotations

import json

from ..errors import PlanError
from ..pipeline import Workspace
from .changes import PlanDiff
from .compare import diff_plans
from .markdown_format import render_markdown
from .sources import SourceError, open_plan
from .text_format import render_text

FORMATS = ("text", "markdown", "json")


class DiffError(Exception):
    """Neither side could be compared; ``lines`` says why, one problem per line."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


def diff_specs(old: str, new: str) -> PlanDiff:
    """Compare the plans named ``old`` and ``new`` (files or ``REV:path``).

    Both sides are opened before giving up, so one run reports the problems of both.
    """
    workspace, loaded, lines = Workspace(), [], []
    for spec in (old, new):
        try:
            loaded.append(open_plan(spec, workspace))
        except SourceError as e:
            lines.append(str(e))
        except PlanError as e:
            lines += [str(p) for p in e.problems if not p.warning]
    if lines:
        raise DiffError(list(dict.fromkeys(lines)))   # a parent shared by both sides: once
    return diff_plans(loaded[0], loaded[1], old, new)


def format_diff(diff: PlanDiff, fmt: str, color: bool = False) -> str:
    if fmt == "markdown":
        return render_markdown(diff)
    if fmt == "json":
        return json.dumps(diff.as_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return render_text(diff, color)
