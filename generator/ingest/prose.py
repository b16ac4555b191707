"""The documents' prose: letterhead, title, decision, plan sections, signature and "Nơi nhận".

Recognised by what Decree 30 prescribes a clerk to write, not by style names, so that a file
typed in Word reads like one built by plangen: "Số: 77/QĐ-UBND", "<place>, ngày … tháng … năm
…", "QUYẾT ĐỊNH"/"KẾ HOẠCH", "Căn cứ …", "Theo đề nghị …", "Điều N.", "I. HEADING", "- bullet",
"1. item", an italic "(…)" note, and the closing table whose left cell starts "Nơi nhận".
Texts come back with their emphasis (``**…**``, wordfile.Para.marked) except the looks the
layout gives them anyway: a heading's bold, a note's or a legal basis's italic.
"""
from __future__ import annotations

import re

from generator.ingest.units import Ids
from generator.ingest.wordfile import Para, Table
from generator.plan.emphasis import escape

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NUMBER = re.compile(r"Số\s*:\s*(\d*)[\s.…]*/\s*([^\s-]+)-(\S+)")
PLACE_DATE = re.compile(r"(.+?),\s*ngày\s*(\d{1,2})?[\s.…]*tháng\s*(\d{1,2})?[\s.…]*năm\s*(\d{4})")
SECTION = re.compile(r"([IVXLC]+)\.\s+(.+)", re.S)
ITEM = re.compile(r"(\d+)\.\s+(.+)", re.S)
LETTER_ITEM = re.compile(r"([a-zđ]\)|\d+\))\s+(.+)", re.S)
ARTICLE = re.compile(r"Điều\s+(\d+)\.\s*(.*)", re.S)
CITE = re.compile(r"Căn cứ (Luật|Nghị định|Quyết định|Thông tư|Kế hoạch|Nghị quyết|Chỉ thị) số "
                  r"(\d+/[\w/.-]+) ngày (\d{2}) tháng (\d{2}) năm (\d{4}) của (.+?) (v[ềe] .+);\Z")


VERBS = ("hướng dẫn", "quy định", "ban hành", "phê duyệt", "sửa đổi", "bổ sung", "triển khai")


def one_line(text: str) -> str:
    """A title printed over several lines (breaks or paragraphs), as one line of text."""
    return " ".join(text.split())


def is_letterhead(block) -> bool:
    return isinstance(block, Table) and NATION in " ".join(
        c.text for row in block.rows for c in row.cells).upper().replace("HOÀ", "HÒA")


def is_closing(block) -> bool:
    return isinstance(block, Table) and bool(block.rows) and block.rows[0].cells \
        and block.rows[0].cells[0].text.lstrip().startswith("Nơi nhận")


def letterhead(table: Table) -> dict:
    """issuer lines, number, place and date from the top table (any row layout)."""
    left = [p for row in table.rows for p in (row.cells[0].paras if row.cells else [])]
    right = [p for row in table.rows for c in row.cells[1:] for p in c.paras]
    agency, number = [], None
    for p in left:
        text = p.text.strip()
        if not text or set(text) <= set("-_–—. "):
            continue
        if m := NUMBER.match(text):
            number = m
        elif not text.startswith("Số"):
            agency.append(p)
    out: dict = {"agency": agency, "number": number, "place": None, "date": None}
    for p in right + left:
        if m := PLACE_DATE.match(p.text.strip()):
            day, month, year = m.group(2), m.group(3), m.group(4)
            out["place"] = m.group(1).strip()
            out["date"] = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "") \
                if month else f"{year}-01"
    return out


def issuer(head: dict, full: str | None) -> dict:
    """The issuer: a first line in regular type above bold lines is the parent agency."""
    lines = head["agency"]
    out: dict = {}
    if len(lines) >= 2 and not lines[0].bold and all(p.bold for p in lines[1:]):
        out["parent"] = one_line(lines[0].text)
        lines = lines[1:]
    names = [one_line(t) for p in lines for t in p.text.split("\n") if t.strip()]
    out["name"] = names
    place = head["place"] or "…"
    if not full:
        full = " ".join(names)
        full = full[:1] + full[1:].lower()
        low = place.lower()
        if low in full:
            full = full.replace(low, place)
        full = full.replace("ủy", "Ủy", 1) if full.startswith("ủy") else full
    out["full"] = full
    number = head["number"]
    out["abbr"] = number.group(3) if number else "UBND"
    out["place"] = place
    return out


def attached_issuer(text: str | None) -> str | None:
    """"… của Ủy ban nhân dân tỉnh An Giang)" -> the issuer's full name."""
    if text and (m := re.search(r" của (.+?)\)\s*\Z", one_line(text))):
        return m.group(1).split(";")[0].strip()
    return None


