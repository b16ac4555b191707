"""``plangen import --extends PARENT``: a fully imported plan as an overrides-only child.

A Word file holds the whole plan; a child plan in ``plans/`` holds only what differs from its
parent, as a person writes it by hand (plans/an-giang-so-xay-dung-2023.yaml): its own identity,
units the child names in its own words renamed, and in each list of items with ids the
parent's items it changes (by the parent's id), drops (``drop: true``) or adds (``after:``).

What the child inherits is compared as the child will print it: the parent's plan loaded under
the child's identity, so a ``{{ issuer.short }}`` in the parent reads as the child's (the short
name, which no line shows by itself, is read from the texts that print it). Items are paired
with the parent's by their text (ingest/pairing.py, on ``plangen diff``'s alignment): an item
whose text changed, or that has a twin in the parent, is one the person must check, marked
``# REVIEW`` with its similarity; a deadline moved later than the parent's gets a
``deadline_reason`` to fill in, under a mark ``--final`` refuses. A text the child rewrites
keeps ``{{ year }}`` where the parent wrote it, as a person copying it would.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from generator.errors import PlanError
from generator.ingest.emit import emit_plan
from generator.ingest.pairing import ALONE, item_text, pair, score
from generator.ingest.units import unique_name
from generator.plan import deadlines
from generator.plan.dates import DocDate
from generator.plan.emphasis import spans
from generator.plan.inherit import ID_LISTS, IDENTITY_KEYS
from generator.plan.schema import TASK_FIELDS, UNIT_FIELDS
from generator.plan.to_model import citation, parent_citation
from generator.plan.workspace import LoadedPlan, Workspace
from generator.render.blocks import closing_mark
from generator.review.align import SIMILAR, similarity
from generator.scaffold.draft import beside, extends_value, load
from generator.tree import plain

CERTAIN = 0.9          # a pair of texts this similar or more needs no second look
REASON = "# REVIEW"    # the deadline_reason of a deadline moved later: a value that validates
# The order of a hand-written child's top-level keys; others follow in the import's order.
ORDER = ("extends", "year", "reconstructed", "cite_parent", "issuer", "document", "units",
         "decision", "plan", "appendix", "signature", "recipients")

YEAR = "{{ year }}"
SHORT = re.compile(r"{{\s*issuer\.short\s*}}")
YEAR_ONLY = re.compile(r"{{\s*year\s*}}")
PLACEHOLDER = re.compile(r"{{.*?}}")
PLACEHOLDER_SPLIT = re.compile(r"({{.*?}})")

Comments = dict[tuple, str]
SAME = object()        # what _diff returns for a value the child inherits as it is


def child_plan(imported: dict, parent_path: Path, output: Path) -> tuple[dict, Comments]:
    """The child of ``parent_path`` to write at ``output`` that prints as ``imported`` does,
    and the comments (by path) a person should read: every ``REVIEW`` is a guess to confirm."""
    workspace = Workspace()
    parent = load(parent_path, workspace)
    extends = extends_value(parent_path, output)
    raw = plain(workspace.resolver.resolve(parent_path).tree)    # placeholders as written
    imported = _with_short_name(imported, raw, parent.tree["year"])
    identity = {k: v for k, v in imported.items() if k in IDENTITY_KEYS and k != "extends"}
    inherited = _inherited(extends, identity, output, workspace) or plain(parent.tree)
    return _Child(imported, inherited, raw, parent).build(extends)


def _with_short_name(imported: dict, raw: dict, year: int) -> dict:
    """``imported`` with the issuer's short name (which no line of a document shows by itself)
    read from the texts that print it: the parent's "trên địa bàn {{ issuer.short }}" found in
    the import as "trên địa bàn huyện" says the child's is "huyện"."""
    issuer = imported.get("issuer")
    if not isinstance(issuer, dict) or issuer.get("short"):
        return imported
    patterns = []
    for text in set(_strings(raw)):
        if SHORT.search(text):
            pattern = "".join(
                "(.+?)" if SHORT.fullmatch(piece) else str(year) if YEAR_ONLY.fullmatch(piece)
                else ".+?" if PLACEHOLDER.fullmatch(piece) else re.escape(piece)
                for piece in PLACEHOLDER_SPLIT.split(text) if piece)
            patterns.append(re.compile(pattern))
    found = Counter(m[1] for text in set(_strings({k: v for k, v in imported.items()
                                                    if k not in IDENTITY_KEYS}))
                    for p in patterns if (m := p.fullmatch(text)) and len(set(m.groups())) == 1)
    if not found:
        return imported
    short = found.most_common(1)[0][0]
    if short == issuer.get("full"):
        return imported
    return {**imported, "issuer": {**issuer, "short": short}}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _inherited(extends: str, identity: dict, output: Path, workspace: Workspace) -> dict | None:
    """The plan a child with only ``identity`` resolves to: the parent as the child prints it.

    Loaded from a file beside ``output`` (as ``extends`` resolves from there); None when the
    identity alone does not load, and the parent's own values serve instead.
    """
    with beside(output, emit_plan({"extends": extends, **identity})) as path:
        try:
            loaded = workspace.load(path)
        except PlanError:
            return None
        finally:
            workspace.forget(path)
    return _with_generated_lines(plain(loaded.tree), loaded.model)


