"""Inline emphasis in any text of a plan: ``**bold**``, ``*italic*``, ``__underline__``.

The one reading of the markup (docs/plan-format.md, "Emphasis"): the renderer writes the
spans as runs, validation refuses a span that is never closed, and the diff shows ``plain``.

- ``**`` turns bold on and off, ``*`` italic, ``__`` underline; spans may nest.
- ``\\*``, ``\\_`` and ``\\\\`` are the characters themselves; any other backslash is text.
- A marker with a space (or the end of the text) on both sides is text ("5 * 3"), and so is
  ``__`` between two letters or digits ("ma__so"), so names and ids keep their underscores;
  a single ``_`` is always text.
- A span opened and never closed in the same text is an error; read anyway (the renderer is
  given text no plan validated, such as an amendment's quotation), its marker is text.

Text without ``*``, ``__`` or ``\\`` is one plain span, so existing documents do not change.
"""
from __future__ import annotations

import functools
from typing import NamedTuple

KINDS = {"**": "bold", "*": "italic", "__": "underline"}
ESCAPABLE = "*_\\"
_ESCAPES = {"**": "\\*\\*", "*": "\\*", "__": "\\_\\_"}
_CHARACTERS = {"**": "the asterisks", "*": "an asterisk", "__": "the underscores"}


class Span(NamedTuple):
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


class _Marker(NamedTuple):
    start: int
    mark: str


def marked(text: str) -> bool:
    """Whether ``text`` may hold markup at all (the fast path of every plain text)."""
    return "*" in text or "__" in text or "\\" in text


def _tokens(text: str) -> list[str | _Marker]:
    """Literal characters and markers, in order; escapes already resolved."""
    out: list[str | _Marker] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in ESCAPABLE:
            out.append(text[i + 1])
            i += 2
            continue
        mark = "**" if text.startswith("**", i) else "*" if c == "*" else \
            "__" if text.startswith("__", i) else None
        if mark is None or _is_text(text, i, i + len(mark), mark):
            out.append(mark or c)
            i += len(mark or c)
            continue
        out.append(_Marker(i, mark))
        i += len(mark)
    return out


def _is_text(text: str, start: int, end: int, mark: str) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isspace() and after.isspace():
        return True
    return mark == "__" and before.isalnum() and after.isalnum()


def _unclosed(tokens: list[str | _Marker]) -> list[_Marker]:
    """The markers that open a span no later marker of their kind closes."""
    open_: dict[str, _Marker] = {}
    for token in tokens:
        if isinstance(token, _Marker):
            if token.mark in open_:
                del open_[token.mark]
            else:
                open_[token.mark] = token
    return sorted(open_.values())


@functools.lru_cache(maxsize=4096)
def spans(text: str) -> tuple[Span, ...]:
    """``text`` as spans of one formatting each, markers and escapes resolved; "" → ()."""
    if not marked(text):
        return (Span(text),) if text else ()
    tokens = _tokens(text)
    loose = set(_unclosed(tokens))
    state = dict.fromkeys(KINDS.values(), False)
    out: list[Span] = []
    chars: list[str] = []

    def flush() -> None:
        if chars:
            out.append(Span("".join(chars), **state))
            chars.clear()

    for token in tokens:
        if isinstance(token, _Marker) and token not in loose:
            flush()
            state[KINDS[token.mark]] = not state[KINDS[token.mark]]
        else:
            chars.append(token.mark if isinstance(token, _Marker) else token)
    flush()
    return tuple(out)


def plain(text: str) -> str:
    """``text`` as printed, without markers: what ``plangen text`` and ``diff`` show."""
    return "".join(s.text for s in spans(text)) if marked(text) else text


def problem(text: str) -> str | None:
    """Why ``text`` cannot be read as emphasis (its first unclosed span), or None."""
    if not marked(text):
        return None
    loose = _unclosed(_tokens(text))
    if not loose:
        return None
    start, mark = loose[0]
    escaped = _ESCAPES[mark]
    return (f"{KINDS[mark]} '{mark}' at character {start + 1} is never closed: end it with "
            f"'{mark}', or write {escaped} to print {_CHARACTERS[mark]} "
            f"({escaped.replace(chr(92), chr(92) * 2)} inside double quotes)")


def escaped_chars(text: str) -> list[str]:
    """Each character of ``text`` as written so that it prints as itself (see escape)."""
    out: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c == "\\":
            out.append("\\\\" if i + 1 < n and text[i + 1] in ESCAPABLE else c)
        elif c == "*":
            out.append(c if _is_text(text, i, i + 1, c) else "\\*")
        elif c == "_":
            end = i
            while end < n and text[end] == "_":
                end += 1
            alone = end - i == 1 or (end - i == 2 and _is_text(text, i, end, "__"))
            out += ["_" if alone else "\\_"] * (end - i)
            i = end
            continue
        else:
            out.append(c)
        i += 1
    return out


def escape(text: str) -> str:
    """``text`` written so that it prints as itself: a backslash before each ``*``, ``_`` or
    ``\\`` the reading above would take as markup or as an escape; other text is unchanged
    (``5 * 3``, ``van_phong``, ``C:\\data``), so ids and plain names read as before."""
    return "".join(escaped_chars(text)) if marked(text) else text
