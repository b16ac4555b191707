"""Plain dicts and lists that remember where each value came from.

Cerberus and Jinja see ordinary mappings and lists; the positions ride along so that any
stage can turn a document path into ``file:line:col``. Inheritance copies positions with
values, so a resolved plan still knows which file each value came from.
"""
from __future__ import annotations

from typing import Any, Iterable

from generator.errors import Pos

# Structural sharing between a parent and its children (issue 17): a child's resolved tree
# holds its parent's subtrees wherever the child changes nothing (no copy), and each stage
# leaves a note on a node it has finished with, which the next plan that holds the same node
# reads instead of walking it again:
#   accepted   the schema check that passed it (schema_check), or, on an evaluated node, the
#              rules' verdict (rules._Clean: its text clean; on a task, also its units known
#              and its deadlines sound, with the units and year that held for)
#   evaluated  on a resolved node: its evaluated copy, with the placeholder values that copy
#              depends on when there are any (placeholders)
#   built      on an evaluated task, layout or paragraph list: the model object built from
#              it; a task's with the year, units and unit names that used (to_model)
# A mapping a child changed (a task it gives a new lead, say) is a new Map, but its ``base``
# is the parent's node it was merged from (inherit.py), and its evaluated copy's ``base`` is
# that node's evaluated copy: the stages take the base's verdict for every value the child
# left as it was (the very same object) and look only at the values it changed.
# A note is only ever a cache: a node is never changed once built, and every note is checked
# against what it depended on. tests/plan/test_sharing.py builds children both ways.
_SHARING = [True]

# What ``node.get(key, ABSENT)`` gives for a key the node does not hold: the stages' one test
# of "the base holds this very value" is ``base.get(key, ABSENT) is value``.
ABSENT = object()


def sharing() -> bool:
    """Whether stages reuse a parent's work on shared subtrees (off: every child from scratch)."""
    return _SHARING[0]


def set_sharing(on: bool) -> None:
    _SHARING[0] = on


class Map(dict):
    """A mapping with the position of itself, of each key and of each value."""

    __slots__ = ("pos", "key_pos", "val_pos", "accepted", "evaluated", "built", "base")

    def __init__(self, values: Any = (), pos: Pos | None = None,
                 key_pos: dict[str, Pos] | None = None, val_pos: dict[str, Pos] | None = None):
        """``key_pos``, ``val_pos``: position tables to take (not copied); new ones if None.
        (Explicit arguments, not ``*args, **kw``: a child plan makes ~180 Maps, each in
        half the time so.)"""
        dict.__init__(self, values)
        self.pos = pos
        self.key_pos = {} if key_pos is None else key_pos
        self.val_pos = {} if val_pos is None else val_pos
        self.accepted = self.evaluated = self.built = self.base = None

    def __reduce__(self):
        """Copies and pickles carry values and positions, never the notes: a copy is made to
        be changed, and a note is only true of the node it was written on."""
        return Map, (dict(self), self.pos, self.key_pos, self.val_pos)

    def set(self, key: str, value: Any, key_pos: Pos | None, val_pos: Pos | None) -> None:
        self[key] = value
        if key_pos is not None:
            self.key_pos[key] = key_pos
        if val_pos is not None:
            self.val_pos[key] = val_pos

    def where(self, key: str) -> Pos | None:
        return self.val_pos.get(key) or self.key_pos.get(key) or self.pos

    def with_values(self, values: dict) -> "Map":
        """A Map of ``values`` (the same keys, in order) with this one's positions.

        The position tables are shared, not copied (a tree is never changed once built:
        inherit.py makes its own tables for the mappings it merges)."""
        return Map(values, self.pos, self.key_pos, self.val_pos)

    def copy_from(self, other: "Map", key: str, value: Any | None = None) -> None:
        """Set ``key`` to ``value`` (default: other's value) keeping other's positions."""
        self.set(key, other[key] if value is None else value,
                 other.key_pos.get(key), other.val_pos.get(key))


class Seq(list):
    """A list with its own position and the position of each item."""

    __slots__ = ("pos", "item_pos", "accepted", "evaluated", "built")

    def __init__(self, items: Iterable = (), pos: Pos | None = None,
                 item_pos: Iterable[Pos | None] = ()):
        list.__init__(self, items)
        self.pos = pos
        self.item_pos: list[Pos | None] = list(item_pos)
        self.accepted = self.evaluated = self.built = None

    def __reduce__(self):
        return Seq, (list(self), self.pos, self.item_pos)

    def where(self, index: int) -> Pos | None:
        if 0 <= index < len(self.item_pos) and self.item_pos[index] is not None:
            return self.item_pos[index]
        return self.pos

    def add(self, value: Any, pos: Pos | None) -> None:
        self.append(value)
        self.item_pos.append(pos)


def position(root: Any, path: Iterable) -> Pos | None:
    """The position of the value at ``path`` or, failing that, of its nearest ancestor."""
    node, best = root, getattr(root, "pos", None)
    for step in path:
        if isinstance(node, Map) and step in node:
            best = node.where(step) or best
            node = node[step]
        elif isinstance(node, Seq) and isinstance(step, int) and 0 <= step < len(node):
            best = node.where(step) or best
            node = node[step]
        elif isinstance(node, Map):
            return node.key_pos.get(step) or best
        else:
            return best
    return best


def enclosing_task(root: Any, path: Iterable) -> str | None:
    """The id of the task that contains ``path``, for the ``(task …)`` suffix of a problem."""
    node, found, prev = root, None, None
    for step in path:
        if prev == "tasks" and isinstance(node, list) and isinstance(step, int) and step < len(node):
            item = node[step]
            if isinstance(item, dict) and isinstance(item.get("id"), str) and \
                    "kind" not in item:         # a sub-group written among tasks (kind: group)
                found = item["id"]
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        prev = step
    return found


def deep_copy(value: Any) -> Any:
    """Copy a tree with its positions (strings and numbers are shared)."""
    if isinstance(value, Map):
        return value.with_values({k: deep_copy(v) for k, v in value.items()})
    if isinstance(value, Seq):
        return Seq([deep_copy(v) for v in value], value.pos, value.item_pos)
    return value


def plain(value: Any) -> Any:
    """The tree as ordinary dicts and lists (for YAML and JSON output)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
