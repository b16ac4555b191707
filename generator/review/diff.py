"""``plangen diff`` as a function: open both sides, compare, format; no printing, no exiting."""
from __future__ import annotations

import json

from generator.errors import PlangenError, UsageProblem
from generator.review.changes import PlanDiff
from generator.review.compare import diff_plans
from generator.review.markdown_format import render_markdown
from generator.review.sources import open_sides
from generator.review.text_format import render_text

FORMATS = ("text", "markdown", "json")


def diff_specs(old: str, new: str) -> PlanDiff:
    """Compare the plans named ``old`` and ``new`` (files or ``REV:path``).

    Any problem exits 2, since ``diff`` keeps exit 1 for "different".
    """
    try:
        sides = open_sides(old, new)
    except PlangenError as e:
        raise UsageProblem(e.lines) from None
    return diff_plans(*sides, old, new)


def format_diff(diff: PlanDiff, fmt: str, color: bool = False) -> str:
    if fmt == "markdown":
        return render_markdown(diff)
    if fmt == "json":
        return json.dumps(diff.as_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return render_text(diff, color)
