"""The header table (quốc hiệu, tiêu ngữ, agency, number, place and date) and the title."""
from __future__ import annotations

import datetime
import re
from typing import Callable, Iterator

from lxml import etree

from generator.check.expect import look, quote
from generator.check.formatting import table_borders
from generator.check.view import (NATIONAL_TITLES, Doc, Line, column_count, column_lines, first_line,
                    has_drawing, is_empty, marker_kind, text)
from generator.check.reader import w

# Type codes are upper case except TTr (tờ trình) and CTr (chương trình).
NUMBER = re.compile(r"Số:\s*(?P<n>\d*)\s*/(?:[A-ZĐ]+|TTr|CTr)-[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*")
DATE = re.compile(
    r"(?P<place>[^,]+), ngày (?:(?P<d>\d+) )?tháng (?:(?P<m>\d+) )?năm (?P<y>\d{4})")
DATE_HINT = re.compile(r"\bngày\b.*\bnăm\b")
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TYPED_RULE = re.compile(r"[_\-–—]{3,}")


def check_header_table(doc: Doc) -> Iterator[str]:
    """header-table: the first body element is the borderless two-column header table."""
    first = next((b for b in doc.blocks if not is_empty(b)), None)
    if first is None:
        yield "the body is empty: no header table"
        return
    if first.tag != w("tbl"):
        yield (f"the first body element is the paragraph {quote(text(first))}, "
               f"expected the header table")
        return
    yield from _shape(doc, first)
    yield from _left(doc, column_lines(first, 0))
    yield from _right(doc, column_lines(first, 1))


def _shape(doc: Doc, tbl: etree._Element) -> Iterator[str]:
    columns = column_count(tbl)
    if columns != 2:
        yield f"the header table has {columns} column(s), expected 2"
    shown = table_borders(doc.styles, tbl)
    if shown:
        yield f"the header table shows borders ({', '.join(shown)}), expected none"


def _find(lines: list[Line], test: Callable[[str], object]) -> int | None:
    return next((i for i, line in enumerate(lines) if line.norm and test(line.norm)), None)


def _left(doc: Doc, lines: list[Line]) -> Iterator[str]:
    """Agency name lines (upper, 12–13 pt, the last bold, a drawn rule below), then "Số:"."""
    number = _find(lines, lambda t: re.match(r"Số\s*:", t))
    if number is None:
        yield "no 'Số: …' line in the left column of the header table"
    stop = len(lines) if number is None else number
    names = [i for i in range(stop) if lines[i].norm and not TYPED_RULE.fullmatch(lines[i].norm)]
    if not names:
        yield "no agency name in the left column of the header table"
    for i in names:
        yield from look(doc, lines[i], f"agency name {quote(lines[i].norm)}",
                        size=(12, 13), upper=True)
    if names:
        last = lines[names[-1]]
        yield from look(doc, last, f"issuing agency name {quote(last.norm)}", bold=True)
        yield from _rule_below(doc, lines, names[-1], stop, "the agency name")
    if number is not None:
        yield from _number(doc, lines[number])


def _number(doc: Doc, line: Line) -> Iterator[str]:
    what = f"number line {quote(line.norm)}"
    yield from look(doc, line, what, size=(13, 13), bold=False, italic=False)
    match = NUMBER.fullmatch(line.norm)
    if not match:
        yield f"{what} does not read 'Số: <n>/<type>-<agency>' (e.g. 'Số: 77/QĐ-UBND')"
    elif len(match["n"]) == 1:
        yield f"{what}: number {match['n']} needs a leading zero (0{match['n']})"


