"""Line up two versions of a list of keyed items: the one alignment of ``plangen diff`` and
``plangen redline``, so that both always agree on what is kept, edited, replaced or moved.

Keys are the renderer's (render/blocks.py). An id key (``("id", kind, id)``) names the same
item wherever it is, so it is matched even when it moved; any other key (a text, a fixed
name) is matched only in order. Items left unmatched between two matches may still be paired
by ``similar``: by default two texts of one kind sharing most of their words, which reads
better as an edit than as a deletion and an insertion.

The result follows the new order; an item only the old version has (a dropped task) stays
where it stood, right after the item that preceded it in the old version, so a redline shows
it struck out in its context and a diff lists it where it was.
"""
from __future__ import annotations

import difflib
from typing import Callable, Hashable, NamedTuple, Sequence

SIMILAR = 0.6          # share of words in common, in order, for two texts to be one edited


class Pair(NamedTuple):
    old: int | None           # index in the old list; None: only the new version has it
    new: int | None           # index in the new list; None: only the old version has it
    moved: bool = False       # an id matched out of order


def similarity(old: str, new: str) -> float:
    """The share of words two texts have in common, in order: 1.0 for the same words."""
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def similar_texts(old: str, new: str) -> bool:
    """Whether ``new`` reads as an edit of ``old``: most of their words shared, in order."""
    return similarity(old, new) >= SIMILAR


def similar_keys(old: Hashable, new: Hashable) -> bool:
    """Two text keys of one kind whose texts are similar."""
    return (_is_text(old) and _is_text(new) and old[1] == new[1]
            and similar_texts(old[2], new[2]))


def align(old: Sequence[Hashable], new: Sequence[Hashable],
          similar: Callable[[Hashable, Hashable], bool] = similar_keys) -> list[Pair]:
    """Every old and new index once, paired where they are one item, in output order."""
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    match: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        match.update((block.a + k, block.b + k) for k in range(block.size))
    moved = _match_moved(old, new, match)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            olds = [i for i in range(a1, a2) if not _is_id(old[i])]
            news = [j for j in range(b1, b2) if not _is_id(new[j])]
            _pair_similar(olds, news, match, lambda i, j: similar(old[i], new[j]))
    return _in_new_order(len(old), len(new), match, moved)


def _is_id(key: Hashable) -> bool:
    return isinstance(key, tuple) and len(key) == 3 and key[0] == "id"


def _is_text(key: Hashable) -> bool:
    return isinstance(key, tuple) and len(key) == 3 and key[0] == "text"


def _match_moved(old, new, match: dict[int, int]) -> set[int]:
    """Id keys not matched in order: the same item at another place. Returns their old indexes."""
    taken = set(match.values())
    free = {key: j for j, key in enumerate(new) if j not in taken and _is_id(key)}
    moved = set()
    for i, key in enumerate(old):
        if i not in match and key in free:
            match[i] = free.pop(key)
            moved.add(i)
    return moved


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


def _in_new_order(old_count: int, new_count: int, match: dict[int, int],
                  moved: set[int]) -> list[Pair]:
    """New items in order; each old-only item right after its old predecessor's place."""
    by_new = {j: i for i, j in match.items()}
    after: dict[int | None, list[int]] = {}
    anchor = None
    for i in range(old_count):
        if i in match:
            anchor = i
        else:
            after.setdefault(anchor, []).append(i)
    out = [Pair(i, None) for i in after.get(None, [])]
    for j in range(new_count):
        i = by_new.get(j)
        out.append(Pair(i, j, i in moved))
        if i is not None:
            out += [Pair(k, None) for k in after.get(i, [])]
    return out
