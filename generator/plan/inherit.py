"""Resolve ``extends``: a child plan is its parent with the child's changes applied.

Items of the lists named in ``ID_LISTS`` are matched by ``id``, never by position: a child
overrides fields of an item, drops it (``drop: true``), or adds a new one at a stated place
(``after:``, ``before:``, ``at:``). Positions travel with the values, so the resolved tree
still tells which file wrote each value.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator.errors import PlanError, Pos, Problem
from generator.plan.load import load_file
from generator.plan.schema import is_group
from generator.record import record
from generator.tree import Map, Seq, deep_copy, sharing

IDENTITY_KEYS = frozenset({"extends", "cite_parent", "reconstructed", "issuer", "document",
                           "decision", "signature", "recipients", "amendment", "amendments"})
NEVER_INHERITED = frozenset({"bases"})
ID_LISTS = frozenset({"parts", "groups", "tasks", "sections", "paragraphs", "articles"})
CONTROL_KEYS = ("drop", "after", "before", "at")

@record(frozen=False)
class Resolved:
    path: Path
    label: str
    raw: Map
    tree: Map
    parent: "Resolved | None"
    problems: tuple[Problem, ...] = ()   # of the merge: the tree leaves out what they name


def pop_plan(cache: dict[Path, object], path: Path | str) -> Path:
    """Drop ``path``'s entry from ``cache`` (keyed by resolved paths): under ``path`` itself
    when that is the key (a build names its plans resolved), else under the path resolved,
    which is computed only then. The key tried last."""
    key = Path(path)
    if cache.pop(key, None) is None:
        key = key.resolve()
        cache.pop(key, None)
    return key


def display_name(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


class Resolver:
    """Resolves plans, each file once per build however many children share it."""

    def __init__(self) -> None:
        self._cache: dict[Path, Resolved] = {}
        # (folder, extends value, plans folder) → the parent file it names: siblings share it
        self._parents: dict[tuple[Path, str, Path], Path] = {}

    def resolve(self, path: Path) -> Resolved:
        return self._resolve(Path(path).resolve(), ())

    def forget(self, path: Path) -> None:
        """Drop ``path``'s plan (given as resolve() gives it, the build's way, or as named)."""
        pop_plan(self._cache, path)

    def _resolve(self, path: Path, chain: tuple[Path, ...]) -> Resolved:
        if path in self._cache:
            return self._cache[path]
        label = display_name(path)
        raw = load_file(path, label)
        parent_path = self._parent_path(raw, path, chain, label)
        problems: list[Problem] = []
        if parent_path is None:
            tree = strip_controls(raw, problems)
            parent = None
        else:
            parent = self._resolve(parent_path, chain + (path,))
            tree = merge_plan(parent.tree, raw, problems)
        resolved = Resolved(path, label, raw, tree, parent, tuple(problems))
        self._cache[path] = resolved
        return resolved

    def _parent_path(self, raw: Map, path: Path, chain: tuple[Path, ...], label: str) -> Path | None:
        value = raw.get("extends")
        if value is None:
            return None
        where = raw.where("extends")
        if not isinstance(value, str) or not value.strip():
            raise PlanError([Problem(where, "'extends' must name a plan file, e.g. an-giang-2023.yaml")])
        root = (chain[0] if chain else path).parent
        key = (path.parent, value, root)
        target = self._parents.get(key)
        if target is None:
            target = (path.parent / value).resolve()
            if not target.is_relative_to(root):
                raise PlanError([Problem(where, f"'extends: {value}' leaves the plans folder "
                                                f"{display_name(root)}/")])
            if not target.is_file():        # a cycle's plans are files: checked below either way
                raise PlanError([Problem(where, f"'extends: {value}': no such plan in "
                                                f"{display_name(root)}/")])
            self._parents[key] = target
        if target == path or target in chain:
            names = [display_name(p) for p in chain + (path, target)]
            start = names.index(display_name(target))
            raise PlanError([Problem(where, "inheritance cycle: " + " → ".join(names[start:]))])
        return target


def merge_plan(parent: Map, child: Map, problems: list[Problem]) -> Map:
    """The child's plan: parent's inheritable keys, then the child's keys merged over them.

    What the child does not change is the parent's own subtree, not a copy (see tree.py)."""
    out = Map(pos=child.pos)
    share = sharing()
    for key in parent:
        if key not in IDENTITY_KEYS and key not in NEVER_INHERITED:
            out.copy_from(parent, key, parent[key] if share else deep_copy(parent[key]))
    found: list[Problem] = []
    for key, value in child.items():
        merged = _merge(key, out[key], value, found) if key in out else strip_controls(value, found)
        out.set(key, merged, child.key_pos.get(key), child.val_pos.get(key))
    problems += [_elsewhere(p, parent) if p.message.endswith(_NO_SUCH_ITEM) else p for p in found]
    return out


