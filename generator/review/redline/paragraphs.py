"""One paragraph in two versions as one paragraph with word-level tracked changes.

Whole words are compared, not letters: Vietnamese words differ by one diacritic, and a change
inside a word is harder to read than the word struck out and written again. A lone space or
punctuation mark between two changes joins them, so a replaced phrase reads as one deletion
and one insertion rather than word by word. Each run's formatting (its ``w:rPr``) is part of
its words: the same word in another character style counts as changed.
"""
from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass
from itertools import groupby

from lxml import etree

from generator.render import ooxml
from generator.review.redline.marks import DELETED, INSERTED, as_kind, mark

_WORDS = re.compile(r"\s+|\w+|[^\w\s]")
SAME = "same"


@dataclass(frozen=True)
class Token:
    kind: str          # "t" (text), "br" (line break) or "tab"
    text: str
    props: bytes       # the run's w:rPr as serialised, b"" for none


def tokens(paragraph: etree._Element) -> tuple[list[Token], dict[bytes, etree._Element]]:
    """The paragraph's words, breaks and tabs, and the run properties they name."""
    out, props = [], {}
    for run in paragraph.iter(ooxml.qn("w:r")):
        rpr = run.find(ooxml.qn("w:rPr"))
        key = etree.tostring(rpr) if rpr is not None else b""
        props.setdefault(key, rpr)
        for child in run:
            name = etree.QName(child).localname
            if name in ("t", "delText"):
                out += [Token("t", word, key) for word in _WORDS.findall(child.text or "")]
            elif name in ("br", "tab"):
                out.append(Token(name, "", key))
    return out, props


def text_of(paragraph: etree._Element) -> str:
    """The paragraph's text, a line break as a newline (for matching paragraphs by text)."""
    return "".join(t.text if t.kind == "t" else "\n" if t.kind == "br" else "\t"
                   for t in tokens(paragraph)[0])


def diff_paragraph(old: etree._Element, new: etree._Element) -> etree._Element:
    """``new`` with the words that differ from ``old`` as tracked deletions and insertions."""
    old_tokens, old_props = tokens(old)
    new_tokens, new_props = tokens(new)
    if old_tokens == new_tokens:
        return copy.deepcopy(new)
    props = {**old_props, **new_props}
    out = ooxml.el("w:p")
    ppr = new.find(ooxml.qn("w:pPr"))
    if ppr is not None:
        out.append(copy.deepcopy(ppr))
    for status, pieces in changes(old_tokens, new_tokens):
        out.extend(_runs(pieces, status, props))
    return out


def changes(old: list[Token], new: list[Token]) -> list[tuple[str, list[Token]]]:
    """(status, tokens) pieces in reading order: same, or a deletion before its insertion."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    out: list[tuple[str, list[Token]]] = []
    for n, (op, a1, a2, b1, b2) in enumerate(ops):
        if op == "equal" and not _joins(ops, n, old):
            out.append((SAME, new[b1:b2]))
            continue
        if not out or out[-1][0] == SAME:
            out += [(DELETED, []), (INSERTED, [])]
        out[-2][1].extend(old[a1:a2])
        out[-1][1].extend(new[b1:b2])
    return [(status, pieces) for status, pieces in out if pieces]


def _joins(ops, n: int, old: list[Token]) -> bool:
    """An unchanged single space or punctuation mark between two changes belongs to them."""
    op, a1, a2, _, _ = ops[n]
    if not 0 < n < len(ops) - 1 or a2 - a1 != 1:
        return False
    token = old[a1]
    return token.kind == "t" and len(token.text.strip()) <= 1


def _runs(pieces: list[Token], status: str, props: dict) -> list[etree._Element]:
    """Runs for ``pieces``, one per stretch of equal formatting, wrapped in their change."""
    runs = [_run(list(group), props[key]) for key, group in groupby(pieces, lambda t: t.props)]
    if status == SAME:
        return runs
    return [mark(status, *(as_kind(run, status) for run in runs))]


def _run(pieces: list[Token], rpr: etree._Element | None) -> etree._Element:
    run = ooxml.el("w:r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    for kind, group in groupby(pieces, lambda t: t.kind):
        if kind == "t":
            text = ooxml.sub(run, "w:t")
            text.set(f"{{{ooxml.XML_NS}}}space", "preserve")
            text.text = "".join(t.text for t in group)
        else:
            for _ in group:
                ooxml.sub(run, f"w:{kind}")
    return run
