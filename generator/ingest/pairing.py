"""Pair a child's imported items with its parent's by what they say, for an overrides-only child.

The skeleton is ``plangen diff``'s alignment (review/align.py): items whose text is the same
anchor the lists in order; between two anchors an imported item is paired with the parent item
that reads most like it. A task is read as a row (content, deadline, result, note): a child
that keeps a task's deadline but rewords its content is still that task, and of two parent
tasks with the same content the one whose other cells agree wins. A child often shortens a
parent's text, so a text found almost whole inside the other counts as well as one equal to it.
Last, one parent item and one imported item left alone between the same anchors are the same
item if they read even a little alike: that is how a person lines up two versions.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from generator.review.align import SIMILAR, Pair, align, similarity
from generator.review.words import changes

TEXT_KEYS = ("content", "title", "heading", "text")
ROW_KEYS = ("deadline", "result", "note")
ALONE = 0.3            # a lone pair between two anchors reading this much alike is one item


def item_text(item) -> str:
    """What an item says: its content, title, heading or text, else the texts it holds."""
    if not isinstance(item, dict):
        return ""
    for key in TEXT_KEYS:
        value = item.get(key)
        if value:
            return _flat(value)
    inner = [item_text(i) for value in item.values() if isinstance(value, list) for i in value]
    return " ".join(t for t in inner if t)


def _flat(value) -> str:
    text = " ".join(map(str, value)) if isinstance(value, list) else str(value or "")
    return " ".join(text.split())


def _row(item) -> str:
    return " | ".join([item_text(item)] + [_flat(item.get(k)) for k in ROW_KEYS
                                           if isinstance(item, dict)])


def kept(old: list[str], new: list[str]) -> float:
    """The share of the shorter text's words the other keeps, in order (the one word diff)."""
    shorter = min(len(old), len(new))
    same = sum(len(p.old) for p in changes(old, new, joins=lambda word: False) if not p.changed)
    return same / shorter if shorter else 0.0


def score(old, new) -> float:
    """How much two items read alike, 0 to 1: similarity, or a shortened text kept almost whole."""
    a, b = _row(old), _row(new)
    if a == b:
        return 1.0
    ratio = similarity(a, b)
    a_words, b_words = a.split(), b.split()
    shorter = min(len(a_words), len(b_words)) or 1
    if sum((Counter(a_words) & Counter(b_words)).values()) / shorter <= ratio:
        return ratio            # not even the words in common, in any order, would raise it
    return max(ratio, (ratio + kept(a_words, b_words)) / 2)


class _Key:
    """An item's text for the alignment: equal texts anchor, unless the parent repeats it."""

    __slots__ = ("text", "index", "repeated")

    def __init__(self, text: str, index: int, repeated: bool):
        self.text, self.index, self.repeated = text, index, repeated

    def __eq__(self, other) -> bool:
        return (isinstance(other, _Key) and not self.repeated and not other.repeated
                and self.text == other.text)

    def __hash__(self) -> int:
        return hash(self.text)


def pair(old: Sequence, new: Sequence) -> list[Pair]:
    """Every parent (old) and imported (new) item once, paired where they are one item."""
    texts, new_texts = [item_text(i) for i in old], [item_text(i) for i in new]
    twice = {t for t, n in Counter(texts).items() if n > 1}
    old_keys = [_Key(t, n, t in twice) for n, t in enumerate(texts)]
    new_keys = [_Key(t, n, t in twice) for n, t in enumerate(new_texts)]
    scores: dict[tuple[int, int], float] = {}

    def score_of(i: int, j: int) -> float:
        if (i, j) not in scores:
            scores[i, j] = score(old[i], new[j])
        return scores[i, j]

    # Items whose text the other list has (once) anchor; only the others are scored.
    old_set, new_set = set(texts), set(new_texts)
    loose_old = [i for i, t in enumerate(texts) if t in twice or t not in new_set]
    loose_new = [j for j, t in enumerate(new_texts) if t in twice or t not in old_set]
    best = {}
    for j in loose_new:
        ranked = [(score_of(i, j), i) for i in loose_old]
        ranked = [r for r in ranked if r[0] >= SIMILAR]
        if ranked:
            best[j] = max(ranked)[1]      # on a tie the later: a parent lists its own task
                                          # before the same task for the units below it
    pairs = align(old_keys, new_keys, lambda o, n: best.get(n.index) == o.index)
    return _lone_pairs(pairs, score_of)


def _lone_pairs(pairs: list[Pair], score_of) -> list[Pair]:
    """One unpaired old and one unpaired new item between the same two pairs: one item."""
    out: list[Pair] = []
    run: list[Pair] = []
    for p in pairs + [None]:
        if p is not None and (p.old is None or p.new is None):
            run.append(p)
            continue
        olds = [q.old for q in run if q.new is None]
        news = [q.new for q in run if q.old is None]
        if len(olds) == 1 and len(news) == 1 and score_of(olds[0], news[0]) >= ALONE:
            run = [Pair(olds[0], news[0])]
        out += run
        run = []
        if p is not None:
            out.append(p)
    return out