_NO_SUCH_ITEM = "': the parent has no such item (to add one, say where with after:, before: or at:)"


def _elsewhere(problem: Problem, parent: Map) -> Problem:
    """An override of an id the parent has in another part or group names where it is."""
    item_id = problem.message[len("unknown id '"):-len(_NO_SUCH_ITEM)]

    def walk(holder, trail):
        for key in ID_LISTS:
            items = holder.get(key) if isinstance(holder, Map) else None
            for n, item in enumerate(items if isinstance(items, Seq) else []):
                if not isinstance(item, Map):
                    continue
                if item.get("id") == item_id:
                    return trail, items.where(n)
                holder = "group" if is_group(item) else key[:-1]    # a sub-group among tasks
                named = trail + [f"{holder} '{item.get('id')}'"] if holder != "task" else trail
                hit = walk(item, named)
                if hit:
                    return hit
        return None
    for top in ("decision", "plan", "appendix"):
        hit = walk(parent.get(top), [top]) if isinstance(parent.get(top), Map) else None
        if hit:
            trail, where = hit
            return Problem(problem.pos, f"'{item_id}' is not in this list: the parent has it "
                                        f"in {', '.join(trail)} ({where}); write it there",
                           problem.task)
    return problem


def _merge(key: str, old, new, problems: list[Problem]):
    if isinstance(old, Map) and isinstance(new, Map):
        return _merge_map(old, new, problems)
    if key in ID_LISTS and isinstance(old, Seq) and isinstance(new, Seq) and _all_have_ids(new):
        return _merge_list(old, new, problems)
    return strip_controls(new, problems, report=False)


def _merge_map(old: Map, new: Map, problems: list[Problem]) -> Map:
    # old's values and positions, with the child's put over them below
    out = Map(old, new.pos, dict(old.key_pos), dict(old.val_pos))
    out.base = old                      # what the child left is old's very value (tree.py)
    for key in NEVER_INHERITED:
        if key in out:
            del out[key]
            out.key_pos.pop(key, None)
            out.val_pos.pop(key, None)
    key_pos, val_pos, new_key_pos, new_val_pos = out.key_pos, out.val_pos, new.key_pos, new.val_pos
    for key, value in new.items():
        if key in CONTROL_KEYS:
            continue
        if value.__class__ is Map or value.__class__ is Seq:
            value = _merge(key, out[key], value, problems) if key in out else \
                strip_controls(value, problems, report=False)
        elif key == "id" and (found := out.get("id")) == value:
            value = found               # the parent's very text (the item was found by it):
            #                             the stages pass over what the base holds (tree.py)
        out[key] = value                # a text or number replaces what was there
        if (where := new_key_pos.get(key)) is not None:
            key_pos[key] = where
        if (where := new_val_pos.get(key)) is not None:
            val_pos[key] = where
    return out


def _all_have_ids(items: Seq) -> bool:
    return all(isinstance(i, Map) and isinstance(i.get("id"), str) for i in items)


def _merge_list(old: Seq, new: Seq, problems: list[Problem]) -> Seq:
    """The parent's items with the child's changes applied in the child's order.

    Items are found by id in a dict and kept in a linked list, so a child that touches
    every item of a long list costs linear time, not quadratic. A child that only overrides
    and drops (the usual case) moves nothing: one pass over the list, no linked list.
    """
    if not any(_places(child) for child in new):
        return _merge_in_place(old, new, problems)
    items = _Items(old)
    for cid, where, child in _entries(new, problems):
        found = items.find(cid)
        if child.get("drop") is True:
            if found is None:
                problems.append(_cannot_drop(where, cid))
            else:
                items.remove(found)
            continue
        placed = _places(child)
        if found is None and not placed:
            problems.append(Problem(where, f"unknown id '{cid}{_NO_SUCH_ITEM}"))
            continue
        if found is not None:
            item = _merge_map(found.item, child, problems)
            if not placed:
                found.item = item
                continue
            items.remove(found)
        else:
            item = strip_controls(child, problems, report=False)
        _place(items, child, _Entry(cid, item, where), problems)
    out = Seq((e.item for e in items), new.pos, (e.where for e in items))
    items.unlink()
    return out


def _places(child: Map) -> bool:
    """Whether a child's list entry says where it goes (after:, before: or at:)."""
    return "after" in child or "before" in child or "at" in child


