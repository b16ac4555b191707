"""``plangen diff`` as a function: open both sides and compare; no printing, no exiting."""
from __future__ import annotations

from generator.errors import PlangenError, UsageProblem
from generator.review.changes import PlanDiff
from generator.review.compare import diff_plans
from generator.review.sources import open_sides


def diff_specs(old: str, new: str) -> PlanDiff:
    """Compare the plans named ``old`` and ``new`` (files or ``REV:path``).

    Any problem exits 2, since ``diff`` keeps exit 1 for "different".
    """
    try:
        sides = open_sides(old, new)
    except PlangenError as e:
        raise UsageProblem(e.lines) from None
    return diff_plans(*sides, old, new)
