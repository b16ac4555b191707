"""The amendment decision as a DOCX, built from the renderer's own pieces.

The decision is the NEW plan's letterhead, title block and closing with the amending
decision's number, date and signer put in (a copy of the typed plan with those replaced), and
Article 1 worded from the diff (clauses.py). When many rows changed, the attached "Phụ lục
sửa đổi, bổ sung" repeats them in the plan's own table layout, landscape, with a last column
saying what changed in each.
"""
from __future__ import annotations

from generator.plan.dates import DocDate
from generator.plan.identity import DOC_TYPE_NAMES
from generator.plan.model import (Amendment, Appendix, Column, Document, Group, Layout, Part, Plan,
                                  Task)
from generator.plan.to_model import citation, lower_first
from generator.record import replace
from generator.render import appendix, blocks, ooxml, styles
from generator.render.blocks import Block, markup_of
from generator.render.compose import DocumentSection, render_sections
from generator.render.geometry import LANDSCAPE, PORTRAIT
from generator.review.amend.clauses import Wording

CHANGE_COLUMN = Column("amended", "Nội dung sửa đổi, bổ sung", 36)
WIDE_MM = 20          # columns at least this wide give up room for CHANGE_COLUMN
LETTERS = "abcdđeghiklmnopqrstuvxy"


def amended_document(old: Plan) -> str:
    """``Kế hoạch … ban hành kèm theo Quyết định số 77/QĐ-UBND ngày … của …`` (or the plan's
    own number when it was issued alone)."""
    doc = old.document
    if old.decision is not None:
        return (f"Kế hoạch {lower_first(old.plan.title)} ban hành kèm theo {doc.type_name} số "
                f"{doc.code} {doc.date.long()} của {old.issuer.full}")
    return (f"Kế hoạch số {doc.code} {doc.date.long()} của {old.issuer.full} về "
            f"{lower_first(old.plan.title)}")


def amending_plan(old: Plan, new: Plan, amendment: Amendment) -> Plan:
    """NEW with the amending decision's identity: number, date, signer and recipients."""
    document = Document(amendment.number, "QĐ", DOC_TYPE_NAMES["QĐ"], amendment.code, amendment.date)
    return replace(new, document=document,
                   signature=amendment.signature or new.signature,
                   recipients=amendment.recipients if amendment.recipients is not None
                   else new.recipients)


def draft_amendment(new: Plan) -> Amendment:
    """The amendment of a plan without an ``amendment:`` block: blank number, day and month in
    the plan's year (never the clock's, so the same plans give the same draft)."""
    return Amendment(number="", code=f"/QĐ-{new.issuer.abbr}", date=DocDate(new.year, None),
                     authority=None, bases=(), proposal=None, signature=None, recipients=None)


def _body(text: str, label: str = "") -> str:
    runs = ooxml.run_xml(label, char_style=styles.ARTICLE_LABEL) + ooxml.run_xml(f" {text}") \
        if label else ooxml.run_xml(text)
    return ooxml.paragraph_xml(styles.BODY, runs=runs)


def _authority(old: Plan, new: Plan, amendment: Amendment) -> str:
    """Who decides: the block's, else the plan decision's, else the head of the issuer."""
    if amendment.authority:
        return amendment.authority
    for decision in (new.decision, old.decision):
        if decision is not None:
            return decision.authority
    return f"THỦ TRƯỞNG {new.issuer.full.upper()}"


def _executors(old: Plan) -> str:
    """The original decision's article on who executes it, or the usual wording."""
    if old.decision is not None:
        last = old.decision.articles[-1].text
        if "thi hành" in last:
            return last.replace("quyết định này", "Quyết định này")
    return "Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này."


