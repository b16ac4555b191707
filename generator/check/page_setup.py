"""Page rules: A4 paper, the decree's margins, and page numbering."""
from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from generator.check.expect import alignment, quote
from generator.check.formatting import on, twips
from generator.check.view import Doc, Section, first_line, is_empty
from generator.check.reader import R_NS, w

A4 = (11906, 16838)            # twips, portrait
A4_TOLERANCE = 20
MM = 1440 / 25.4               # twips per millimetre
MM_TOLERANCE = 0.1
PORTRAIT = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
# A landscape page may keep the portrait numbers, or carry them rotated with the paper, the
# 30–35 mm binding margin then on the top or the bottom edge. Word and LibreOffice do either.
ROTATED = ({"top": (30, 35), "bottom": (15, 20), "left": (20, 25), "right": (20, 25)},
           {"top": (15, 20), "bottom": (30, 35), "left": (20, 25), "right": (20, 25)})
PAGE_FIELD = re.compile(r"\bPAGE\b")


def check_page(doc: Doc) -> Iterator[str]:
    """page: every section is A4 (either way round) with the decree's margins."""
    if not doc.sections:
        yield "no section properties (w:sectPr) found, so page size and margins are unknown"
    for section in doc.sections:
        yield from _paper(section)
        yield from _margins(section)


def page_size(section: Section) -> tuple[int, int] | None:
    size = section.props.find(w("pgSz"))
    if size is None:
        return None
    width, height = twips(size.get(w("w"))), twips(size.get(w("h")))
    return (width, height) if width and height else None


def is_landscape(section: Section) -> bool:
    size = page_size(section)
    return size is not None and size[0] > size[1]


def _paper(section: Section) -> Iterator[str]:
    size = page_size(section)
    if size is None:
        yield f"section {section.number} has no readable page size (w:pgSz)"
        return
    width, height = size
    if not any(abs(width - a) <= A4_TOLERANCE and abs(height - b) <= A4_TOLERANCE
               for a, b in (A4, A4[::-1])):
        yield (f"section {section.number}: page {_mm(width)} × {_mm(height)} mm is not A4 "
               f"(210 × 297 mm)")
    orient = section.props.find(w("pgSz")).get(w("orient"), "portrait")
    if (orient == "landscape") != (width > height):
        yield (f"section {section.number}: w:orient says {orient} but the page is "
               f"{_mm(width)} × {_mm(height)} mm; set both orientation and size")


def _margins(section: Section) -> Iterator[str]:
    margins = section.props.find(w("pgMar"))
    if margins is None:
        yield f"section {section.number} has no page margins (w:pgMar)"
        return
    values = {side: twips(margins.get(w(side))) for side in PORTRAIT}
    mm = {side: abs(v) / MM if v is not None else None for side, v in values.items()}
    wrong = _misses(mm, PORTRAIT)
    if not wrong:
        return
    if is_landscape(section):
        if any(not _misses(mm, rotated) for rotated in ROTATED):
            return
        wrong[-1] += " (for landscape, the same margins rotated with the page are accepted too)"
    yield f"section {section.number}: " + "; ".join(wrong)


def _misses(mm: dict[str, float | None], expected: dict[str, tuple[int, int]]) -> list[str]:
    out = []
    for side, (lo, hi) in expected.items():
        value = mm[side]
        if value is None:
            out.append(f"{side} margin missing, expected {lo}–{hi} mm")
        elif not lo - MM_TOLERANCE <= value <= hi + MM_TOLERANCE:
            out.append(f"{side} margin {_mm(value * MM)} mm, expected {lo}–{hi} mm")
    return out


def _mm(value_twips: float) -> str:
    return f"{round(value_twips / MM, 1):g}"


# --- page numbers -----------------------------------------------------------------------------

def check_page_numbers(doc: Doc) -> Iterator[str]:
    """page-numbers: a centred PAGE field in a header, none on page 1, appendices from 1."""
    numbered = {name: ps for name, ps in ((n, page_paragraphs(doc.pkg.headers[n]))
                                          for n in _used_headers(doc)) if ps}
    if not numbered:
        in_footer = any(page_paragraphs(root) for root in doc.pkg.footers.values())
        yield "no header holds a PAGE field" + (
            " (it is in a footer; the decree centres page numbers in the top margin)"
            if in_footer else "")
        return
    for name, paragraphs in sorted(numbered.items()):
        for p in paragraphs:
            align = doc.para_format(p).align
            if align != "center":
                yield f"{name}: the page number is {alignment(align)}, expected centred"
    yield from _first_page(doc, numbered)
    yield from _appendix_restart(doc)


def page_paragraphs(root: etree._Element) -> list[etree._Element]:
    """Paragraphs of a header or footer that hold a PAGE field (simple or complex)."""
    out = []
    for p in root.iter(w("p")):
        codes = [f.get(w("instr"), "") for f in p.findall(f".//{w('fldSimple')}")]
        codes.append("".join(t.text or "" for t in p.findall(f".//{w('instrText')}")))
        if any(PAGE_FIELD.search(code) for code in codes):
            out.append(p)
    return out


def header_refs(doc: Doc, section: Section) -> dict[str, str]:
    """Header type ("default", "first", "even") -> part name, for one section."""
    out = {}
    for ref in section.props.findall(w("headerReference")):
        part = doc.pkg.rels.get(ref.get(f"{{{R_NS}}}id", ""))
        if part in doc.pkg.headers:
            out[ref.get(w("type"), "default")] = part
    return out


def _used_headers(doc: Doc) -> list[str]:
    return sorted({part for s in doc.sections for part in header_refs(doc, s).values()})


def _first_page(doc: Doc, numbered: dict) -> Iterator[str]:
    first = doc.sections[0]
    if not on(first.props.find(w("titlePg"))):
        yield "section 1 has no w:titlePg, so the first page shows its number"
    elif header_refs(doc, first).get("first") in numbered:
        yield "the first-page header of section 1 holds a PAGE field, so page 1 is numbered"


def _appendix_restart(doc: Doc) -> Iterator[str]:
    """Each appendix must open a section that restarts at 1 (not checked in one-section files)."""
    if len(doc.sections) < 2:
        return
    for part in (p for p in doc.parts if p.kind == "appendix"):
        section = doc.section_of(part.marker)
        first = next((i for i in range(section.start, section.end)
                      if not is_empty(doc.blocks[i])), None)
        mark = quote(first_line(doc.blocks[part.marker]).norm)
        if first is None or not part.start <= first <= part.marker:
            yield f"appendix {mark} does not open a section, so its pages cannot restart at 1"
            continue
        numbering = section.props.find(w("pgNumType"))
        if numbering is None or numbering.get(w("start")) != "1":
            yield (f"section {section.number} (appendix {mark}) does not restart page "
                   f"numbering at 1 (w:pgNumType w:start=\"1\")")
