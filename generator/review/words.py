"""Words: the one word diff (of the text and markdown formats and of the redline's tracked
changes), and small text helpers of the formats."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

from generator.plan.emphasis import plain
from generator.review.changes import Value

T = TypeVar("T")

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def show(value: Value) -> str:
    """A value on one line as printed (emphasis markers left out): a cell's paragraphs joined
    by " / ", nothing for an absent value."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " / ".join(plain(str(v)) for v in value)
    return plain(str(value))


def what(change) -> str:
    """What a change concerns; a change of emphasis alone says so, as its words are equal."""
    same = change.kind == "changed" and show(change.old) == show(change.new)
    return f"{change.what} (emphasis only)" if same else change.what


def shorten(text: str, width: int) -> str:
    """``text`` as printed, cut to ``width`` characters at a word, with "…" when cut."""
    text = " ".join(plain(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] if " " in text[: width - 1] else text[: width - 1]
    return cut.rstrip(",;:") + "…"


@dataclass
class Piece:
    """A stretch of two versions: unchanged (``old`` equals ``new``) or changed."""

    old: list
    new: list
    changed: bool


def words(text: str) -> list[str]:
    """``text`` as words, runs of space and single other characters; joined, the text again."""
    return _TOKEN.findall(text)


def _lone(token: str) -> bool:
    return len(token.strip()) <= 1


def changes(old: Sequence[T], new: Sequence[T], joins: Callable[[T], bool] = _lone) -> list[Piece]:
    """Two token lists (words, or a redline's formatted words) as pieces in reading order.

    The one word diff of ``plangen diff`` and ``plangen redline``. Whole words are compared,
    not characters: Vietnamese words differ by one diacritic, and marking a single letter
    inside a word is harder to read than marking the word. An unchanged token between two
    changes that ``joins`` (a space or a lone punctuation mark) is part of the change, so
    "Ủy ban nhân dân" → "Sở Xây dựng" is one phrase replaced, not word by word.
    """
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    out: list[Piece] = []
    for n, (op, a1, a2, b1, b2) in enumerate(ops):
        between = 0 < n < len(ops) - 1 and a2 - a1 == 1
        if op == "equal" and not (between and joins(old[a1])):
            out.append(Piece(list(old[a1:a2]), list(new[b1:b2]), False))
            continue
        if not out or not out[-1].changed:
            out.append(Piece([], [], True))
        out[-1].old.extend(old[a1:a2])
        out[-1].new.extend(new[b1:b2])
    return out


def word_diff(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both texts as (piece, differs) runs, so a format can mark just the words that changed."""
    pieces = changes(words(old), words(new))
    return _runs((p.old, p.changed) for p in pieces), _runs((p.new, p.changed) for p in pieces)


def _runs(pieces) -> list[tuple[str, bool]]:
    """Non-empty pieces as text, neighbours of one kind joined."""
    out: list[tuple[str, bool]] = []
    for tokens, differs in pieces:
        if not tokens:
            continue
        if out and out[-1][1] == differs:
            out[-1] = (out[-1][0] + "".join(tokens), differs)
        else:
            out.append(("".join(tokens), differs))
    return out
