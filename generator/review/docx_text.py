"""A DOCX as plain text, one line per paragraph and per table row, for ``git diff``.

Git shows nothing useful for a binary DOCX; with ``plangen text`` as its textconv filter it
diffs this text instead. The text must be stable (the same document always gives the same
text, whatever the zip's timestamps or the XML's attribute order) and keep the shape a
reviewer recognises: body paragraphs in order, each table row on one line with its cells
joined by " | " and a cell's paragraphs by " / ".

It reads the XML under python-docx's objects because python-docx's ``Paragraph.text`` skips
runs inside tracked insertions (``w:ins``), and a redline should read as its accepted text:
inserted runs are kept, deleted (``w:delText``) and moved-away runs left out.
"""
from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from generator.errors import UsageProblem

_P, _TBL, _SDT, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")
_RUN_TEXT = ".//w:r[not(ancestor::w:moveFrom)]/*[self::w:t or self::w:tab or self::w:br " \
            "or self::w:cr or self::w:noBreakHyphen or self::w:softHyphen]"
_CHARS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-",
          qn("w:softHyphen"): ""}


class DocxTextError(UsageProblem):
    """The file is not a readable DOCX."""


def docx_text(source: Path | str | bytes) -> str:
    """The text of the DOCX at ``source`` (a path or the file's bytes)."""
    name = "the document" if isinstance(source, bytes) else str(source)
    try:
        document = docx.Document(BytesIO(source) if isinstance(source, bytes) else str(source))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise DocxTextError(f"{name}: not a DOCX file ({e})") from None
    lines: list[str] = []
    _blocks(document.element.body, lines)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


def _blocks(container, lines: list[str]) -> None:
    """Paragraphs and tables directly in ``container``, in order; content controls opened."""
    for child in container.iterchildren():
        if child.tag == _P:
            text = paragraph_text(child)
            if text.strip():
                lines.append(text)
        elif child.tag == _TBL:
            lines += ["", *table_rows(child), ""]
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _blocks(content, lines)


def paragraph_text(p) -> str:
    """The paragraph's visible text: tabs as tabs, line breaks as newlines."""
    return "".join(_CHARS.get(e.tag, e.text or "") for e in p.xpath(_RUN_TEXT)).rstrip()


def table_rows(tbl) -> list[str]:
    """One line per row with text: cells joined by " | "."""
    rows = []
    for tr in tbl.iterchildren(_TR):
        cells = [cell_text(tc) for tc in tr.iterchildren(_TC)]
        if any(cells):
            rows.append(" | ".join(cells).rstrip())   # no trailing blank for git to flag
    return rows


def cell_text(tc) -> str:
    """The cell's paragraphs joined by " / "; the lower parts of a vertical merge are empty."""
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
        return ""
    parts: list[str] = []
    for child in tc.iterchildren():
        if child.tag == _P:
            parts.append(paragraph_text(child))
        elif child.tag == _TBL:
            parts += table_rows(child)
    texts = [" ".join(p.replace("\t", " ").split("\n")).strip() for p in parts]
    return " / ".join(t for t in texts if t)