def _merge_in_place(old: Seq, new: Seq, problems: list[Problem]) -> Seq:
    """_merge_list for a child that places nothing: the same problems, in the same order.

    Each id is looked up at most once (a repeated id is a problem and skipped), so the first
    item with that id in the parent's order is still there when it is looked up."""
    first: dict = {}
    for n, item in enumerate(old):
        first.setdefault(item.get("id") if isinstance(item, Map) else None, n)
    items, kept = list(old), [True] * len(old)
    for cid, where, child in _entries(new, problems):
        found = first.get(cid)
        if child.get("drop") is True:
            if found is None:
                problems.append(_cannot_drop(where, cid))
            else:
                kept[found] = False
            continue
        if found is None:
            problems.append(Problem(where, f"unknown id '{cid}{_NO_SUCH_ITEM}"))
            continue
        items[found] = _merge_map(items[found], child, problems)
    return Seq((item for item, keep in zip(items, kept) if keep), new.pos,
               (old.where(n) for n, keep in enumerate(kept) if keep))


def _entries(new: Seq, problems: list[Problem]):
    """(id, position, entry) for each of a child's list entries that can be applied: a
    repeated id and a ``drop`` that is not true or false are problems, and skipped."""
    seen: dict[str, Pos | None] = {}
    for n, child in enumerate(new):
        cid, where = child["id"], new.where(n)
        if cid in seen:
            problems.append(Problem(where, f"duplicate id '{cid}' (also at {seen[cid]})"))
            continue
        seen[cid] = where
        if "drop" in child and not isinstance(child["drop"], bool):
            problems.append(Problem(child.where("drop"), f"'drop' is '{child['drop']}': write true or false"))
            continue
        yield cid, where, child


def _cannot_drop(where: Pos | None, cid: str) -> Problem:
    return Problem(where, f"cannot drop '{cid}': the parent has no item with this id")


class _Entry:
    __slots__ = ("id", "item", "where", "prev", "next")

    def __init__(self, item_id, item, where):
        self.id, self.item, self.where = item_id, item, where
        self.prev = self.next = None


class _Items:
    """A list's items in order: found by id, removed and inserted in constant time.

    When ids repeat (a parent that will fail its own checks), ``find`` still returns the
    first item in list order with that id, as a scan from the start would.
    """

    def __init__(self, old: Seq):
        self.head = self.tail = None
        self._by_id: dict[str, list[_Entry]] = {}
        for n, item in enumerate(old):
            self.insert_after(self.tail, _Entry(item.get("id") if isinstance(item, Map) else None,
                                                item, old.where(n)))

    def __iter__(self):
        entry = self.head
        while entry is not None:
            yield entry
            entry = entry.next

    def unlink(self) -> None:
        """Break the links between entries: a linked list is a reference cycle, which would
        keep the merged items alive until the garbage collector runs."""
        entry = self.head
        while entry is not None:
            entry.prev, entry = None, entry.next
        self.head = self.tail = None

    def find(self, item_id) -> _Entry | None:
        try:
            found = self._by_id.get(item_id)
        except TypeError:       # an unhashable after:/before: value names no item
            return None
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        return next(e for e in self if e.id == item_id)

    def remove(self, entry: _Entry) -> None:
        if entry.prev is None:
            self.head = entry.next
        else:
            entry.prev.next = entry.next
        if entry.next is None:
            self.tail = entry.prev
        else:
            entry.next.prev = entry.prev
        self._by_id[entry.id].remove(entry)

    def insert_after(self, before: _Entry | None, entry: _Entry) -> None:
        """Insert ``entry`` after ``before``; at the start when ``before`` is None."""
        after = self.head if before is None else before.next
        entry.prev, entry.next = before, after
        if before is None:
            self.head = entry
        else:
            before.next = entry
        if after is None:
            self.tail = entry
        else:
            after.prev = entry
        self._by_id.setdefault(entry.id, []).append(entry)


def _place(items: _Items, child: Map, entry: _Entry, problems: list[Problem]) -> None:
    """Insert a new or moved item where the child says: after:, before:, at: start, or last."""
    for key in ("after", "before"):
        if key in child:
            anchor = items.find(child[key])
            if anchor is None:
                problems.append(Problem(child.where(key), f"{key}: no item '{child[key]}' in this list"))
                return
            items.insert_after(anchor if key == "after" else anchor.prev, entry)
            return
    items.insert_after(None if child.get("at") == "start" else items.tail, entry)


def strip_controls(value, problems: list[Problem], report: bool = True):
    """A copy of ``value`` without inheritance keys; in a root plan they are errors."""
    if isinstance(value, Map):
        out = Map(pos=value.pos)
        for key, item in value.items():
            if key in CONTROL_KEYS:
                if report:
                    problems.append(Problem(value.key_pos.get(key),
                                            f"'{key}' only applies in a plan that extends another"))
                continue
            out.set(key, strip_controls(item, problems, report),
                    value.key_pos.get(key), value.val_pos.get(key))
        return out
    if isinstance(value, Seq):
        return Seq((strip_controls(v, problems, report) for v in value), value.pos, value.item_pos)
    return value
