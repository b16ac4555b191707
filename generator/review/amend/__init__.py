"""``plangen amend``: the amendment decision (sửa đổi, bổ sung) of a plan, from two versions.

An amendment is a diff rendered as a decision: the two sides are opened and compared by the
diff's own machinery (review/compare.py), the changes are worded as Article 1 (clauses.py),
citing rows by the numbers the OLD appendix printed (places.py), and the decision is assembled
from the renderer's pieces (decision.py). The amending decision's number, date and signer
come from NEW's ``amendment:`` block; without it the decision is a draft.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.errors import PlangenError, UsageProblem
from generator.plan.workspace import LoadedPlan
from generator.review.changes import PlanDiff

if TYPE_CHECKING:
    from generator.review.amend.clauses import Wording


@dataclass
class AmendResult:
    """What ``amend_specs`` found: the diff, its wording, the DOCX (None: nothing to amend)."""

    diff: PlanDiff
    wording: Wording | None = None
    data: bytes | None = None
    draft: bool = False
    notes: list[str] = field(default_factory=list)       # said to the user, not in the decision
    inherited_from: str | None = None                     # every change came from this parent


def amend_specs(old: str, new: str) -> AmendResult:
    """The amendment of ``old`` by ``new`` (files or ``REV:path``).

    Every problem is a UsageProblem (exit 2), as ``diff`` keeps exit 1 for its result.
    """
    from generator.review.amend.clauses import word
    from generator.review.amend.decision import draft_amendment, render_amendment
    from generator.review.compare import diff_plans
    from generator.review.sources import open_sides
    try:
        sides = open_sides(old, new)
    except PlangenError as e:
        raise UsageProblem(e.lines) from None
    _same_plan(*sides, old, new)
    _check_date(sides[0], sides[1])
    diff = diff_plans(*sides, old, new)
    result = AmendResult(diff)
    if diff.equal:
        return result
    result.inherited_from = _inherited_only(*sides, old, new)
    if result.inherited_from:
        return result
    a, b = sides[0].model, sides[1].model
    result.wording = wording = word(diff, a, b)
    result.notes = list(wording.notes)
    if wording.empty:
        return result
    if not a.document.number:
        raise UsageProblem(f"{old}: the plan has no document number, so it was never "
                           "issued and has nothing to amend")
    amendment = b.amendment
    if amendment is None:
        amendment, result.draft = draft_amendment(b), True
    result.data = render_amendment(a, b, amendment, wording)
    return result


def _same_plan(old: LoadedPlan, new: LoadedPlan, old_name: str, new_name: str) -> None:
    """Both sides must be versions of one issued plan: same issuer, year and number."""
    a, b = old.model, new.model
    if (a.issuer.full, a.year, a.document.code) != (b.issuer.full, b.year, b.document.code):
        raise UsageProblem(f"{old_name} ({a.document.code} of {a.issuer.full}, {a.year}) and "
                           f"{new_name} ({b.document.code} of {b.issuer.full}, {b.year}) are not "
                           "versions of the same plan")


def _check_date(old: LoadedPlan, new: LoadedPlan) -> None:
    """An amendment cannot be dated before the decision it amends."""
    amendment = new.model.amendment
    if amendment is None:
        return
    issued, dated = old.model.document.date, amendment.date
    if (dated.year, dated.month, dated.day or 31) < (issued.year, issued.month, issued.day or 1):
        where = new.tree["amendment"].where("date")
        prefix = f"{where}: " if where else ""
        raise UsageProblem(f"{prefix}amendment date {dated.short()} is before "
                           f"{old.model.document.code} of {issued.short()}, the decision it amends")


def _inherited_only(old: LoadedPlan, new: LoadedPlan, old_name: str, new_name: str) -> str | None:
    """The parent's name when NEW is a child whose own file says the same as OLD's: every
    change then comes from the parent, which is amended by a decision of its own."""
    if new.parent is None:
        return None
    if _own_data(old_name) != _own_data(new_name):
        return None
    return new.parent.label


def _own_data(side: str):
    """The YAML of the side's own file as plain data (comments and layout do not count)."""
    import yaml
    from generator.review.sources import own_text
    text = own_text(side)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:          # loaded by the pipeline already; never expected here
        return text
