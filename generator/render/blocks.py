"""The blocks every administrative document shares: letterhead, title, closing block.

Layout per Decree 30 (docs/nd30.md): two borderless two-column tables, one at the top
(agency | national title), one at the end (recipients | signature), with drawn rules under
the agency name, the motto and the title.
"""
from __future__ import annotations

import functools
from typing import Hashable, NamedTuple

from generator.plan.emphasis import plain
from generator.plan.model import Plan
from generator.render import ooxml, styles
from generator.render.geometry import (CLOSING_LEFT, CLOSING_RIGHT, LETTERHEAD_LEFT, LETTERHEAD_RIGHT,
                       PORTRAIT, SHORT_RULE, twips)
from generator.render.textwidth import balanced_lines, text_width

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
AGENCY_RULE_SHARE = 0.4
MIN_AGENCY_RULE = twips(15)
DRAFT_NUMBER = " " * 5
TITLE_SIZE = 14
CLOSING_GAP = 12 * 20            # twips between the body's last line and the closing block

# A block's key names it in any version of a plan: ("id", kind, id) is the same item wherever
# it stands, ("text", kind, text) an item without an id, known by its text; any other key (a
# fixed name) is a block every version has at most once. The redline lines two versions up by
# these keys, and the diff keys its lists the same way (review/align.py).
Key = tuple[Hashable, ...]


def item_key(kind: str, item_id: str | None, text: str) -> Key:
    """An item with an id is itself wherever it goes; one without is known by its text."""
    return ("id", kind, item_id) if item_id else ("text", kind, text)


class Block(NamedTuple):
    """Body markup as the renderer writes it, under its key.

    ``parts``: a block of several elements (a section: its heading and paragraphs) as the
    keyed blocks it joins. ``cells``: a one-row table whose cells hold lists (the closing
    block), each cell's paragraphs as keyed blocks. A redline lines these up too.
    """

    key: Key
    markup: str
    parts: tuple["Block", ...] = ()
    cells: tuple[tuple["Block", ...], ...] = ()


def joined(key: Key, parts: list[Block]) -> Block:
    """One block of several, keeping them as its parts."""
    return Block(key, markup_of(parts), tuple(parts))


def markup_of(items) -> str:
    return "".join(b.markup for b in items)


def number_line(plan: Plan) -> str:
    """``Số: 77/QĐ-UBND``; a draft keeps room for the number: ``Số:      /KH-SXD``."""
    document = plan.document
    return f"Số: {'' if document.number else DRAFT_NUMBER}{document.code}"


def place_date(plan: Plan) -> str:
    return f"{plan.issuer.place}, {plan.document.date.long()}"


def _agency(plan: Plan) -> str:
    issuer = plan.issuer
    out = []
    if issuer.parent:
        out.append(ooxml.paragraph_xml(styles.PARENT_AGENCY, issuer.parent))
    out += [ooxml.paragraph_xml(styles.AGENCY, line) for line in issuer.name]
    widest = max(text_width(line, 13, bold=True) for line in issuer.name)
    length = max(int(widest * AGENCY_RULE_SHARE), MIN_AGENCY_RULE)
    out.append(ooxml.rule_xml(styles.RULE, length, LETTERHEAD_LEFT))
    return "".join(out)


def _nation() -> str:
    return (ooxml.paragraph_xml(styles.NATION, NATION) + ooxml.paragraph_xml(styles.MOTTO, MOTTO)
            + ooxml.rule_xml(styles.RULE, text_width(MOTTO, 14, bold=True), LETTERHEAD_RIGHT))


def letterhead(plan: Plan, numbered: bool) -> str:
    """The top table; ``numbered`` adds the row "Số: …" | "<place>, ngày … tháng … năm …"."""
    widths = (LETTERHEAD_LEFT, LETTERHEAD_RIGHT)
    rows = ooxml.row_xml(ooxml.cell_xml(widths[0], _agency(plan), valign="top")
                         + ooxml.cell_xml(widths[1], _nation(), valign="top"))
    if numbered:
        number = ooxml.paragraph_xml(styles.NUMBER, number_line(plan))
        date = ooxml.paragraph_xml(styles.PLACE_DATE, place_date(plan))
        rows += ooxml.row_xml(ooxml.cell_xml(widths[0], number, valign="top")
                              + ooxml.cell_xml(widths[1], date, valign="top"))
    return ooxml.table_xml(widths, rows, borders=False, cell_margin=0)


@functools.lru_cache(maxsize=1024)
def centred(style: str, text: str, bold: bool, available: int) -> str:
    """A centred title paragraph broken into even lines (no word left alone on the last).

    Cached: children repeat their parent's titles, and balancing lines measures every letter.
    """
    lines = balanced_lines(text, TITLE_SIZE, bold, available)
    return ooxml.paragraph_xml(style, "\n".join(lines))


def title(kind: str, text: str, attached: str | None = None) -> list[Block]:
    """ "QUYẾT ĐỊNH" / "KẾ HOẠCH", the trích yếu, the "(Ban hành kèm theo …)" line, a rule."""
    width = PORTRAIT.text_width
    out = [Block(("doc-type",), ooxml.paragraph_xml(styles.DOC_TYPE, kind)),
           Block(("abstract",), centred(styles.ABSTRACT, text, True, width))]
    if attached:
        out.append(Block(("attached",), centred(styles.ATTACHED, attached, False, width)))
    out.append(Block(("title-rule",), ooxml.rule_xml(styles.RULE, SHORT_RULE, width)))
    return out


def _recipients(plan: Plan) -> tuple[Block, ...]:
    heading = Block(("recipients",), ooxml.paragraph_xml(styles.RECIPIENTS_HEADING, "Nơi nhận:"))
    return (heading, *(Block(item_key("recipient", None, r),
                             ooxml.paragraph_xml(styles.RECIPIENT, f"- {r}"))
                       for r in plan.recipients))


def _signature(plan: Plan) -> tuple[Block, ...]:
    lines = [Block(("signer", n), ooxml.paragraph_xml(styles.SIGNER, line.upper()))
             for n, line in enumerate(plan.signature.lines)]
    return (*lines, Block(("signer-name",),
                          ooxml.paragraph_xml(styles.SIGNER_NAME, plan.signature.name)))


def closing(plan: Plan) -> Block:
    """The bottom table: "Nơi nhận:" and the list on the left, the signature on the right."""
    widths = (CLOSING_LEFT, CLOSING_RIGHT)
    left, right = _recipients(plan), _signature(plan)
    cells = (ooxml.cell_xml(widths[0], markup_of(left), valign="top")
             + ooxml.cell_xml(widths[1], markup_of(right), valign="top"))
    table = ooxml.table_xml(widths, ooxml.row_xml(cells), borders=False, cell_margin=0,
                            top_margin=CLOSING_GAP)
    return Block(("closing",), table, cells=(left, right))


def closing_mark(text: str) -> str:
    """The body's last paragraph ends with "./." (after its own full stop, if any), judged
    on the printed text: "…**20.000.000đ.**" ends with a full stop."""
    printed = plain(text)
    if printed.endswith("./."):
        return text
    return f"{text}/." if printed.endswith(".") else f"{text}./."
