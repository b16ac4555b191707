"""Rules for the text of a decision or plan: legal bases, body paragraphs, the closing "./."."""
from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from generator.check.expect import alignment, is_upper, look, pt, quote
from generator.check.formatting import ParaFormat
from generator.check.view import Doc, Part, is_empty, table_lines, text, whole
from generator.check.reader import w

BODY_MIN_CHARS = 40
CM = 1440 / 2.54                     # twips per centimetre
INDENTS_CM = (1.0, 1.27)
INDENT_TOLERANCE_CM = 0.05
MIN_GAP = 120                        # 6 pt, in twips
ARTICLE_OR_SECTION = re.compile(r"(?:Điều 1\.|[IVXLC]+\.)(?:\s|$)")
AUTHORITY = re.compile(r"(?:TM|KT|Q|TL|TUQ)\.\s")


def prose_parts(doc: Doc) -> list[Part]:
    """Parts written as running text: decisions and plans, not appendices."""
    return [part for part in doc.parts if part.kind != "appendix"]


def check_legal_bases(doc: Doc) -> Iterator[str]:
    """legal-bases: "Căn cứ …" paragraphs before "Điều 1." or "I." are italic 13–14 pt.

    A decision must cite its legal bases, so one without any is reported; a plan may have
    none (it is attached to a decision) or word them "Thực hiện …", so its absence is not.
    """
    for part in prose_parts(doc):
        found = 0
        for _, p in doc.paragraphs(part.marker, part.end):
            t = text(p)
            if ARTICLE_OR_SECTION.match(t):
                break
            if t.startswith("Căn cứ"):
                found += 1
                yield from look(doc, whole(p), f"legal basis {quote(t)}", italic=True,
                                size=(13, 14))
        if not found and part.kind == "decision":
            yield f"{part.label} has no legal basis paragraph ('Căn cứ …') before 'Điều 1.'"


def check_body(doc: Doc) -> Iterator[str]:
    """body: running text is 13–14 pt, justified, first line indented 1 or 1.27 cm,
    at least 6 pt between paragraphs, line spacing from single to 1.5 lines.

    Running text is a top-level paragraph of at least 40 characters that is not centred or
    right-aligned (those are titles and signature lines). Findings are grouped by problem.
    """
    groups: dict[str, list[str]] = {}
    seen = 0
    for part in prose_parts(doc):
        for _, p in doc.paragraphs(part.start, part.end):
            t = text(p)
            if len(t) < BODY_MIN_CHARS or doc.para_format(p).align in ("center", "right"):
                continue
            seen += 1
            for problem in _body_problems(doc, p):
                groups.setdefault(problem, []).append(t)
    if not seen:
        yield (f"no body paragraph found (running text of {BODY_MIN_CHARS} or more characters, "
               f"not centred)")
    for problem, texts in groups.items():
        yield f"{len(texts)} body paragraph(s) {problem}, first {quote(texts[0])}"


def _body_problems(doc: Doc, p: etree._Element) -> Iterator[str]:
    pf = doc.para_format(p)
    sizes = [f.size for _, f in doc.formats(whole(p))] or [10.0]
    wrong = sorted({s for s in sizes if not 13 <= s <= 14})
    if wrong:
        yield f"are {'/'.join(map(pt, wrong))} pt, expected 13–14 pt"
    if pf.align != "both":
        yield f"are {alignment(pf.align)}, expected justified"
    indent = _indent_cm(pf, max(sizes))
    if not any(abs(indent - target) <= INDENT_TOLERANCE_CM for target in INDENTS_CM):
        yield f"have a first-line indent of {indent:.2f} cm, expected 1 cm or 1.27 cm"
    if pf.contextual:
        yield "have their spacing removed by w:contextualSpacing, expected at least 6 pt"
    elif not pf.auto_spacing and max(pf.before, pf.after) < MIN_GAP:
        yield (f"have {pt(pf.before / 20)} pt before and {pt(pf.after / 20)} pt after, "
               f"expected at least 6 pt between paragraphs")
    problem = _line_spacing(pf, max(sizes))
    if problem:
        yield problem


def _indent_cm(pf: ParaFormat, size: float) -> float:
    """First-line indent in cm; an indent in characters is read at the text's font size."""
    if pf.first_line_chars is not None:
        return pf.first_line_chars / 100 * size * 20 / CM
    return (pf.first_line or 0) / CM


def _line_spacing(pf: ParaFormat, size: float) -> str | None:
    """Between single and 1.5 lines; an exact spacing is judged against the font size.

    Word's "single" for Times New Roman is about 1.15 × the font size, so exact spacing is
    accepted from the font size up to 1.5 × 1.15 × the font size.
    """
    if pf.line is None:
        return None
    if pf.line_rule == "auto":
        lines = pf.line / 240
        if not 0.99 <= lines <= 1.51:
            return f"have line spacing of {lines:.2f} lines, expected single to 1.5 lines"
        return None
    points, most = pf.line / 20, size * 1.5 * 1.15
    too_small = pf.line_rule == "exact" and points < size
    if too_small or points > most:
        return (f"have line spacing {pf.line_rule} {pt(points)} pt, expected "
                f"{pt(size)}–{most:.1f} pt for {pt(size)} pt text")
    return None


def check_end_mark(doc: Doc) -> Iterator[str]:
    """end-mark: the last body paragraph of each decision or plan ends with "./."."""
    for part in prose_parts(doc):
        last = last_body_paragraph(doc, part)
        if last is None:
            yield f"{part.label} has no body paragraph to end with './.'"
            continue
        t = text(last)
        if not t.endswith("./."):
            tail = t if len(t) <= 50 else "…" + t[-49:]
            yield f"the last body paragraph of {part.label} does not end with './.': '{tail}'"


def last_body_paragraph(doc: Doc, part: Part) -> etree._Element | None:
    """The last running-text paragraph before the part's closing block.

    The closing block starts at the first table holding "Nơi nhận" or an authority line
    ("TM.", "KT." …), or at a "Nơi nhận" paragraph. Centred, right-aligned and all-capital
    paragraphs are signature lines or headings, not running text.
    """
    stop = closing_start(doc, part)
    candidates = [p for _, p in doc.paragraphs(part.marker + 1, stop)
                  if not is_empty(p) and doc.para_format(p).align not in ("center", "right")
                  and not is_upper(text(p))]
    return candidates[-1] if candidates else None


def closing_start(doc: Doc, part: Part) -> int:
    for i in range(part.marker + 1, part.end):
        block = doc.blocks[i]
        if block.tag == w("p") and text(block).startswith("Nơi nhận"):
            return i
        if block.tag == w("tbl") and any(
                line.norm.startswith("Nơi nhận") or AUTHORITY.match(line.norm)
                for line in table_lines(block)):
            return i
    return part.end
