"""Warnings, not departures from Decree 30: what a draft may lack but a signed document may not.

A blank "Số:" and a signature with no name (or a scaffold's placeholder signer) are right in a
draft sent round for comment, so ``plangen check`` reports them as warnings that do not change
its exit status; ``plangen validate --final`` refuses them in the plan before it is built.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from generator.check.closing import recipients_block
from generator.check.expect import is_upper, quote
from generator.check.heading import NUMBER
from generator.check.view import Doc, column_count, column_lines, is_empty
from generator.check.reader import w

# Words of a placeholder signer ("CHỨC VỤ NGƯỜI KÝ", "Họ và tên người ký").
PLACEHOLDERS = ("người ký", "họ và tên", "chức vụ")


def check_unsigned(doc: Doc) -> Iterator[str]:
    """unsigned: the header's number is blank, or a signature has no name or a placeholder."""
    first = next((b for b in doc.blocks if not is_empty(b)), None)
    if first is not None and first.tag == w("tbl"):
        for line in column_lines(first, 0):
            match = NUMBER.fullmatch(line.norm)
            if match and not match["n"]:
                yield f"the number is blank ({quote(line.norm)}): a draft, not yet issued"
    for block in doc.blocks:
        hit = recipients_block(block) if block.tag == w("tbl") else None
        if hit:
            yield from _signer(block, hit[0])


def _signer(tbl, recipients: int) -> Iterator[str]:
    lines = [line.norm for col in range(column_count(tbl)) if col != recipients
             for line in column_lines(tbl, col) if line.norm]
    for line in lines:
        plain = unicodedata.normalize("NFC", line).casefold()
        if any(word in plain for word in PLACEHOLDERS):
            yield f"the signature holds the placeholder {quote(line)}"
    if lines and not any(not is_upper(line) and not re.fullmatch(r"[\W\d]*", line)
                         for line in lines):
        yield "the signature has no signer's name under its lines"
