"""One paragraph in two versions as one paragraph with word-level tracked changes.

The words are compared by the diff's own word diff (review/words.py), so a redline and
``plangen diff`` mark the same words. Each run's formatting (its ``w:rPr``) is part of its
words: the same word in another character style counts as changed, and so a change of
emphasis alone (``**…**`` in the plan, plan/emphasis.py) shows as its words deleted and
inserted again in their new formatting.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from itertools import groupby

from lxml import etree

from generator.render import ooxml
from generator.review.redline.marks import DELETED, INSERTED, as_kind, mark
from generator.review.words import changes, words


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
                out += [Token("t", word, key) for word in words(child.text or "")]
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
    for piece in changes(old_tokens, new_tokens, _joins):
        if not piece.changed:
            out.extend(_runs(piece.new, props))
            continue
        for kind, side in ((DELETED, piece.old), (INSERTED, piece.new)):
            if side:
                out.append(mark(kind, *(as_kind(run, kind) for run in _runs(side, props))))
    return out


def _joins(token: Token) -> bool:
    """A space or a lone punctuation mark (never a break or a tab) may join two changes."""
    return token.kind == "t" and len(token.text.strip()) <= 1


def _runs(pieces: list[Token], props: dict) -> list[etree._Element]:
    """Runs for ``pieces``, one per stretch of equal formatting."""
    return [_run(list(group), props[key]) for key, group in groupby(pieces, lambda t: t.props)]


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
