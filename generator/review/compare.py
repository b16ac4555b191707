"""Compare two resolved plans: the document around the appendix, then the appendix by part.

Everything is compared on the typed model, as the documents will print it (placeholders
evaluated, citations written out, units named), so a change that does not reach the paper
is not reported and a change inherited from a parent is.
"""
from __future__ import annotations

from generator.plan.model import Paragraph, Plan, PlanBody, Section
from generator.plan.workspace import LoadedPlan
from generator.review.parts import part_diffs
from generator.review.changes import ADDED, CHANGED, MOVED, REMOVED, Change, PlanDiff, Value
from generator.review.sequence import list_changes


def diff_plans(old: LoadedPlan, new: LoadedPlan, old_name: str, new_name: str) -> PlanDiff:
    """Every difference between ``old`` and ``new``; the names are the sides as the user wrote them."""
    a, b = old.model, new.model
    sections = {
        "identity": _field_changes(_identity(a), _identity(b)),
        "titles": _field_changes(_titles(a), _titles(b)),
        "bases": list_changes(_texts(_bases(a)), _texts(_bases(b)), "basis"),
        "articles": list_changes(_articles(a), _articles(b), "article"),
        "paragraphs": body_changes(a.plan, b.plan),
        "units": _field_changes(_units(a), _units(b)),
        "recipients": list_changes(_texts(a.recipients), _texts(b.recipients), "recipient"),
    }
    return PlanDiff(old_name, new_name, sections, part_diffs(old, new))


def _field_changes(old: dict[str, Value], new: dict[str, Value]) -> list[Change]:
    """Compare two flat records; keys missing on one side count as absent values."""
    out = []
    for key in list(new) + [k for k in old if k not in new]:
        a, b = old.get(key), new.get(key)
        if a != b:
            kind = ADDED if a is None else REMOVED if b is None else CHANGED
            out.append(Change(kind, key, a, b))
    return out


def _identity(plan: Plan) -> dict[str, Value]:
    """Who issues the document, under which number and date, and who signs it."""
    issuer, document, signature = plan.issuer, plan.document, plan.signature
    return {
        "year": plan.year,
        "issuer.parent": issuer.parent, "issuer.name": list(issuer.name),
        "issuer.full": issuer.full, "issuer.short": issuer.short, "issuer.abbr": issuer.abbr,
        "issuer.place": issuer.place,
        "document.code": document.code, "document.date": document.date.long(),
        "signature.lines": list(signature.lines), "signature.name": signature.name,
    }


def _titles(plan: Plan) -> dict[str, Value]:
    """The titles and fixed lines of each document; a missing document has none."""
    decision, appendix = plan.decision, plan.appendix
    return {
        "decision.title": decision.title if decision else None,
        "decision.authority": decision.authority if decision else None,
        "decision.proposal": decision.proposal if decision else None,
        "plan.title": plan.plan.title,
        "plan.attached": plan.plan.attached,
        "appendix.title": appendix.title if appendix else None,
        "appendix.attached": appendix.attached if appendix else None,
    }


def _units(plan: Plan) -> dict[str, Value]:
    return {f"unit {uid}": name for uid, name in plan.units.items()}


def _bases(plan: Plan) -> tuple[str, ...]:
    """The legal bases of the issuing document: the decision's, or the plan's when alone."""
    return plan.decision.bases if plan.decision else plan.plan.bases


def _texts(texts) -> list[tuple[None, str]]:
    return [(None, t) for t in texts]


def _articles(plan: Plan) -> list[tuple[str | None, str]]:
    return [(a.id, a.text) for a in plan.decision.articles] if plan.decision else []


def _paragraphs(paragraphs: tuple[Paragraph, ...]) -> list[tuple[str | None, str]]:
    """Paragraph texts without computed item numbers (inserting one item renumbers the rest)."""
    return [(p.id, p.text) for p in paragraphs]


def _paragraph_changes(old: tuple[Paragraph, ...], new: tuple[Paragraph, ...], what: str) -> list[Change]:
    """Texts compared as a list; the kind (bullet, item …) of each paragraph kept by id."""
    kinds = {p.id: p.kind for p in old if p.id}
    return list_changes(_paragraphs(old), _paragraphs(new), what) + [
        Change(CHANGED, f"{what} {p.id} kind", kinds[p.id], p.kind)
        for p in new if p.id in kinds and kinds[p.id] != p.kind]


def body_changes(old: PlanBody, new: PlanBody) -> list[Change]:
    """The preamble, then each section by id: added, removed, retitled, paragraphs changed."""
    out = _paragraph_changes(old.preamble, new.preamble, "preamble, paragraph")
    before = {s.id: s for s in old.sections}
    for section in new.sections:
        out += _section_changes(before.get(section.id), section)
    kept = {s.id for s in new.sections}
    out += [Change(REMOVED, _name(s), _content(s), None) for s in old.sections if s.id not in kept]
    old_order = [s.id for s in old.sections if s.id in kept]
    new_order = [s.id for s in new.sections if s.id in before]
    if old_order != new_order:
        out.append(Change(MOVED, "section order", old_order, new_order))
    return out


def _section_changes(old: Section | None, new: Section) -> list[Change]:
    if old is None:
        return [Change(ADDED, _name(new), None, _content(new))]
    out = []
    if old.heading != new.heading:
        out.append(Change(CHANGED, f"{_name(new)} heading", old.heading, new.heading))
    return out + _paragraph_changes(old.paragraphs, new.paragraphs, f"{_name(new)}, paragraph")


def _name(section: Section) -> str:
    return f"section {section.number} ({section.id})"


def _content(section: Section) -> list[str]:
    return [section.heading] + [p.display for p in section.paragraphs]
