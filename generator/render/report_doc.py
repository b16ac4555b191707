"""A report (Báo cáo) on a plan as a DOCX, laid out like the plan's own documents.

The report is a document of the plan's issuer, so it takes the plan's letterhead, title block,
closing block and signature (blocks.py), with its own number ("Số: …/BC-UBND"), date and
recipients. Its body is text the caller wrote (headings, paragraphs, pictures); its task
tables follow in a landscape appendix, as the plan's do. What the report says is decided above
(generator/track/reporting.py); this module only lays it out, through compose.py, so that the
markup is written where every other document's is (ooxml.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from generator.plan.dates import DocDate
from generator.plan.model import Appendix, Document, Plan
from generator.record import replace
from generator.render import appendix, blocks, compose, ooxml, package, styles
from generator.render.blocks import closing_mark
from generator.render.geometry import LANDSCAPE, PORTRAIT, twips

TYPE = "BC"
TYPE_NAME = "Báo cáo"
MARK_FILL = "D9D9D9"        # the grey that marks a row (an overdue task); prints in black and white


@dataclass(frozen=True)
class Text:
    """A paragraph of the body: ``heading`` (I. …), ``subheading`` (1. …), ``text`` or
    ``caption`` (centred, italic, under a picture)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Picture:
    """A PNG shown centred in the body, ``width_mm`` wide, with its alternative text."""

    data: bytes
    width_mm: float
    height_mm: float
    description: str


@dataclass(frozen=True)
class Column:
    label: str
    width_mm: float
    centred: bool = False


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    marked: bool = False        # shaded grey: a row the reader must see (an overdue task)
    group: bool = False         # a group's title: the first cell, then one cell across the rest


@dataclass(frozen=True)
class Table:
    heading: str | None         # the paragraph above it ("1. Thực hiện …")
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Report:
    """Everything a report shows; ``plan`` gives the issuer, the letterhead and the signature."""

    plan: Plan
    number: str                 # "" for a draft: "Số:      /BC-UBND"
    date: date
    title: str                  # the trích yếu: "Kết quả thực hiện Kế hoạch … quý II năm 2023"
    body: tuple[Text | Picture, ...]
    recipients: tuple[str, ...]
    appendix_title: str = ""
    tables: tuple[Table, ...] = ()

    @property
    def code(self) -> str:
        return f"{self.number}/{TYPE}-{self.plan.issuer.abbr}"

    @property
    def attached(self) -> str:
        """The appendix's "(Kèm theo Báo cáo số … ngày … của …)" line."""
        number = self.code if self.number else f"{blocks.DRAFT_NUMBER}{self.code}"
        return (f"(Kèm theo Báo cáo số {number} {DocDate.of(self.date).long()} "
                f"của {self.plan.issuer.full})")


_BODY_STYLES = {"heading": styles.SECTION_HEADING, "subheading": styles.SUB_HEADING,
                "text": styles.BODY, "caption": styles.ATTACHED}


def as_issuer(report: Report) -> Plan:
    """The plan with the report's number, date and recipients: what the shared blocks read."""
    plan = report.plan
    document = Document(report.number, TYPE, TYPE_NAME, report.code, DocDate.of(report.date))
    return replace(plan, document=document, recipients=report.recipients)


def body_markup(report: Report, images: list[package.Image]) -> str:
    """Letterhead, "BÁO CÁO" and the trích yếu, the body (its last paragraph ending "./."),
    the closing block. Each picture is added to ``images``."""
    issuer = as_issuer(report)
    out = [blocks.letterhead(issuer, numbered=True),
           *(b.markup for b in blocks.title("BÁO CÁO", report.title))]
    last = max((i for i, item in enumerate(report.body)
                if isinstance(item, Text) and item.kind == "text"), default=-1)
    for i, item in enumerate(report.body):
        if isinstance(item, Picture):
            out.append(_picture(item, images))
        else:
            text = closing_mark(item.text) if i == last else item.text
            out.append(ooxml.paragraph_xml(_BODY_STYLES[item.kind], text, keep_next=i == last))
    out.append(blocks.closing(issuer).markup)
    return "".join(out)


def _picture(picture: Picture, images: list[package.Image]) -> str:
    number = len(images) + 1
    image = package.Image(f"rIdPlangenImage{number}", f"media/image{number}.png", picture.data)
    images.append(image)
    run = ooxml.picture_run_xml(image.rel_id, number, f"Hình {number}", picture.description,
                                twips(picture.width_mm), twips(picture.height_mm))
    return ooxml.paragraph_xml(styles.ATTACHED, runs=run, keep_next=True)


def appendix_markup(report: Report) -> str:
    """ "PHỤ LỤC", its title and "(Kèm theo Báo cáo …)", then each table under its heading."""
    heading = appendix.heading(Appendix(report.appendix_title, report.attached, ()))
    out = [b.markup for b in heading]
    for i, table in enumerate(report.tables):
        if table.heading is not None:
            out.append(ooxml.paragraph_xml(styles.PART_HEADING, table.heading))
        elif i:
            out.append(ooxml.paragraph_xml(styles.TABLE_TEXT))
        out.append(table_markup(table))
    return "".join(out)


def table_markup(table: Table) -> str:
    """A task table: the header row repeated on every page, short rows kept whole, marked
    rows shaded, widths fixed in the grid and in every cell."""
    widths = [twips(c.width_mm) for c in table.columns]
    rows = [appendix.header_row_xml(table.columns, widths)]
    for row in table.rows:
        rows.append(appendix.group_row_xml(*(row.cells + ("", ""))[:2], widths) if row.group
                    else _row(row, table.columns, widths))
    return ooxml.table_xml(widths, "".join(rows))


def _row(row: Row, columns: tuple[Column, ...], widths: list[int]) -> str:
    shade = MARK_FILL if row.marked else None
    cells = [ooxml.cell_xml(w, ooxml.paragraph_xml(
        styles.TABLE_CENTER if c.centred else styles.TABLE_TEXT, text), shade=shade)
        for text, c, w in zip(row.cells, columns, widths)]
    tall = max(appendix.estimated_lines((text,), w) for text, w in zip(row.cells, widths))
    return ooxml.row_xml("".join(cells), may_split=tall > appendix.KEEP_WHOLE_LINES)


def render_report(report: Report, template: Path | str = compose.DEFAULT_TEMPLATE) -> bytes:
    """The report as one DOCX: the report itself (portrait), then its tables (landscape).

    The report fills the template's body slot and the tables its appendix slot, so a
    restyled template styles reports as it styles plans.
    """
    images: list[package.Image] = []
    sections = [compose.DocumentSection("plan", body_markup(report, images), PORTRAIT)]
    if report.tables:
        sections.append(compose.DocumentSection("appendix", appendix_markup(report), LANDSCAPE))
    when = datetime(report.date.year, report.date.month, report.date.day)
    core = package.CoreValues.of(report.plan.issuer.full, f"Báo cáo {report.title}", when)
    return compose.render_sections(report.plan, sections, template, core=core, images=images)