def decision_blocks(old: Plan, new: Plan, amendment: Amendment, wording: Wording) -> list[Block]:
    """Letterhead, title, authority, bases (the amended decision first, then the amendments
    NEW records as issued), "QUYẾT ĐỊNH:",
    Article 1 with its numbered items and lettered clauses, the closing articles, closing."""
    plan = amending_plan(old, new, amendment)
    amended = amended_document(old)
    doc = old.document
    about = (lower_first(old.decision.title) if old.decision is not None
             else f"về việc {lower_first(old.plan.title)}")
    earlier = [citation("Quyết định", a.code, a.date, old.issuer.full,
                        f"về việc sửa đổi, bổ sung {amended}")
               for a in new.amendments if a.code != amendment.code]
    bases = [citation(doc.type_name, doc.code, doc.date, old.issuer.full, about), *earlier,
             *amendment.bases]
    proposal = amendment.proposal or (new.decision.proposal if new.decision else None)
    out = [Block(("letterhead",), blocks.letterhead(plan, numbered=True)),
           *blocks.title("QUYẾT ĐỊNH", f"Về việc sửa đổi, bổ sung {amended}"),
           Block(("authority",), ooxml.paragraph_xml(styles.AUTHORITY, _authority(old, new, amendment)))]
    out += [Block(("basis", n), ooxml.paragraph_xml(styles.BASIS, b)) for n, b in enumerate(bases)]
    if proposal:
        out.append(Block(("proposal",), ooxml.paragraph_xml(styles.BASIS, proposal)))
    out.append(Block(("decides",), ooxml.paragraph_xml(styles.DECIDES, "QUYẾT ĐỊNH:")))
    out.append(Block(("article", 1), _body(f"Sửa đổi, bổ sung một số nội dung của {amended}, "
                                           "như sau:", "Điều 1.")))
    for n, item in enumerate(wording.items, 1):
        out.append(Block(("item", n), _body(f"{n}. {item.heading}")))
        out += [Block(("clause", n, i), _body(f"{LETTERS[i % len(LETTERS)]}) {c.text}"))
                for i, c in enumerate(item.clauses)]
    out.append(Block(("article", 2), _body(
        f"Các nội dung khác của {amended} giữ nguyên. Quyết định này có hiệu lực thi hành kể "
        "từ ngày ký.", "Điều 2.")))
    last = blocks.closing_mark(_executors(old))
    out.append(Block(("article", 3), ooxml.paragraph_xml(styles.BODY, keep_next=True, runs=(
        ooxml.run_xml("Điều 3.", char_style=styles.ARTICLE_LABEL) + ooxml.run_xml(f" {last}")))))
    out.append(blocks.closing(plan))
    return out


def table_blocks(old: Plan, new: Plan, amendment: Amendment, wording: Wording) -> list[Block]:
    """The attached "Phụ lục sửa đổi, bổ sung": per part its heading and a table of the rows
    as they now read, in the part's own columns plus CHANGE_COLUMN."""
    number = amendment.code if amendment.number else blocks.DRAFT_NUMBER + amendment.code
    attached = f"(Kèm theo Quyết định số {number} {amendment.date.long()} của {new.issuer.full})"
    title = f"Sửa đổi, bổ sung {lower_first(new.appendix.title)}"
    out = appendix.heading(Appendix(title, attached, ()))
    for part in new.appendix.parts:
        notes = {r.task: r.change for r in wording.table if r.part == part.id}
        if not notes:
            continue
        if part.heading:
            out.append(Block(("part-heading", part.id),
                             ooxml.paragraph_xml(styles.PART_HEADING, part.heading)))
        else:
            out.append(Block(("part-gap", part.id), ooxml.paragraph_xml(styles.TABLE_TEXT)))
        out.append(Block(("part-table", part.id), appendix.part_table(_amended_part(part, notes))))
    return out


def _amended_part(part: Part, notes: dict[str, str]) -> Part:
    """``part`` with only the noted tasks (and the groups holding them), each with its note in
    an added last column; the wide columns narrowed to keep the table's width (a narrow
    number column would break "Stt" in two)."""
    columns = part.layout.columns
    wide = sum(c.width_mm for c in columns if c.width_mm >= WIDE_MM)
    scale = max(wide - CHANGE_COLUMN.width_mm, wide / 2) / wide if wide else 1

    def narrowed(c: Column) -> Column:
        return replace(c, width_mm=round(c.width_mm * scale, 1)) if c.width_mm >= WIDE_MM else c

    layout = Layout(part.layout.id, tuple(map(narrowed, columns)) + (CHANGE_COLUMN,))
    return Part(part.id, part.heading, layout, _kept(part.items, notes))


def _kept(items, notes: dict[str, str]) -> tuple:
    out = []
    for item in items:
        if isinstance(item, Group):
            inner = _kept(item.items, notes)
            if inner:
                out.append(replace(item, items=inner))
        elif isinstance(item, Task) and item.id in notes:
            # a row alone cannot continue a merged cell of a row the table leaves out
            out.append(replace(item, cells={**item.cells, CHANGE_COLUMN.field: (notes[item.id],)},
                               merge_up=frozenset()))
    return tuple(out)


def render_amendment(old: Plan, new: Plan, amendment: Amendment, wording: Wording) -> bytes:
    """The decision, and the attached table when the wording has one, as one DOCX."""
    plan = amending_plan(old, new, amendment)
    sections = [DocumentSection("decision", markup_of(decision_blocks(old, new, amendment, wording)),
                                PORTRAIT)]
    if wording.table:
        sections.append(DocumentSection("appendix", markup_of(
            table_blocks(old, new, amendment, wording)), LANDSCAPE))
    return render_sections(plan, sections)
