"""Line up two versions of a list of keyed items: the new order, with old-only items in place.

A redline shows the new document, so the result follows the new order; an item only the old
version has (a dropped task) stays where it stood, right after the item that preceded it in
the old version, so a reader sees it struck out in its context.

Keys come in two sorts. An id key (``("id", kind, id)``) names the same item wherever it is,
so it is matched even when it moved; any other key (a text, a fixed name) is matched only in
order. Items left unmatched between two matches may still be paired by ``similar`` (an edited
text without an id reads better as changed than as deleted and inserted).
"""
from __future__ import annotations

import difflib
from typing import Callable, Hashable, Sequence

Pair = tuple[int | None, int | None]          # (old index, new index); None: only one side


def align(old: Sequence[Hashable], new: Sequence[Hashable],
          similar: Callable[[int, int], bool] = lambda i, j: False) -> list[Pair]:
    """Every old and new index once, paired where they are one item, in output order."""
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    match: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        match.update((block.a + k, block.b + k) for k in range(block.size))
    _match_moved(old, new, match)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            olds = [i for i in range(a1, a2) if not _is_id(old[i])]
            news = [j for j in range(b1, b2) if not _is_id(new[j])]
            _pair_similar(olds, news, match, similar)
    return _in_new_order(len(old), len(new), match)


def _is_id(key: Hashable) -> bool:
    return isinstance(key, tuple) and len(key) == 3 and key[0] == "id"


def _match_moved(old, new, match: dict[int, int]) -> None:
    """Id keys not matched in order: the same item at another place."""
    taken = set(match.values())
    free = {key: j for j, key in enumerate(new) if j not in taken and _is_id(key)}
    for i, key in enumerate(old):
        if i not in match and key in free:
            match[i] = free.pop(key)


def _pair_similar(olds: list[int], news: list[int], match: dict[int, int], similar) -> None:
    """Unmatched items without ids, paired in order where ``similar`` says they are one."""
    taken = set(match.values())
    free_old = [i for i in olds if i not in match]
    for j in news:
        if j in taken:
            continue
        found = next((i for i in free_old if similar(i, j)), None)
        if found is not None:
            match[found] = j
            free_old = free_old[free_old.index(found) + 1:]   # pairs never cross


def _in_new_order(old_count: int, new_count: int, match: dict[int, int]) -> list[Pair]:
    """New items in order; each old-only item right after its old predecessor's place."""
    by_new = {j: i for i, j in match.items()}
    after: dict[int | None, list[int]] = {}
    anchor = None
    for i in range(old_count):
        if i in match:
            anchor = i
        else:
            after.setdefault(anchor, []).append(i)
    out: list[Pair] = [(i, None) for i in after.get(None, [])]
    for j in range(new_count):
        i = by_new.get(j)
        out.append((i, j))
        if i is not None:
            out += [(k, None) for k in after.get(i, [])]
    return out
