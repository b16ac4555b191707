"""The task matrix as a spreadsheet to fill in, and a filled-in one read back as a status.

``plangen export`` writes one row per task: what the plan says (grey, read-only) and the
status columns a unit fills in (state from a drop-down, date, result, note, documents). A
hidden sheet ``plangen`` names the plan, period and as_of, so that a workbook of another plan
is recognised when it comes back. ``plangen import-status`` reads every sheet by its header
row (columns may be moved, not renamed), keyed by task id; a change to a read-only cell is
ignored with a warning; every bad cell is one line ``FILE.xlsx:Sheet!J12: what is wrong``.
CSV carries the same columns (one sheet, no hidden metadata).
"""
from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from generator.errors import PlanError, PlangenError, Pos, Problem
from generator.plan.model import Plan
from generator.track.matrix import TaskRow, task_rows
from generator.track.period import Period
from generator.track.status import (STATE_WORDS, STATES, Entry, Status, entry_problem, plan_name,
                                    suggest)


@dataclass(frozen=True)
class Column:
    key: str
    header: str          # what the sheet shows and import looks for
    width: float
    editable: bool


COLUMNS = (
    Column("id", "Mã nhiệm vụ", 18, False),
    Column("part", "Phần", 22, False),
    Column("group", "Nhóm", 26, False),
    Column("number", "Stt", 6, False),
    Column("content", "Nội dung", 60, False),
    Column("lead", "Cơ quan chủ trì", 24, False),
    Column("coordinating", "Cơ quan phối hợp", 24, False),
    Column("deadline", "Thời gian hoàn thành", 16, False),
    Column("latest", "Hạn cuối", 12, False),
    Column("state", "Tình trạng", 18, True),
    Column("date", "Ngày hoàn thành", 14, True),
    Column("result", "Kết quả thực hiện", 44, True),
    Column("note", "Ghi chú", 28, True),
    Column("evidence", "Văn bản kèm theo", 22, True),
)
NEEDED = ("id", "state", "date", "result", "note")     # evidence may be left out
META_SHEET = "plangen"
ONE_SHEET = "Nhiệm vụ"
NO_LEAD = "Chưa phân công"
DATE_FORMAT = "DD/MM/YYYY"
_BY_WORD = {unicodedata.normalize("NFC", w).casefold(): s for s, w in STATE_WORDS.items()}
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class CellPos(Pos):
    """A spreadsheet cell: ``file`` holds ``FILE.xlsx:Sheet``; prints ``FILE.xlsx:Sheet!J12``."""

    __slots__ = ()

    def __str__(self) -> str:
        from openpyxl.utils import get_column_letter
        return f"{self.file}!{get_column_letter(self.col)}{self.line}" if self.col else \
            f"{self.file}!{self.line}:{self.line}"


# ---------------------------------------------------------------- export

def _values(row: TaskRow, entry: Entry | None) -> list:
    return [row.id, row.part, row.group, row.number, row.content, row.lead, row.coordinating,
            row.deadline, row.latest,
            STATE_WORDS[entry.state] if entry else None,
            entry.date if entry else None,
            entry.result if entry else None,
            entry.note if entry else None,
            "; ".join(entry.evidence) if entry and entry.evidence else None]


def sheet_name(lead: str, taken: set[str]) -> str:
    """A worksheet name for a lead unit: at most 31 characters, none of ``[]:*?/\\``, unique."""
    name = re.sub(r"[\[\]:*?/\\]", "-", " ".join(lead.split())) or NO_LEAD
    name = name[:31].strip().strip("'")
    base, n = name, 2
    while name.casefold() in taken or name.casefold() == META_SHEET:
        name = f"{base[:31 - len(str(n)) - 3]} ({n})"
        n += 1
    taken.add(name.casefold())
    return name


