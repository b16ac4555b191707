"""The typed, immutable plan that renderers work on.

Raw dicts end at validation; from here on every value is final text: units joined, numbers
computed, placeholders evaluated, citations written out.
"""
from __future__ import annotations

from typing import Union

from generator.plan.deadlines import Deadline
from generator.plan.dates import DocDate
from generator.record import Factory, record

Cell = tuple[str, ...]          # the paragraphs of one table cell


@record
class Issuer:
    parent: str | None          # "UBND TỈNH AN GIANG", or None for a province UBND
    name: tuple[str, ...]       # the agency name as printed, one entry per line
    full: str                   # "Ủy ban nhân dân tỉnh An Giang"
    short: str
    abbr: str                   # "UBND", "SXD"
    place: str                  # "An Giang"


@record
class Document:
    number: str                 # "" for a draft
    type: str                   # "QĐ", "KH" …
    type_name: str              # "Quyết định", "Kế hoạch" …
    code: str                   # "77/QĐ-UBND"
    date: DocDate

    @property
    def place_date(self) -> str:
        """Not including the place: ``ngày 18 tháng 01 năm 2023``."""
        return self.date.long()


@record
class Signature:
    lines: tuple[str, ...]      # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    name: str


@record
class Paragraph:
    kind: str                   # text | bullet | item | heading | note
    text: str
    label: str = ""             # "1." for items and headings, "-" for bullets, "" otherwise
    id: str | None = None

    @property
    def display(self) -> str:
        """The paragraph as printed, its label included."""
        return f"{self.label} {self.text}" if self.label else self.text


@record
class Section:
    id: str
    number: str                 # "I", "II" …
    heading: str                # "MỤC ĐÍCH, YÊU CẦU"
    paragraphs: tuple[Paragraph, ...]


@record
class Article:
    id: str | None
    number: int
    text: str


@record
class Decision:
    title: str                  # trích yếu, "Về việc ban hành …"
    authority: str              # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG"
    bases: tuple[str, ...]      # each a full paragraph "Căn cứ …;"
    proposal: str | None
    articles: tuple[Article, ...]


@record
class PlanBody:
    title: str
    attached: str | None        # "(Ban hành kèm theo Quyết định số … của …)" when attached
    bases: tuple[str, ...]      # a plan issued alone: its own "Căn cứ …" paragraphs
    preamble: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    letterhead: bool = True     # attached to a decision: issuer and motto above "KẾ HOẠCH"


@record
class Column:
    field: str                  # stt, stt2, number, content, lead …
    label: str
    width_mm: float


@record
class Layout:
    id: str
    columns: tuple[Column, ...]
    split_rows: bool = True     # False: every row kept on one page, however tall

    def index(self, field_name: str) -> int:
        return [c.field for c in self.columns].index(field_name)


@record
class Span:
    first: str                  # first column field merged
    last: str                   # last column field merged
    text: Cell


@record
class Task:
    id: str
    cells: dict[str, Cell]      # field → paragraphs, for every field of COLUMN_FIELDS
    deadline: Deadline | None
    span: Span | None = None
    rows: tuple[dict[str, Cell], ...] = ()   # several rows: fields that vary per row
    merge_up: frozenset[str] = frozenset()   # fields whose cell continues the one above

    def cell(self, field_name: str) -> Cell:
        return self.cells.get(field_name, ())


@record
class Group:
    id: str
    number: str                 # "I", "1"
    title: str
    level: int                  # 1 for the first level under a part
    items: tuple[Union["Group", Task], ...]


@record
class Part:
    id: str
    heading: str | None         # "1. Thực hiện …", "I. …", or None (no heading paragraph)
    layout: Layout
    items: tuple[Union[Group, Task], ...]

    def tasks(self):
        """Every task of the part, in table order."""
        return _tasks(self.items)


@record
class Appendix:
    title: str
    attached: str               # "(Kèm theo Quyết định số 77/QĐ-UBND ngày … của …)"
    parts: tuple[Part, ...]


@record
class Amendment:
    """The decision that amends this version of the plan (``amendment:``; plangen amend)."""

    number: str                 # "" for a draft
    code: str                   # "125/QĐ-UBND"
    date: DocDate
    authority: str | None
    bases: tuple[str, ...]      # further bases, after the amended decision's citation
    proposal: str | None
    signature: Signature | None   # None: the plan's own
    recipients: tuple[str, ...] | None


@record
class Amended:
    """An amendment already issued (``amendments:``), which the plan's documents cite."""

    code: str
    date: DocDate


@record
class Plan:
    source: str                 # the file, as the user named it
    year: int
    issuer: Issuer
    document: Document
    decision: Decision | None
    plan: PlanBody
    appendix: Appendix | None
    signature: Signature
    recipients: tuple[str, ...]  # as printed after "- ": "Như Điều 3;" … "Lưu: VT, TH."
    units: dict[str, str] = Factory(dict)
    amendment: Amendment | None = None
    amendments: tuple[Amended, ...] = ()

    def tasks(self):
        """Every task of the appendix, in order."""
        if self.appendix is None:
            return
        for part in self.appendix.parts:
            yield from part.tasks()


def _tasks(items):
    for item in items:
        if isinstance(item, Task):
            yield item
        else:
            yield from _tasks(item.items)
