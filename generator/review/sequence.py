"""Differences between two lists of texts, in document order.

Items with an id (paragraphs, articles) are matched by id, as inheritance matches them, so an
edited paragraph shows as changed rather than as one removed and one added; items without
an id (legal bases, recipients) are matched by text, and an unmatched old text facing a
similar unmatched new one at the same place is shown as a change of that text. The lists are
keyed and lined up as the redline lines up the rendered blocks (align.py), so the two agree.
"""
from __future__ import annotations

import bisect
from typing import Sequence

from generator.render.blocks import item_key
from generator.review.align import align
from generator.review.changes import ADDED, CHANGED, MOVED, REMOVED, Change

Item = tuple[str | None, str]          # (id or None, text)


def list_changes(old: Sequence[Item], new: Sequence[Item], what: str) -> list[Change]:
    """Each added, removed, changed or moved item; ``what`` names the list ("preamble")."""
    pairs = align([item_key(what, *i) for i in old], [item_key(what, *i) for i in new])
    out: list[Change] = []
    for i, j, moved in pairs:
        if i is None:
            out.append(Change(ADDED, _name(what, new[j], j), None, new[j][1]))
        elif j is None:
            out.append(Change(REMOVED, _name(what, old[i], i), old[i][1], None))
        elif moved or old[i][1] != new[j][1]:
            out.append(Change(MOVED if moved else CHANGED, _name(what, new[j], j), old[i][1], new[j][1]))
    return out


def _name(what: str, item: Item, index: int) -> str:
    return f"{what} {item[0]}" if item[0] else f"{what} {index + 1}"


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
