"""Ids (and wording the document cannot show) taken over from the plan a DOCX was built from.

A DOCX carries no ids: imported alone, every task gets a new one, and ``plangen diff`` against
the YAML would list every task as dropped and added. With ``--ids-from PLAN``, the imported
items are lined up with the plan's by the one alignment of diff and redline (review/align.py:
same text in order, else similar text), and take over its ids; units take the id of the unit
of the same name. What the document prints in a form of its own is taken over too when it
prints the same: the appendix title (printed in capitals), the generated "(Kèm theo …)" lines
and the issuer's names, so that the diff shows only what was edited in the document.
"""
from __future__ import annotations

from generator.ingest.units import unique_name
from generator.plan.model import Group, Plan
from generator.plan.schema import UNIT_FIELDS, is_group
from generator.plan.to_model import amended_by
from generator.review.align import align


def reuse_ids(data: dict, reference: Plan) -> int:
    """Rewrite ``data`` in place with ``reference``'s ids; the number of items that took one."""
    adopted: set[int] = set()           # id() of the items that took an id over
    taken = _units(data, reference)
    taken += _articles(data, reference, adopted)
    taken += _sections(data, reference, adopted)
    taken += _appendix(data, reference, adopted)
    _wording(data, reference)
    _unique(data, adopted)
    return taken


def _pair(kind: str, old: list[tuple[str, str | None]], new: list[tuple[str, dict]],
          adopted: set[int]) -> int:
    """Give each new item paired with an old one the old one's id (none if it had none)."""
    pairs = align([("text", kind, t) for t, _ in old], [("text", kind, t) for t, _ in new])
    count = 0
    for pair in pairs:
        if pair.old is None or pair.new is None:
            continue
        item, old_id = new[pair.new][1], old[pair.old][1]
        if old_id:
            item["id"] = old_id
            adopted.add(id(item))
        else:
            item.pop("id", None)
        count += 1
    return count


def _units(data: dict, reference: Plan) -> int:
    units = data.get("units") or {}
    old_by_name = {name: uid for uid, name in reference.units.items()}
    rename, out, count = {}, {}, 0
    for uid, name in units.items():
        if name in old_by_name:
            rename[uid] = old_by_name[name]
            count += 1
    adopted = set(rename.values())
    for uid, name in units.items():
        if uid not in rename:
            rename[uid] = unique_name(uid, adopted | set(out), "_")
        out[rename[uid]] = name
    if units:
        data["units"] = out
    for task in _all_tasks(data):
        for holder in (task, *task.get("rows", [])):
            for f in UNIT_FIELDS:
                if f in holder:
                    v = holder[f]
                    holder[f] = rename.get(v, v) if isinstance(v, str) else [rename.get(u, u) for u in v]
    return count


def _articles(data: dict, reference: Plan, adopted: set[int]) -> int:
    if not data.get("decision") or reference.decision is None:
        return 0
    old = [(a.text, a.id) for a in reference.decision.articles]
    return _pair("article", old, [(a["text"], a) for a in data["decision"]["articles"]], adopted)


def _sections(data: dict, reference: Plan, adopted: set[int]) -> int:
    plan = data["plan"]
    sections = plan.get("sections") or []
    old = [(s.heading, s.id) for s in reference.plan.sections]
    count = _pair("section", old, [(s["heading"], s) for s in sections], adopted)
    by_id = {s.id: s.paragraphs for s in reference.plan.sections}
    holders = [(plan, "preamble", reference.plan.preamble)]
    holders += [(s, "paragraphs", by_id[s["id"]]) for s in sections if s.get("id") in by_id]
    for holder, key, olds in holders:
        paragraphs = holder.get(key) or []
        # a plain-text paragraph is written as a mapping, so that it can take an id
        news = [p if isinstance(p, dict) else {"text": p} for p in paragraphs]
        count += _pair("paragraph", [(p.text, p.id) for p in olds],
                       [(p["text"], p) for p in news], adopted)
        for p in news:
            for o in olds:                   # "./." hides whether the last one ended with "."
                if p["text"] == o.text + "." and p.get("id") == o.id:
                    p["text"] = o.text
        if paragraphs:
            holder[key] = [p if set(p) != {"text"} else p["text"] for p in news]
    return count