def export_workbook(plan: Plan, period: Period | None, as_of: date, status: Status | None,
                    by_unit: bool = False) -> bytes:
    """The XLSX bytes of the task matrix (one sheet, or one per lead unit). Without a period
    the hidden sheet names none, and import-status asks for one."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation
    from generator.track.sheets import READ_ONLY_FILL, UNLOCKED, workbook_bytes, write_sheet
    entries = status.entries if status else {}
    groups: dict[str, list[TaskRow]] = {}
    for row in task_rows(plan):
        groups.setdefault((row.lead or NO_LEAD) if by_unit else ONE_SHEET, []).append(row)
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    states = f'"{",".join(STATE_WORDS.values())}"'
    for lead, rows in groups.items():
        ws = wb.create_sheet(sheet_name(lead, taken))
        write_sheet(ws, [(c.header, c.width) for c in COLUMNS],
                    (_values(r, entries.get(r.id)) for r in rows))
        last = len(rows) + 1
        for n, column in enumerate(COLUMNS, 1):
            for cells in ws.iter_rows(min_row=2, max_row=last, min_col=n, max_col=n):
                for cell in cells:
                    if column.editable:
                        cell.protection = UNLOCKED
                    else:
                        cell.fill = READ_ONLY_FILL
                    if column.key in ("latest", "date"):
                        cell.number_format = DATE_FORMAT
            if not column.editable:
                ws.cell(row=1, column=n).fill = READ_ONLY_FILL
        _protect(ws)
        check = DataValidation(type="list", formula1=states, allow_blank=True, showErrorMessage=True,
                               errorTitle="Tình trạng", error="Chọn một tình trạng trong danh sách")
        ws.add_data_validation(check)
        state_col = _letter(COLUMNS, "state")
        check.add(f"{state_col}2:{state_col}{max(last, 2)}")
    meta = wb.create_sheet(META_SHEET)
    for key, value in (("plan", plan_name(plan)), ("period", period.text if period else ""),
                       ("as_of", as_of.isoformat() if period else ""), ("source", plan.source),
                       ("note", "plangen export: do not edit this sheet; "
                                "plangen import-status reads it back")):
        meta.append([key, value])
    meta.sheet_state = "hidden"
    wb.properties.title = f"{plan_name(plan)} {period.text}" if period else plan_name(plan)
    wb.properties.subject = f"Tình hình thực hiện {period.words()}" if period else "Tình hình thực hiện"
    wb.properties.keywords = "plangen"
    return workbook_bytes(wb, datetime(as_of.year, as_of.month, as_of.day))


def _protect(ws) -> None:
    """Only the status cells take typing; the grey ones refuse it (no password: a clerk who
    must can lift it, and import-status still ignores such a change with a warning). Widths,
    heights and the filters stay the clerk's to use."""
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = ws.protection.autoFilter = False


def _letter(columns, key: str) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter([c.key for c in columns].index(key) + 1)


