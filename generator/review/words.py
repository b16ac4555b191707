"""Small text helpers shared by the terminal and markdown formats."""
from __future__ import annotations

import difflib
import re

from generator.review.changes import Value

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def show(value: Value) -> str:
    """A value on one line: a cell's paragraphs joined by " / ", nothing for an absent value."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " / ".join(map(str, value))
    return str(value)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters at a word, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] if " " in text[: width - 1] else text[: width - 1]
    return cut.rstrip(",;:") + "…"


def word_diff(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both texts as (piece, differs) runs, so a format can mark just the words that changed.

    Whole words are compared, not characters: Vietnamese words differ by one diacritic, and
    marking a single letter inside a word is harder to read than marking the word. A space or
    a lone punctuation mark between two changed words is part of the change, so "Ủy ban nhân
    dân" → "Sở Xây dựng" is marked as one phrase, not word by word.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    old_runs: list[tuple[str, bool]] = []
    new_runs: list[tuple[str, bool]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        same = op == "equal"
        if a2 > a1:
            old_runs.append(("".join(a[a1:a2]), not same))
        if b2 > b1:
            new_runs.append(("".join(b[b1:b2]), not same))
    return _coalesce(old_runs), _coalesce(new_runs)


def _coalesce(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Absorb a space or lone punctuation between changed runs, then join equal neighbours."""
    marked = [differs or (0 < n < len(runs) - 1 and runs[n - 1][1] and runs[n + 1][1]
                          and len(piece.strip()) <= 1)
              for n, (piece, differs) in enumerate(runs)]
    out: list[tuple[str, bool]] = []
    for (piece, _), differs in zip(runs, marked):
        if out and out[-1][1] == differs:
            out[-1] = (out[-1][0] + piece, differs)
        else:
            out.append((piece, differs))
    return out