def _with_generated_lines(tree: dict, model) -> dict:
    """The "(Ban hành kèm theo …)" and "(Kèm theo …)" lines the child prints without writing
    them: an import that reads them back as written keeps them only where they differ."""
    for key, part in (("plan", model.plan), ("appendix", model.appendix)):
        line = getattr(part, "attached", None)
        if line and isinstance(tree.get(key), dict) and tree[key].get("attached") is None:
            tree[key]["attached"] = line
    return tree


def _as_list(value) -> list:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [value]


def _blank(value) -> bool:
    return value is None or value == "" or value == []


def _id_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(i, dict) and "id" in i for i in value)


class _Child:
    """One import's pairing and writing: renamed and new units are decided from all pairs
    before any task is written, so every task names them the same way."""

    def __init__(self, imported: dict, inherited: dict, raw: dict, parent: LoadedPlan):
        self.imported, self.inherited, self.raw, self.parent = imported, inherited, raw, parent
        self.comments: Comments = {}
        self.names: dict[str, str] = dict(imported.get("units") or {})     # import id → name
        self.parent_units: dict[str, str] = dict(inherited.get("units") or {})
        self.pairs: dict[tuple[int, int], tuple] = {}
        self.taken = _all_ids(inherited)
        self.renamed: dict[str, str] = {}
        self.new_units: dict[str, str] = {}            # child id → name, in first-use order
        self.year = inherited.get("year")

    # -- pairing --------------------------------------------------------------------------

    def _pairs(self, key: str, new: list, old: list) -> list:
        """The alignment of two lists of items by their texts (computed once per list)."""
        memo = (id(new), id(old))
        if memo not in self.pairs:                  # the lists are kept: their ids stay theirs
            self.pairs[memo] = (new, old, pair(old, new))
        return self.pairs[memo][2]

    def _task_pairs(self, new: Any, old: Any, key: str = "") -> list[tuple[dict, dict]]:
        """Every (imported, parent) pair of tasks, anywhere below two paired values."""
        if isinstance(new, dict) and isinstance(old, dict):
            out = [(new, old)] if key == "tasks" else []
            for k in new:
                if k in old:
                    out += self._task_pairs(new[k], old[k], k)
            return out
        if key in ID_LISTS and _id_list(new) and _id_list(old):
            return [found for p in self._pairs(key, new, old) if p.old is not None and p.new is not None
                    for found in self._task_pairs(new[p.new], old[p.old], key)]
        return []

    # -- units ----------------------------------------------------------------------------

    def _decide_renames(self, pairs: list[tuple[dict, dict]]) -> None:
        """A parent unit the child calls by one other name in most places the parent names it
        is renamed (the other places are overrides), unless the child still uses the parent's
        name, the new name is another parent unit's (the tasks then name that one), or the
        unit stands in one task only under an unlike name (that task names a unit of its own)."""
        seen: dict[str, list] = {}
        for new, old in pairs:
            for field in UNIT_FIELDS:
                mine, theirs = _as_list(new.get(field)), _as_list(old.get(field))
                for n, unit in enumerate(theirs):
                    name = self.names.get(mine[n]) if len(mine) == len(theirs) else None
                    seen.setdefault(unit, []).append(name)
        existing, used = set(self.parent_units.values()), set(self.names.values())
        for unit, names in seen.items():
            (name, count), was = Counter(names).most_common(1)[0], self.parent_units.get(unit)
            if (2 * count > len(names) and name is not None and was is not None
                    and name != was and name not in existing and was not in used
                    and (count > 1 or similarity(was, name) >= SIMILAR)):
                self.renamed[unit] = name

    def _name(self, unit: str) -> str | None:
        return self.renamed.get(unit, self.parent_units.get(unit))

    def _unit_id(self, imported_id: str) -> str:
        """The id the child writes for a unit the import names: the parent's unit of that
        name, else a unit of the child's own."""
        name = self.names.get(imported_id)
        if name is None:
            return imported_id
        for unit, known in self.parent_units.items():
            if known == name and unit not in self.renamed:
                return unit
        for unit, known in self.new_units.items():
            if known == name:
                return unit
        unit = unique_name(imported_id, set(self.parent_units) | set(self.new_units), "_")
        self.new_units[unit] = name
        return unit

    def _units(self, value, old) -> Any:
        """A task's unit cell in the child's ids; each unit where the parent's slot already
        prints that name keeps the parent's id."""
        mine, theirs = _as_list(value), _as_list(old)
        slots = theirs if len(theirs) == len(mine) else [None] * len(mine)
        ids = [slot if slot is not None and self._name(slot) == self.names.get(unit)
               else self._unit_id(unit) for unit, slot in zip(mine, slots)]
        return ids[0] if isinstance(value, str) and len(ids) == 1 else ids

    # -- writing --------------------------------------------------------------------------

    def build(self, extends: str) -> tuple[dict, Comments]:
        imported, inherited = _with_parent_layouts(self.imported, self.inherited), self.inherited
        self.last_text = _last_paragraph(imported)
        self._decide_renames(self._task_pairs(imported, inherited))
        body: dict[str, Any] = {"extends": extends}
        for key, value in imported.items():
            if key in ("extends", "units") or (key == "year" and value == self.year):
                continue
            if key == "decision":
                body[key] = self._decision(value)
            elif key in IDENTITY_KEYS:
                body[key] = value
            elif key not in inherited:
                body[key] = self._fresh(value, key)
            else:
                diff = self._diff(value, inherited[key], self.raw.get(key), (key,), key)
                if diff is not SAME:
                    body[key] = diff
        self._cite_parent(body)
        units = {**self.renamed, **self.new_units}
        if units:
            body["units"] = units
            for unit, name in self.renamed.items():
                was = self.parent_units[unit]
                mark = "REVIEW: " if similarity(was, name) < SIMILAR else ""
                self.comments[("units", unit)] = f"{mark}the parent's \"{was}\", renamed"
        order = [k for k in ORDER if k in body] + [k for k in body if k not in ORDER]
        return {k: body[k] for k in order}, self.comments

    def _decision(self, decision):
        """The child's own decision (never inherited), its articles named by the parent's ids
        where they read alike, so that ``plangen diff`` against the parent pairs them."""
        theirs = (self.parent.tree.get("decision") or {}).get("articles")
        mine = decision.get("articles") if isinstance(decision, dict) else None
        if not (_id_list(mine) and _id_list(theirs)):
            return decision
        ids = {p.new: theirs[p.old]["id"] for p in pair(plain(theirs), mine)
               if p.old is not None and p.new is not None}
        taken = set(ids.values())
        articles = []
        for n, article in enumerate(mine):
            article_id = ids.get(n) or unique_name(article["id"], taken, "-")
            taken.add(article_id)
            articles.append({**article, "id": article_id})
        return {**decision, "articles": articles}

    def _cite_parent(self, body: dict) -> None:
        """The parent's citation the import read as a legal basis is the one a child gets by
        itself (first, unless ``cite_parent: false``); written out, it would print twice."""
        own = parent_citation(self.parent.model)
        holder = body.get("decision") if isinstance(body.get("decision"), dict) else body.get("plan")
        bases = list(holder.get("bases") or []) if isinstance(holder, dict) else []
        texts = [_basis_text(b) for b in bases]
        if texts and texts[0] == own:
            bases.pop(0)
        elif own in texts:
            bases[texts.index(own)] = {"cite": "parent"}
        else:
            body["cite_parent"] = False
        if isinstance(holder, dict) and "bases" in holder:
            if bases:
                holder["bases"] = bases
            else:
                del holder["bases"]
                if not holder:
                    del body["decision" if holder is body.get("decision") else "plan"]

    def _diff(self, new, old, raw, path: tuple, key: str):
        """What the child writes for ``new`` over the inherited ``old`` (``raw`` as the parent
        wrote it, placeholders unevaluated); SAME for nothing."""
        if new == old:
            return SAME
        if isinstance(new, str) and isinstance(old, str) and (
                spans(new) == spans(old)                 # prints the same, escaped otherwise
                or (new.isupper() and new == old.upper())):  # a title printed in capitals
            return SAME
        if key == "preamble" and isinstance(new, list) and isinstance(old, list) and new:
            mine, theirs = _paragraphs(new), _paragraphs(old)
            if len(mine) == len(theirs) and mine[:-1] == theirs[:-1] and mine[-1][0] == theirs[-1][0] \
                    and (mine[-1] == theirs[-1] or self._ends(new[-1], theirs[-1][1])):
                return SAME         # plain texts read back from paragraphs the parent gave ids
        if key in ID_LISTS and _id_list(old) and isinstance(new, list):
            new = [i if isinstance(i, dict) else {"id": f"{key[:-1]}-{n}", "kind": "text", "text": i}
                   for n, i in enumerate(new, 1)]         # paragraphs of plain text
        if isinstance(new, dict) and isinstance(old, dict):
            return self._diff_map(new, old, raw, path, key) or SAME
        if key in ID_LISTS and _id_list(new) and _id_list(old):
            return self._diff_list(key, new, old, raw, path) or SAME
        return self._fresh(self._year_back(new, raw), key)

    def _year_back(self, new, raw):
        """The plan year written ``{{ year }}`` again where the parent's text wrote it so, as
        a person copying it would (and as next year's plan needs)."""
        if isinstance(new, list) and isinstance(raw, list) and len(new) == len(raw):
            return [self._year_back(n, r) for n, r in zip(new, raw)]
        if (isinstance(new, str) and isinstance(raw, str) and YEAR in raw
                and not any(mark in new for mark in ("{{", "{%", "{#"))):
            return re.sub(rf"(?<!\d){self.year}(?!\d)", YEAR, new)
        return new

    def _ends(self, new, old) -> bool:
        """Whether ``new`` is the plan's last paragraph and prints as ``old`` would there:
        "./." ends it after either text ("… tháo gỡ" and "… tháo gỡ." both end "… tháo gỡ./.")."""
        new = new.get("text") if isinstance(new, dict) else new
        return (new is self.last_text and isinstance(old, str)
                and closing_mark(new) == closing_mark(old))

    def _diff_map(self, new: dict, old: dict, raw, path: tuple, kind: str) -> dict:
        out: dict[str, Any] = {}
        task = kind == "tasks"
        for key, value in new.items():
            if key == "id":
                continue
            if task and key in UNIT_FIELDS:
                value = self._units(value, old.get(key))
                if _as_list(value) != _as_list(old.get(key)):
                    out[key] = value
                continue
            if key not in old:
                if not (key == "kind" and value == "text"):          # the default kind
                    out[key] = self._fresh(value, key)
                continue
            if task and key in TASK_FIELDS and _blank(value) and _blank(old[key]):
                continue
            if kind == "paragraphs" and key == "text" and self._ends(value, old[key]):
                continue
            diff = self._diff(value, old[key], raw.get(key) if isinstance(raw, dict) else None,
                              path + (key,), key)
            if diff is not SAME:
                out[key] = diff
        for key in TASK_FIELDS if task else ():          # a cell the import found empty
            if key not in new and not _blank(old.get(key)):
                out[key] = [] if key in UNIT_FIELDS else ""
        if task and "deadline" in out:
            self._later(out, new, old, path)
        return out

    def _diff_list(self, key: str, new: list, old: list, raw, path: tuple) -> list:
        """The parent's items the child changes, drops or adds, in the child's order."""
        out: list[dict] = []
        previous = None
        pairs = self._pairs(key, new, old)
        dropped = [old[p.old] for p in pairs if p.new is None]
        for match in pairs:
            if match.new is None:
                out.append({"id": old[match.old]["id"], "drop": True})
                continue
            here = path + (len(out),)
            item = new[match.new]
            if match.old is None:
                item_id = unique_name(str(item["id"]), self.taken, "-")
                self.taken.add(item_id)
                place = {"after": previous} if previous else {"at": "start"}
                fresh = self._fresh({k: v for k, v in item.items() if k != "id"}, key)
                out.append({"id": item_id, **place, **fresh})
                self.comments[here] = _new_note(key, item, dropped)
                previous = item_id
                continue
            theirs = old[match.old]
            previous = theirs["id"]
            raw_item = raw[match.old] if isinstance(raw, list) and len(raw) == len(old) else None
            diff = self._diff_map(item, theirs, raw_item, here, key)
            if not diff:
                continue
            out.append({"id": theirs["id"], **diff})
            ratio = similarity(item_text(theirs), item_text(item))
            twins = [o["id"] for o in old if o is not theirs and item_text(o) == item_text(theirs)]
            if ratio < CERTAIN or twins:
                self.comments[here] = (f"REVIEW: matched to parent {key[:-1]} {theirs['id']} "
                                       f"at {ratio:.2f}" + "".join(f"; {t} reads the same"
                                                                  for t in twins))
        return out

    def _later(self, out: dict, new: dict, old: dict, path: tuple) -> None:
        """A deadline later than the parent's needs a reason the author gives: a placeholder
        that validates, under a mark ``--final`` refuses."""
        try:
            mine = deadlines.parse(new["deadline"], self.year) if isinstance(new.get("deadline"), str) else None
            theirs = deadlines.parse(old["deadline"], self.year) if isinstance(old.get("deadline"), str) else None
        except (deadlines.DeadlineError, TypeError):
            return
        if mine and theirs and mine.comparable and theirs.comparable and mine.latest > theirs.latest:
            out["deadline_reason"] = REASON
            self.comments[path + ("deadline_reason",)] = (
                f"REVIEW: later than the parent's deadline \"{old['deadline']}\": say why")

    def _fresh(self, value, key: str = ""):
        """An imported value written whole: units in the child's ids, item ids unique."""
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if k in UNIT_FIELDS and key == "tasks":
                    out[k] = self._units(v, None)
                elif k == "id" and key in ID_LISTS and isinstance(v, str):
                    out[k] = unique_name(v, self.taken, "-")
                    self.taken.add(out[k])
                else:
                    out[k] = self._fresh(v, k)
            return out
        if isinstance(value, list):
            return [self._fresh(v, key) for v in value]
        return value


