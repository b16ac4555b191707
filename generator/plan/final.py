"""The final gate (``--final``): what a valid plan may hold as a draft but not when it is signed.

A draft may keep ``# REVIEW``/``# TODO`` marks, a blank number or day, a signer still to be
named, or be a ``reconstructed`` stand-in; a document sent for signing may not, nor may it
carry a warning the author has not answered (a later deadline with its deadline_reason given
is answered). Each finding
is an error at the line that holds it. Only the plan's own file is searched for marks: its
parent is a document of its own, gated when it is built.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from generator.errors import Pos, Problem
from generator.plan.workspace import LoadedPlan
from generator.tree import Map

# A comment (a # at the start of a line or after a space) that holds an upper-case mark.
MARK = re.compile(r"(?:^|\s)#.*?\b(REVIEW|TODO|FIXME)\b")
# Words of a scaffold's placeholder signer ("CHỨC VỤ NGƯỜI KÝ", "Họ và tên người ký").
SIGNER_PLACEHOLDERS = ("người ký", "họ và tên", "chức vụ", "todo", "…", "...", "xxx")


def final_problems(loaded: LoadedPlan) -> list[Problem]:
    """Everything that keeps ``loaded`` from being signed, in file order."""
    tree = loaded.tree
    found = _marks(loaded.path, loaded.label)
    if tree.get("reconstructed"):
        found.append(Problem(tree.where("reconstructed"),
                             "a reconstructed plan is not a real document: it cannot be final"))
    amendment = tree.get("amendment")
    document = amendment if isinstance(amendment, Map) else tree["document"]
    what = "the amending decision's" if document is amendment else "the document's"
    if not str(document.get("number") or "").strip():
        found.append(Problem(document.where("number"), f"{what} number is blank"))
    if re.fullmatch(r"\d{4}-\d{2}", str(document.get("date") or "")):
        found.append(Problem(document.where("date"), f"{what} day is blank"))
    signature = document.get("signature") if document is amendment else None
    found += _signer(signature if isinstance(signature, Map) else tree["signature"])
    found += [Problem(p.pos, f"{p.message} (--final allows no warnings)", p.task)
              for p in loaded.warnings if not p.answered]
    return sorted(found, key=lambda p: p.pos or Pos("", 0, 0))


def _marks(path: Path, label: str) -> list[Problem]:
    """A REVIEW, TODO or FIXME in a comment of the plan's own file."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = MARK.search(line)
        if m and line[:m.start()].count('"') % 2 == 0:     # not inside a quoted text
            out.append(Problem(Pos(label, number, m.start(1) + 1),
                               f"a # {m[1]} mark is left: resolve it and remove the mark"))
    return out


def _signer(signature: Map) -> list[Problem]:
    out = []
    name = str(signature.get("name") or "")
    if not name.strip():
        out.append(Problem(signature.where("name"), "the signer's name is blank"))
    elif _placeholder(name):
        out.append(Problem(signature.where("name"),
                           f"the signer's name \"{name}\" is a placeholder"))
    lines = signature.get("lines") or []
    for index, line in enumerate(lines):
        if _placeholder(str(line)):
            where = lines.where(index) if hasattr(lines, "where") else signature.where("lines")
            out.append(Problem(where, f"the signature line \"{line}\" is a placeholder"))
    return out


def _placeholder(text: str) -> bool:
    """Placeholder words, in any case: "CHỨC VỤ NGƯỜI KÝ" reads as "chức vụ người ký"."""
    plain = unicodedata.normalize("NFC", text).casefold()
    return any(word in plain for word in SIGNER_PLACEHOLDERS)


__all__ = ["final_problems"]