def strip_close(text: str) -> str:
    """The body's last paragraph without the "./." the renderer adds again."""
    if text.endswith("./."):
        return text[:-2]
    if text.endswith("/."):
        return text[:-2] + "."
    return text


def closing(table: Table) -> tuple[dict, list[str]]:
    """signature and recipients from the closing table."""
    left = [p.text.strip() for p in table.rows[0].cells[0].paras if p.text.strip()]
    right = [p for c in table.rows[0].cells[1:] for p in c.paras if p.text.strip()]
    recipients = []
    for line in left[1:] if left and left[0].startswith("Nơi nhận") else left:
        for piece in line.split("\n"):
            piece = piece.strip()
            if piece:
                recipients.append(re.sub(r"^[-–+•]\s*", "", piece))
    if left and left[0] != "Nơi nhận:" and left[0].startswith("Nơi nhận:") and len(left[0]) > 9:
        recipients.insert(0, left[0][9:].strip().lstrip("- "))
    texts = [t.strip() for p in right for t in p.text.split("\n") if t.strip()]
    upper = [t for t in texts if t == t.upper() and not t.startswith("(")]
    rest = [t for t in texts if t not in upper and not t.startswith("(")]
    signature = {"lines": upper[:3] or ["CHỦ TỊCH"], "name": rest[-1] if rest else ""}
    return signature, recipients


class Sections:
    """The plan body after its title: bases, preamble and numbered sections."""

    def __init__(self, ids: Ids):
        self.ids = ids

    def paragraph(self, p: Para):
        """A body paragraph: plain text, or a bullet, item, sub-heading or note (ids from the
        printed text, texts with their emphasis)."""
        text = p.text.strip()
        if text.startswith("- ") or text.startswith("– "):
            return {"id": self.ids.make(text[2:]), "kind": "bullet", "text": p.marked(text[2:])}
        if m := ITEM.match(text):
            kind = "heading" if p.bold else "item"
            return {"id": self.ids.make(m.group(2)), "kind": kind,
                    "text": p.marked(m.group(2), keep="b" if p.bold else ""), "_n": m.group(1)}
        if m := LETTER_ITEM.match(text):
            return {"id": self.ids.make(m.group(2)), "kind": "item", "number": escape(m.group(1)),
                    "text": p.marked(m.group(2))}
        if p.italic and text.startswith("(") and text.rstrip(".").endswith(")"):
            return {"id": self.ids.make(text), "kind": "note", "text": p.marked(text, keep="i")}
        return p.marked(text)

    def read(self, paras: list[Para]) -> tuple[list, list, list]:
        """(bases as paragraphs, preamble, sections)."""
        bases, preamble, sections = [], [], []
        current = None
        for p in paras:
            text = p.text.strip()
            if not text:
                continue
            if m := SECTION.match(text):
                if p.bold or text == text.upper():
                    current = {"id": self.ids.make(m.group(2)),
                               "heading": p.marked(m.group(2).strip(), keep="b"), "paragraphs": []}
                    sections.append(current)
                    continue
            if current is None and text.startswith("Căn cứ") and not preamble:
                bases.append(p)
            elif current is None:
                preamble.append(self.paragraph(p))
            else:
                current["paragraphs"].append(self.paragraph(p))
        for section in sections:
            _item_numbers(section["paragraphs"])
        _item_numbers(preamble)
        return bases, preamble, sections


def _item_numbers(paragraphs: list) -> None:
    """Items and sub-headings share one counter per section; a number off the count is kept."""
    n = 0
    for p in paragraphs:
        if isinstance(p, dict) and "_n" in p:
            n += 1
            printed = p.pop("_n")
            if printed != str(n):
                p["number"] = f"{printed}."
        elif isinstance(p, dict) and p.get("kind") == "item" and "number" in p:
            n += 1


def basis(p: Para | str):
    """A "Căn cứ …" paragraph (italic by Decree 30) or text: the structured ``cite`` form when
    it parses, renders back the same and has no emphasis of its own; else its text."""
    p = Para(p) if isinstance(p, str) else p
    text = p.text.strip()
    written = p.marked(text, keep="i")
    m = CITE.match(text)
    if not m or written != escape(text):
        return written
    kind, number, day, month, year, issuer_name, about = m.groups()
    if any(verb in issuer_name for verb in VERBS):
        return written                  # "của Văn phòng Chính phủ hướng dẫn về …": not an issuer
    # the official date prints a leading zero only below 10 for days and for months 1-2
    if (int(day) < 10) != day.startswith("0") or (int(month) <= 2) != month.startswith("0"):
        return written
    return {"cite": {"type": kind, "number": escape(number), "date": f"{year}-{month}-{day}",
                     "issuer": escape(issuer_name), "about": escape(about)}}