def _right(doc: Doc, lines: list[Line]) -> Iterator[str]:
    """National title (bold 12–13), motto (bold 13–14, drawn rule below), place and date."""
    title = _find(lines, lambda t: t in NATIONAL_TITLES)
    motto = _find(lines, lambda t: re.sub(r"\s*[-–—]\s*", " - ", t) == MOTTO)
    date = _find(lines, DATE_HINT.search)
    if title is None:
        yield f"no '{NATIONAL_TITLES[0]}' line in the right column of the header table"
    else:
        yield from look(doc, lines[title], "the national title", bold=True, size=(12, 13))
    if motto is None:
        yield f"no '{MOTTO}' line in the right column of the header table"
    else:
        yield from look(doc, lines[motto], "the motto", bold=True, size=(13, 14))
        stop = date if date is not None and date > motto else len(lines)
        yield from _rule_below(doc, lines, motto, stop, "the motto")
    if date is None:
        yield ("no place-date line ('<Place>, ngày … tháng … năm …') in the right column "
               "of the header table")
    else:
        line = lines[date]
        yield from look(doc, line, f"place-date line {quote(line.norm)}", italic=True,
                        size=(13, 14))
        yield from date_problems(line.norm)


def _rule_below(doc: Doc, lines: list[Line], at: int, stop: int, what: str) -> Iterator[str]:
    """A drawn line (border, shape) between lines[at] and lines[stop], not a typed one.

    Drawn means: a bottom border or a shape on the line's own paragraph, a top or bottom
    border or a shape on a paragraph between it and the next element (an empty "rule"
    paragraph), or a top border on the next element's paragraph.
    """
    between = lines[at:stop]
    typed = [l for l in between[1:] if TYPED_RULE.fullmatch(l.norm)]
    underlined = [l for l in between if any(f.underline for _, f in doc.formats(l))]
    if typed or underlined:
        how = "typed as underscores or dashes" if typed else "made of underlined text"
        yield f"the rule under {what} is {how}; it must be a drawn line (paragraph border or shape)"
        return
    own = lines[at].p
    inside = [p for p in {id(l.p): l.p for l in between}.values() if p is not own]
    after = lines[stop].p if stop < len(lines) else None
    drawn = (doc.para_format(own).border_bottom or has_drawing(own)
             or any(doc.para_format(p).border_top or doc.para_format(p).border_bottom
                    or has_drawing(p) for p in inside)
             or (after is not None and after is not own and after not in inside
                 and doc.para_format(after).border_top))
    if not drawn:
        yield f"no drawn rule under {what} (a paragraph border or a shape)"


def date_problems(line: str) -> list[str]:
    """Problems of a "<Place>, ngày DD tháng MM năm YYYY" line; day and month may be blank.

    Days below 10 and months 1 and 2 take a leading zero; months 3 to 12 do not.
    """
    match = DATE.fullmatch(line)
    if not match:
        return [f"place-date line {quote(line)} does not read "
                f"'<Place>, ngày DD tháng MM năm YYYY'"]
    problems, day, month = [], match["d"], match["m"]
    if day is not None:
        if not 1 <= int(day) <= 31:
            problems.append(f"day {day} does not exist")
        elif day != f"{int(day):02d}":
            problems.append(f"day {day} should be written {int(day):02d} "
                            f"(days below 10 take a leading zero)")
    if month is not None:
        m = int(month)
        expected = f"{m:02d}" if m <= 2 else str(m)
        if not 1 <= m <= 12:
            problems.append(f"month {month} does not exist")
        elif month != expected:
            rule = "months 1 and 2 take" if m <= 2 else "only months 1 and 2 take"
            problems.append(f"month {month} should be written {expected} ({rule} a leading zero)")
    if not problems and day and month and not _real_date(int(match["y"]), int(month), int(day)):
        problems.append(f"{day}/{month}/{match['y']} is not a date")
    return [f"place-date line {quote(line)}: " + "; ".join(problems)] if problems else []


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def check_title(doc: Doc) -> Iterator[str]:
    """title: "QUYẾT ĐỊNH" / "KẾ HOẠCH" / "BÁO CÁO" paragraphs are centred, bold, 13–14 pt."""
    titles = [b for b in doc.blocks if marker_kind(b) in ("decision", "plan", "report")]
    if not titles:
        yield "no document title paragraph ('QUYẾT ĐỊNH' or 'KẾ HOẠCH') found"
    for p in titles:
        line = first_line(p)
        yield from look(doc, line, f"title {quote(line.norm)}", bold=True, size=(13, 14),
                        align="center")
