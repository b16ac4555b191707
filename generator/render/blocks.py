"""The blocks every administrative document shares: letterhead, title, closing block.

Layout per Decree 30 (docs/nd30.md): two borderless two-column tables, one at the top
(agency | national title), one at the end (recipients | signature), with drawn rules under
the agency name, the motto and the title.
"""
from __future__ import annotations

from lxml import etree

from ..model import Plan
from . import ooxml, styles
from .geometry import (CLOSING_LEFT, CLOSING_RIGHT, LETTERHEAD_LEFT, LETTERHEAD_RIGHT,
                       PORTRAIT, SHORT_RULE, twips)
from .textwidth import balanced_lines, text_width

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
AGENCY_RULE_SHARE = 0.4
MIN_AGENCY_RULE = twips(15)
DRAFT_NUMBER = " " * 5
TITLE_SIZE = 14
CLOSING_GAP = 12 * 20            # twips between the body's last line and the closing block


def number_line(plan: Plan) -> str:
    """``Số: 77/QĐ-UBND``; a draft keeps room for the number: ``Số:      /KH-SXD``."""
    document = plan.document
    return f"Số: {'' if document.number else DRAFT_NUMBER}{document.code}"


def place_date(plan: Plan) -> str:
    return f"{plan.issuer.place}, {plan.document.date.long()}"


def _agency(plan: Plan) -> list[etree._Element]:
    issuer = plan.issuer
    out = []
    if issuer.parent:
        out.append(ooxml.paragraph(styles.PARENT_AGENCY, issuer.parent))
    out += [ooxml.paragraph(styles.AGENCY, line) for line in issuer.name]
    widest = max(text_width(line, 13, bold=True) for line in issuer.name)
    length = max(int(widest * AGENCY_RULE_SHARE), MIN_AGENCY_RULE)
    out.append(ooxml.rule(styles.RULE, length, LETTERHEAD_LEFT))
    return out


def _nation() -> list[etree._Element]:
    return [ooxml.paragraph(styles.NATION, NATION),
            ooxml.paragraph(styles.MOTTO, MOTTO),
            ooxml.rule(styles.RULE, text_width(MOTTO, 14, bold=True), LETTERHEAD_RIGHT)]


def letterhead(plan: Plan, numbered: bool) -> etree._Element:
    """The top table; ``numbered`` adds the row "Số: …" | "<place>, ngày … tháng … năm …"."""
    widths = (LETTERHEAD_LEFT, LETTERHEAD_RIGHT)
    rows = [ooxml.row([ooxml.cell(widths[0], _agency(plan), valign="top"),
                       ooxml.cell(widths[1], _nation(), valign="top")])]
    if numbered:
        rows.append(ooxml.row([
            ooxml.cell(widths[0], [ooxml.paragraph(styles.NUMBER, number_line(plan))], valign="top"),
            ooxml.cell(widths[1], [ooxml.paragraph(styles.PLACE_DATE, place_date(plan))],
                       valign="top"),
        ]))
    return ooxml.table(widths, rows, borders=False, cell_margin=0)


def centred(style: str, text: str, bold: bool, available: int) -> etree._Element:
    """A centred title paragraph broken into even lines (no word left alone on the last)."""
    lines = balanced_lines(text, TITLE_SIZE, bold, available)
    return ooxml.paragraph(style, "\n".join(lines))


def title(kind: str, text: str, attached: str | None = None) -> list[etree._Element]:
    """ "QUYẾT ĐỊNH" / "KẾ HOẠCH", the trích yếu, the "(Ban hành kèm theo …)" line, a rule."""
    width = PORTRAIT.text_width
    out = [ooxml.paragraph(styles.DOC_TYPE, kind), centred(styles.ABSTRACT, text, True, width)]
    if attached:
        out.append(centred(styles.ATTACHED, attached, False, width))
    out.append(ooxml.rule(styles.RULE, SHORT_RULE, width))
    return out


def _recipients(plan: Plan) -> list[etree._Element]:
    out = [ooxml.paragraph(styles.RECIPIENTS_HEADING, "Nơi nhận:")]
    out += [ooxml.paragraph(styles.RECIPIENT, f"- {r}") for r in plan.recipients]
    return out


def _signature(plan: Plan) -> list[etree._Element]:
    out = [ooxml.paragraph(styles.SIGNER, line.upper()) for line in plan.signature.lines]
    out.append(ooxml.paragraph(styles.SIGNER_NAME, plan.signature.name))
    return out


def closing(plan: Plan) -> etree._Element:
    """The bottom table: "Nơi nhận:" and the list on the left, the signature on the right."""
    widths = (CLOSING_LEFT, CLOSING_RIGHT)
    cells = [ooxml.cell(widths[0], _recipients(plan), valign="top"),
             ooxml.cell(widths[1], _signature(plan), valign="top")]
    return ooxml.table(widths, [ooxml.row(cells)], borders=False, cell_margin=0,
                       top_margin=CLOSING_GAP)


def closing_mark(text: str) -> str:
    """The body's last paragraph ends with "./." (after its own full stop, if any)."""
    if text.endswith("./."):
        return text
    return f"{text}/." if text.endswith(".") else f"{text}./."
