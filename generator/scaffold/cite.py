"""Cite the previous plan in next year's legal bases, as a ``cite:`` mapping added in place.

The citation names the previous plan's issuing document as printed (its number, date, issuer
and trích yếu, placeholders already evaluated), written where the new plan keeps its bases:
the decision's when it has one, else the plan's. It is marked for review: whether and where
a plan cites its predecessor is the author's call.
"""
from __future__ import annotations

from yaml.nodes import MappingNode, SequenceNode

from generator.plan.model import Plan
from generator.scaffold.draft import NewPlanError, quoted
from generator.plan.to_model import lower_first
from generator.scaffold.yaml_edit import Editor, end_of


def citation_fields(plan: Plan) -> list[tuple[str, str]]:
    """The ``cite:`` keys of ``plan``'s issuing document (as to_model.parent_citation words it)."""
    document = plan.document
    if plan.decision is not None:
        about = lower_first(plan.decision.title)
    else:
        about = f"về việc {lower_first(plan.plan.title)}"
    day = document.date
    iso = f"{day.year}-{day.month:02d}" + (f"-{day.day:02d}" if day.day else "")
    number = document.code if document.number else f"…{document.code}"
    return [("type", document.type_name), ("number", number), ("date", iso),
            ("issuer", plan.issuer.full), ("about", about)]


def _block(plan: Plan, indent: int) -> str:
    pad = " " * indent
    lines = [f"{pad}- cite:  # REVIEW: the {plan.year} plan cited; keep, move or drop it"]
    for key, value in citation_fields(plan):
        note = "  # REVIEW: not numbered when rolled forward" \
            if key == "number" and not plan.document.number else ""
        lines.append(f"{pad}    {key}: {quoted(value)}{note}")
    return "\n".join(lines)


def _flow(plan: Plan) -> str:
    inner = ", ".join(f"{key}: {quoted(value)}" for key, value in citation_fields(plan))
    return f"{{cite: {{{inner}}}}}"


def add_citation(editor: Editor, plan: Plan) -> None:
    """Add the citation of ``plan`` to the bases its next-year plan keeps."""
    holder = ("decision",) if plan.decision is not None else ("plan",)
    bases, mapping = editor.node(holder + ("bases",)), editor.node(holder)
    if isinstance(bases, SequenceNode) and bases.value:
        _append(editor, bases, plan)
    elif isinstance(mapping, MappingNode) and not mapping.flow_style and mapping.value:
        first = mapping.value[0][0]
        pad = " " * first.start_mark.column
        block = _block(plan, first.start_mark.column + 2)
        editor.insert(editor.line_start(first.start_mark.index), f"{pad}bases:\n{block}\n")
    elif mapping is None:
        text = editor.text
        gap = "" if text.endswith("\n") else "\n"
        editor.insert(len(text), f"{gap}{holder[0]}:\n  bases:\n{_block(plan, 4)}\n")
    else:
        raise NewPlanError([f"{plan.source}: write '{holder[0]}:' as a block to roll it "
                            "forward (the citation of the previous plan goes under it)"],
                           usage=True)


def _append(editor: Editor, bases: SequenceNode, plan: Plan) -> None:
    """After the last basis: a block item, or one more entry of a [flow] list."""
    if bases.flow_style:
        editor.insert(bases.end_mark.index - 1, ", " + _flow(plan))
        editor.note_at(bases.end_mark.index, "REVIEW: the last basis cites the previous plan")
        return
    last = end_of(bases.value[-1])
    block = _block(plan, bases.start_mark.column)
    if editor.text[last - 1] == "\n":             # a block scalar ends at the next line
        editor.insert(last, block + "\n")
    else:
        editor.insert(editor.line_end(last), "\n" + block)