def _new_note(key: str, item: dict, dropped: list[dict]) -> str:
    """The comment on an added item: to review when a dropped parent item reads a little
    like it (a rewording too deep to pair, or a new item after all)."""
    ratio, closest = max(((score(d, item), d["id"]) for d in dropped), default=(0.0, None))
    if closest is None or ratio < ALONE:
        return "new: not in the parent"
    return f"REVIEW: new, or parent {key[:-1]} {closest} reworded? (at {ratio:.2f})"


def _with_parent_layouts(imported: dict, inherited: dict) -> dict:
    """``imported`` with each layout the parent defines alike under the parent's name."""
    mine = (imported.get("appendix") or {}).get("layouts")
    theirs = (inherited.get("appendix") or {}).get("layouts")
    if not isinstance(mine, dict) or not isinstance(theirs, dict):
        return imported
    names = {name: next((p for p, d in theirs.items() if d == layout), name)
             for name, layout in mine.items()}

    def rename(value, key=""):
        if isinstance(value, dict):
            return {k: (names.get(v, v) if k == "layout" and isinstance(v, str) else
                        {names[n]: d for n, d in v.items()} if k == "layouts" and v is mine else
                        rename(v, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [rename(v, key) for v in value]
        return value
    return {**imported, "appendix": rename(imported["appendix"])}


def _last_paragraph(imported: dict) -> str | None:
    """The text of the plan's last paragraph (of the preamble or a section), the one the
    document ends with "./."."""
    plan = imported.get("plan") if isinstance(imported.get("plan"), dict) else {}
    texts = list(plan.get("preamble") or [])
    for section in plan.get("sections") or []:
        for paragraph in (section.get("paragraphs") or []) if isinstance(section, dict) else []:
            texts.append(paragraph.get("text") if isinstance(paragraph, dict) else paragraph)
    return texts[-1] if texts and isinstance(texts[-1], str) else None


def _paragraphs(items: list) -> list[tuple]:
    """Paragraphs as (kind, text), whether written as plain text or with ids."""
    return [("text", i) if isinstance(i, str) else
            (i.get("kind", "text"), i.get("text")) if isinstance(i, dict) else (None, i)
            for i in items]


def _basis_text(basis) -> str | None:
    """A legal basis as it prints (to_model._bases): a string, a citation or a text."""
    if isinstance(basis, str):
        return basis
    if not isinstance(basis, dict):
        return None
    cite = basis.get("cite")
    if isinstance(cite, dict):
        try:
            return citation(cite["type"], cite["number"], DocDate.parse(cite["date"]),
                            cite["issuer"], cite.get("about", ""))
        except (KeyError, TypeError, ValueError):
            return None
    return basis.get("text")


def _all_ids(value) -> set:
    """Every item id of a plan (task ids are unique across the whole plan)."""
    if isinstance(value, dict):
        own = {value["id"]} if isinstance(value.get("id"), str) else set()
        return own.union(*(_all_ids(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_all_ids(v) for v in value))
    return set()