def export_csv(plan: Plan, status: Status | None) -> bytes:
    """The task matrix as CSV (UTF-8 with a BOM, which spreadsheet programs need to see
    Vietnamese letters), dates DD/MM/YYYY and states as words, as in the workbook."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    entries = status.entries if status else {}
    for row in task_rows(plan):
        writer.writerow(["" if v is None else _dmy(v) if isinstance(v, date) else v
                         for v in _values(row, entries.get(row.id))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _dmy(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# ---------------------------------------------------------------- import

@dataclass
class Sheet:
    """One table read from a file: where it is named in messages, and its rows of cells."""

    label: str                         # "FILE.xlsx:Sheet" (or "FILE.csv")
    rows: list[list]                   # row 1 is the header
    cells: bool = True                 # positions as Sheet!J12 (else file:line:col)

    def pos(self, row: int, col: int) -> Pos:
        return CellPos(self.label, row, col) if self.cells else Pos(self.label, row, col)


@dataclass
class Book:
    name: str
    sheets: list[Sheet]
    meta: dict[str, str]               # from the hidden sheet; {} for CSV


def read_file(path: Path) -> Book:
    """The tables of an XLSX or CSV file (by its suffix)."""
    name = str(path)
    data = path.read_bytes()
    if path.suffix.lower() == ".csv":
        return Book(name, [_csv_sheet(data, name)], {})
    from openpyxl import load_workbook
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise PlangenError(f"{name}: not an XLSX workbook (save it as Excel .xlsx, or give a .csv)") from None
    meta = {}
    if META_SHEET in wb.sheetnames:
        meta = {str(k): str(v or "") for k, v, *_ in wb[META_SHEET].iter_rows(values_only=True) if k}
    sheets = [Sheet(f"{name}:{ws.title}", [list(r) for r in ws.iter_rows(values_only=True)])
              for ws in wb.worksheets if ws.title != META_SHEET]
    return Book(name, sheets, meta)


def _csv_sheet(data: bytes, name: str) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlangenError(f"{name}: the file is not UTF-8: save it as \"CSV UTF-8\"") from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return Sheet(name, [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)], cells=False)


def check_plan(book: Book, plan: Plan) -> None:
    """One clear line when the workbook was exported from another plan."""
    theirs, mine = book.meta.get("plan"), plan_name(plan)
    if theirs and theirs != mine:
        raise PlangenError(f"{book.name}: this workbook was exported from plan '{theirs}', "
                           f"not '{mine}': import it for its own plan")


def read_status(book: Book, plan: Plan, as_of: date) -> tuple[dict[str, Entry], list[Problem]]:
    """The entries filled in, by task id in plan order, and the warnings; PlanError with every
    bad cell (and warning) when any cell is wrong."""
    rows = {r.id: r for r in task_rows(plan)}
    problems: list[Problem] = []
    found: dict[str, Entry] = {}
    seen: dict[str, Pos] = {}
    for sheet in book.sheets:
        if not any(any(v not in (None, "") for v in r) for r in sheet.rows):
            continue                                  # an empty sheet someone added
        columns = _columns(sheet)
        ids = [str(r[columns["id"]]).strip() for r in sheet.rows[1:]
               if columns["id"] < len(r) and r[columns["id"]] not in (None, "")]
        if ids and not any(i in rows for i in ids):
            raise PlangenError(f"{sheet.label}: none of the {len(ids)} task ids of this sheet is "
                               f"a task of plan {plan_name(plan)}: is it a sheet of another plan?")
        for n, cells in enumerate(sheet.rows[1:], 2):
            entry = _row(sheet, n, cells, columns, rows, plan.year, as_of, problems, seen)
            if entry is not None:
                found[entry.task_id] = entry
    if any(not p.warning for p in problems):
        raise PlanError(problems)
    return {i: found[i] for i in rows if i in found}, problems


def _columns(sheet: Sheet) -> dict[str, int]:
    """Column key → index, from the header row; one line for a needed column that is gone."""
    header = [_text(v) for v in (sheet.rows[0] if sheet.rows else [])]
    known = {unicodedata.normalize("NFC", c.header).casefold(): c.key for c in COLUMNS}
    keys = {c.key: c.key for c in COLUMNS}
    columns: dict[str, int] = {}
    strangers: list[tuple[int, str]] = []
    for n, title in enumerate(header):
        key = known.get(title.casefold()) or keys.get(title)
        if key and key not in columns:
            columns[key] = n
        elif title:
            strangers.append((n, title))
    lines = []
    for key in NEEDED:
        if key in columns:
            continue
        wanted = next(c.header for c in COLUMNS if c.key == key)
        at = _renamed(key, wanted, strangers)
        if at is not None:
            lines.append(f"{sheet.pos(1, at + 1)}: the column '{wanted}' was renamed "
                         f"'{header[at]}': put its header back as '{wanted}'")
        else:
            lines.append(f"{sheet.pos(1, 0) if sheet.cells else sheet.label + ':1:1'}: the column "
                         f"'{wanted}' is missing (deleted?): export the sheet again, or put the "
                         f"column back with the header '{wanted}'")
    if lines:
        raise PlangenError(lines)
    return columns


def _renamed(key: str, wanted: str, strangers: list[tuple[int, str]]) -> int | None:
    """The column of an unknown header that stands where ``key``'s column was exported, or
    whose header is close to it: most likely the column, renamed."""
    home = [c.key for c in COLUMNS].index(key)
    for n, title in strangers:
        if n == home:
            return n
    close = difflib.get_close_matches(wanted.casefold(), [t.casefold() for _, t in strangers], 1, 0.6)
    return next((n for n, t in strangers if t.casefold() == close[0]), None) if close else None


def _row(sheet: Sheet, n: int, cells: list, columns: dict[str, int], rows: dict[str, TaskRow],
         year: int, as_of: date, problems: list[Problem], seen: dict) -> Entry | None:
    def get(key):
        i = columns.get(key)
        return cells[i] if i is not None and i < len(cells) else None

    def pos(key):
        return sheet.pos(n, columns[key] + 1)

    task_id = _text(get("id"))
    if not task_id:
        if any(_text(get(k)) for k in ("state", "date", "result", "note", "evidence")):
            problems.append(Problem(pos("id"), "this row has a status but no task id: "
                                               "copy the id back from the plan's export"))
        return None
    row = rows.get(task_id)
    if row is None:
        problems.append(Problem(pos("id"), f"unknown task id '{task_id}': the plan has no such "
                                           f"task{suggest(task_id, rows)}"))
        return None
    if task_id in seen:
        problems.append(Problem(pos("id"), f"task '{task_id}' is also at {seen[task_id]}: "
                                           "keep one row per task", task_id))
        return None
    seen[task_id] = pos("id")
    expected = _values(row, None)
    for i, column in enumerate(COLUMNS):
        if column.editable or column.key == "id" or column.key not in columns:
            continue
        if _text(get(column.key)) != _text(expected[i]):
            problems.append(Problem(pos(column.key), f"the column '{column.header}' is read-only: "
                                                     "the change is ignored", task_id, warning=True))
    state_text = _text(get("state"))
    rest = {k: _text(get(k)) for k in ("date", "result", "note", "evidence")}
    if not state_text:
        if any(rest.values()):
            problems.append(Problem(pos("state"), "the row has a date, result or note but no "
                                                  "state: choose one from the list", task_id))
        return None
    state = _state(state_text)
    if state is None:
        problems.append(Problem(pos("state"), f"'{state_text}' is not a state: choose one of "
                                              f"{', '.join(STATE_WORDS.values())}"
                                              f"{suggest(state_text, STATE_WORDS.values())}", task_id))
        return None
    when, bad = _date(get("date"))
    if bad:
        problems.append(Problem(pos("date"), bad, task_id))
        return None
    wrong = entry_problem(state, when, row.task, year, as_of)
    if wrong:
        problems.append(Problem(pos("date"), wrong.replace("the 'date'", "the date").replace("'date'", "the date"), task_id))
        return None
    evidence = tuple(e.strip() for e in re.split(r"[;\n]", rest["evidence"]) if e.strip())
    return Entry(task_id, state, when, rest["result"], rest["note"], evidence)


def _state(text: str) -> str | None:
    word = unicodedata.normalize("NFC", text).casefold()
    return _BY_WORD.get(word) or (word if word in STATES else None)


def _date(value) -> tuple[date | None, str | None]:
    """A cell as a date: a date cell, YYYY-MM-DD or DD/MM/YYYY text; else why not."""
    if value in (None, ""):
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    text = _text(value)
    m = _DMY.match(text)
    try:
        if m:
            return date(int(m[3]), int(m[2]), int(m[1])), None
        return date.fromisoformat(text), None
    except ValueError:
        return None, f"'{text}' is not a date: write it as DD/MM/YYYY, like 14/06/2023"


def _text(value) -> str:
    """A cell as the text it shows: dates as DD/MM/YYYY, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _dmy(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").strip()


def summary(entries: Iterable[Entry]) -> str:
    counts = {s: 0 for s in STATES}
    for e in entries:
        counts[e.state] += 1
    return ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items() if n)