def _appendix(data: dict, reference: Plan, adopted: set[int]) -> int:
    appendix = data.get("appendix")
    if not appendix or reference.appendix is None:
        return 0
    parts = appendix["parts"]
    old_parts = reference.appendix.parts
    count = _pair("part", [(_heading(p.heading), p.id) for p in old_parts],
                  [(p.get("title", ""), p) for p in parts], adopted)
    old_groups = [(g.title, g.id) for p in old_parts for g in _groups(p.items)]
    new_groups = [(g["title"], g) for p in parts for g in _new_groups(p)]
    count += _pair("group", old_groups, new_groups, adopted)
    old_tasks = [(" / ".join(t.cell("content")), t.id) for t in reference.tasks()]
    new_tasks = [(_content(t), t) for t in _all_tasks(data)]
    count += _pair("task", old_tasks, new_tasks, adopted)
    return count


def _wording(data: dict, reference: Plan) -> None:
    """Texts the document prints in a form of its own, taken over where it prints the same."""
    appendix = data.get("appendix")
    if appendix and reference.appendix is not None:
        if appendix["title"].upper() == reference.appendix.title.upper():
            appendix["title"] = reference.appendix.title
        if appendix.get("attached") == _generated("Kèm theo", reference):
            appendix.pop("attached")
    plan = data["plan"]
    if plan.get("attached") and plan["attached"] == _generated("Ban hành kèm theo", reference):
        plan.pop("attached")
    issuer, old = data["issuer"], reference.issuer
    if issuer["name"] == list(old.name) and issuer.get("parent") == old.parent:
        issuer["full"] = old.full
        if old.short != old.full:
            issuer["short"] = old.short


def _generated(words: str, plan: Plan) -> str:
    """The "(Kèm theo …)" line the renderer writes when a plan gives none (plan/to_model.py)."""
    document = plan.document
    return (f"({words} {document.type_name} số {document.code} {document.date.long()} "
            f"của {plan.issuer.full}{amended_by(plan.amendments)})")


def _unique(data: dict, adopted: set[int]) -> None:
    """An id taken over may be one a new item was given: the new item gets a suffix."""
    items = [*_all_parts_groups_tasks(data), *_all_paragraphs(data)]
    seen = {i["id"] for i in items if id(i) in adopted}
    for item in items:
        if id(item) in adopted or "id" not in item:
            continue
        item["id"] = unique_name(item["id"], seen, "-")
        seen.add(item["id"])


def _heading(heading: str | None) -> str:
    """A part's printed heading without its number: "1. Title" -> "Title"."""
    if not heading:
        return ""
    first, _, rest = heading.partition(" ")
    return rest if first.endswith(".") and rest else heading


def _content(task: dict) -> str:
    content = task.get("content", "")
    return " / ".join(content) if isinstance(content, list) else content


def _groups(items):
    for item in items:
        if isinstance(item, Group):
            yield item
            yield from _groups(item.items)


def _new_groups(holder: dict):
    """The groups in print order, sub-groups written in a ``tasks`` list (kind: group) too."""
    for key in [k for k in holder if k in ("tasks", "groups")]:
        for item in holder[key]:
            if key == "groups" or is_group(item):
                yield item
                yield from _new_groups(item)


def _all_tasks(data: dict):
    for part in (data.get("appendix") or {}).get("parts") or []:
        yield from _holder_tasks(part)


def _holder_tasks(holder: dict):
    """The tasks in print order: the ``tasks`` and ``groups`` lists in the order written, a
    sub-group among the tasks (kind: group) in its place."""
    for key in [k for k in holder if k in ("tasks", "groups")]:
        for item in holder[key]:
            if key == "tasks" and not is_group(item):
                yield item
            else:
                yield from _holder_tasks(item)


def _all_parts_groups_tasks(data: dict):
    for part in (data.get("appendix") or {}).get("parts") or []:
        yield part
        yield from _new_groups(part)
        yield from _holder_tasks(part)


def _all_paragraphs(data: dict):
    plan = data["plan"]
    yield from (a for a in (data.get("decision") or {}).get("articles") or [])
    for section in plan.get("sections") or []:
        yield section
        yield from (p for p in section.get("paragraphs") or [] if isinstance(p, dict))
    yield from (p for p in plan.get("preamble") or [] if isinstance(p, dict))
