"""One way to lay out a worksheet, for every spreadsheet plangen writes (export, roll-up)."""
from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Iterable, Sequence

from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from generator.render.package import from_members, members

READ_ONLY_FILL = PatternFill("solid", start_color="FFE7E6E6", end_color="FFE7E6E6")
UNLOCKED = Protection(locked=False)         # a cell that takes typing on a protected sheet
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_sheet(ws, columns: Sequence[tuple[str, float]], rows: Iterable[Sequence]) -> None:
    """Header row of ``columns`` (title, width in characters) in bold, frozen, with filters;
    then ``rows``, every cell wrapped and aligned to the top (long task texts stay readable)."""
    for n, (title, width) in enumerate(columns, 1):
        cell = ws.cell(row=1, column=n, value=title)
        cell.font = Font(bold=True)
        cell.alignment = _WRAP
        ws.column_dimensions[get_column_letter(n)].width = width
    count = 1
    for count, row in enumerate(rows, 2):
        for n, value in enumerate(row, 1):
            ws.cell(row=count, column=n, value=value).alignment = _WRAP
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(count, 1)}"


def workbook_bytes(wb, when: datetime) -> bytes:
    """The workbook's XLSX bytes, the same for the same content: openpyxl stamps the archive
    entries and the 'modified' property with the clock, so both are pinned to ``when``."""
    out = io.BytesIO()
    wb.properties.creator = "plangen"
    wb.properties.created = when
    wb.save(out)
    parts = members(out.getvalue())
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    parts["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp,
                                        parts["docProps/core.xml"])
    return from_members(parts)
