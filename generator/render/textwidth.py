"""How wide a line of Times New Roman is, to draw rules as long as the text above them.

Decree 30 wants the rule under the motto as long as the motto and the one under the agency
name a third to a half of it. A paragraph border spans the paragraph, so the renderer indents
the rule paragraph by the measured slack. Widths are the standard Times AFM advances (the
metrics Liberation Serif copies); Vietnamese letters measure as their base letter.
"""
from __future__ import annotations

import unicodedata

_ASCII = "".join(chr(c) for c in range(32, 127))

_REGULAR = (
    "250 333 408 500 500 833 778 333 333 333 500 564 250 333 250 278 500 500 500 500 500 500 "
    "500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 "
    "611 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 "
    "500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 "
    "500 500 444 480 200 480 541"
)
_BOLD = (
    "250 333 555 500 500 1000 833 333 333 333 500 570 250 333 250 278 500 500 500 500 500 500 "
    "500 500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 "
    "667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 "
    "556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 "
    "500 500 444 394 220 394 520"
)
_WIDTHS = {
    False: dict(zip(_ASCII, map(int, _REGULAR.split()))),
    True: dict(zip(_ASCII, map(int, _BOLD.split()))),
}
_FALLBACK = 500
_BASE = {"Đ": "D", "đ": "d", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'"}


def _base_letter(char: str) -> str:
    if char in _BASE:
        return _BASE[char]
    return unicodedata.normalize("NFD", char)[0]


def text_width(text: str, size_pt: float, bold: bool = False) -> int:
    """The advance width of ``text`` on one line, in twips."""
    table = _WIDTHS[bold]
    units = sum(table.get(_base_letter(c), _FALLBACK) for c in text)
    return round(units * size_pt * 20 / 1000)


SAFETY = 0.92    # the estimate may be a little short; never let a balanced line wrap again


def _greedy(words: list[str], widths: list[int], space: int, limit: int) -> list[list[str]]:
    lines, current, used = [], [], 0
    for word, width in zip(words, widths):
        extra = width if not current else used + space + width
        if current and extra > limit:
            lines.append(current)
            current, used = [word], width
        else:
            current.append(word)
            used = extra
    return lines + [current] if current else lines


def balanced_lines(text: str, size_pt: float, bold: bool, available: int) -> list[str]:
    """``text`` broken into as few lines as fit ``available`` twips, all about as long.

    Centred titles wrapped by the word processor leave a word or two alone on the last line;
    a clerk breaks such a title by hand into even lines, and so does this.
    """
    limit = int(available * SAFETY)
    words = text.split(" ")
    widths = [text_width(word, size_pt, bold) for word in words]
    space = text_width(" ", size_pt, bold)
    count = len(_greedy(words, widths, space, limit))
    if count <= 1 or max(widths) > limit:
        return [text]
    low, high = max(max(widths), text_width(text, size_pt, bold) // count), limit
    while low < high:
        middle = (low + high) // 2
        if len(_greedy(words, widths, space, middle)) <= count:
            high = middle
        else:
            low = middle + 1
    return [" ".join(line) for line in _greedy(words, widths, space, low)]
