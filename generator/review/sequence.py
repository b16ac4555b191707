"""Differences between two lists of texts, in document order.

Items with an id (paragraphs, articles) are matched by id, as inheritance matches them, so an
edited paragraph shows as changed rather than as one removed and one added; items without
an id (legal bases, recipients) are matched by text, and an unmatched old text facing an
unmatched new one at the same place is shown as a change of that text.
"""
from __future__ import annotations

import bisect
import difflib
from typing import Sequence

from generator.review.changes import ADDED, CHANGED, MOVED, REMOVED, Change

Item = tuple[str | None, str]          # (id or None, text)


def list_changes(old: Sequence[Item], new: Sequence[Item], what: str) -> list[Change]:
    """Each added, removed, changed or moved item; ``what`` names the list ("preamble")."""
    old_ids = {i for i, _ in old if i}
    new_ids = {i for i, _ in new if i}
    matcher = difflib.SequenceMatcher(None, [_key(i) for i in old], [_key(i) for i in new],
                                      autojunk=False)
    out: list[Change] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out += [Change(CHANGED, _name(what, o, a1 + n), o[1], w[1])
                    for n, (o, w) in enumerate(zip(old[a1:a2], new[b1:b2])) if o[1] != w[1]]
        else:
            out += _unmatched(old, new, (a1, a2), (b1, b2), what, old_ids, new_ids)
    return out


def _key(item: Item) -> tuple[str, str]:
    return ("id", item[0]) if item[0] else ("text", item[1])


def _name(what: str, item: Item, index: int) -> str:
    return f"{what} {item[0]}" if item[0] else f"{what} {index + 1}"


def _unmatched(old, new, a: tuple[int, int], b: tuple[int, int], what, old_ids, new_ids):
    """A stretch that did not match: removals first, then what came in its place.

    An id-less new text takes the place of a similar id-less old one (a change of that
    text); a dissimilar one is added, so replacing a basis does not read as rewording it.
    """
    gone = [(n, o) for n, o in enumerate(old[a[0]:a[1]], a[0]) if not (o[0] and o[0] in new_ids)]
    old_by_id = {o[0]: o for o in old if o[0]}
    came = []
    for n, w in enumerate(new[b[0]:b[1]], b[0]):
        if w[0] and w[0] in old_ids:
            came.append(Change(MOVED, _name(what, w, n), old_by_id[w[0]][1], w[1]))
            continue
        pair = None if w[0] else next(((m, o) for m, o in gone if not o[0] and _similar(o[1], w[1])), None)
        if pair:
            gone.remove(pair)
            came.append(Change(CHANGED, _name(what, w, n), pair[1][1], w[1]))
        else:
            came.append(Change(ADDED, _name(what, w, n), None, w[1]))
    return [Change(REMOVED, _name(what, o, n), o[1], None) for n, o in gone] + came


def _similar(old: str, new: str) -> bool:
    """Whether ``new`` reads as an edit of ``old``: most of their words shared, in order."""
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio() >= 0.6


def kept_in_order(ranks: Sequence[int]) -> set[int]:
    """Indexes of a longest increasing run of ``ranks``: the items that did not move.

    Every other item is out of its old order; choosing the longest run makes the fewest moves
    (one task moved to the top is one move, not every other task moved down).
    """
    tails: list[int] = []            # tails[k]: index ending the best run of length k + 1
    tail_ranks: list[int] = []
    previous: list[int | None] = [None] * len(ranks)
    for index, rank in enumerate(ranks):
        k = bisect.bisect_left(tail_ranks, rank)
        previous[index] = tails[k - 1] if k else None
        if k == len(tails):
            tails.append(index)
            tail_ranks.append(rank)
        else:
            tails[k], tail_ranks[k] = index, rank
    kept, index = set(), tails[-1] if tails else None
    while index is not None:
        kept.add(index)
        index = previous[index]
    return kept
