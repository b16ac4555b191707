"""Any DOCX's body as plain paragraphs and tables, read defensively.

A file from Word, LibreOffice or plangen: styles or direct formatting, whatever the style names.
Bold, italic and underline are resolved the way a word processor does (run, then the run's
and the paragraph's style chains, then the document defaults), because headings and notes are
recognised by them when the file has no styles of ours; a paragraph keeps its runs' looks, so
that a bold amount inside a cell comes back as ``**20.000.000đ**`` (Para.marked). The package is checked before any XML
is parsed: an OLE file (an encrypted or pre-2007 Word file), a zip with no main document, or
members that declare more than a plan could ever hold are refused with one line.
"""
from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from generator.errors import UsageProblem
from generator.plan.emphasis import escape, escaped_chars
from generator.render.ooxml import W_NS

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_PART = 64 * 2**20          # a plan's document.xml is ~2 MB; no part of a plan needs more
MAX_TOTAL = 256 * 2**20        # all members together, as declared in the zip directory
MAX_MEMBERS = 10_000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


LOOKS = {"b": 1, "i": 2, "u": 4}                     # bits of a run's looks
MARKERS = (("**", 1), ("*", 2), ("__", 4))               # plan/emphasis.py's markers, by bit


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass
class Para:
    """A paragraph: its text (NFC; a line break is "\\n"), and how it looks."""

    text: str
    bold: bool = False
    italic: bool = False
    align: str = ""
    style: str = ""
    runs: tuple[tuple[str, int], ...] = ()     # (text, LOOKS bits) of each run, in order
    base: int = 0                              # the looks its paragraph style gives every run

    def marked(self, part: str | None = None, keep: str = "") -> str:
        """``part`` of the text (all of it by default; else a piece that ends where the text
        ends, as after a label "Điều 1. ") in the plan format: bold, italic and underlined
        runs as ``**…**``, ``*…*``, ``__…__`` (plan/emphasis.py), literal ``*``, ``_``, ``\\``
        escaped where they would read as markup.

        ``keep`` names the looks ("b", "i", "u") the plan's layout gives this paragraph anyway
        (a heading's bold, a note's italic): those are never written, nor what the paragraph
        style gives every run.
        """
        text = self.text if part is None else part
        drop = self.base | sum(LOOKS[k] for k in keep)
        if not any(bits & ~drop for _, bits in self.runs):
            return escape(text)                            # the fast path: no emphasis at all
        start = self.text.rfind(text) if part is not None else 0
        pieces = [unicodedata.normalize("NFC", t) for t, _ in self.runs]
        if start < 0 or "".join(pieces) != self.text:
            return escape(text)
        looks = [bits & ~drop for piece, (_, bits) in zip(pieces, self.runs) for _ in piece]
        return markup(text, looks[start:start + len(text)])


def markup(text: str, looks: list[int]) -> str:
    """``text`` whose characters have ``looks`` (LOOKS bits) with emphasis markers.

    A space takes only the looks of both its neighbours, so markers always touch a letter (a
    marker between two spaces would read as text); within a word, an underline follows the
    word's first letters (``__`` between two letters reads as text). Next to a marker, a
    literal ``*``, ``_`` or ``\\`` is always escaped.
    """
    if not any(looks):
        return escape(text)
    n = len(text)
    looks = list(looks)
    before = [0] * n                # the looks of the nearest non-space on each side (0: none)
    after = [0] * n
    last = 0
    for i in range(n):
        before[i] = last
        last = last if text[i].isspace() else looks[i]
    last = 0
    for i in reversed(range(n)):
        after[i] = last
        last = last if text[i].isspace() else looks[i]
    for i in range(n):
        if text[i].isspace():
            looks[i] = before[i] & after[i]
        elif i and text[i - 1].isalnum() and text[i].isalnum() and looks[i - 1] ^ looks[i] == 4:
            looks[i] = looks[i - 1]
    if not any(looks):
        return escape(text)
    written = escaped_chars(text)
    out: list[str] = []
    state = 0
    for i, (c, bits) in enumerate(zip(text, looks + [0])):
        if bits != state:
            out.append("".join(m for m, bit in MARKERS if (bits ^ state) & bit))
        nxt = looks[i + 1] if i + 1 < n else 0
        touching = bits != state or nxt != bits
        out.append("\\" + c if touching and c in "*_\\" else written[i])
        state = bits
    if state:
        out.append("".join(m for m, bit in MARKERS if state & bit))
    return "".join(out)


@dataclass
class Cell:
    paras: list[Para]
    span: int = 1
    vmerge: str | None = None          # "restart", "continue" or None

    @property
    def texts(self) -> list[str]:
        """The cell's paragraphs' texts, without the empty ones."""
        return [p.text for p in self.paras if p.text.strip()]

    def marked(self, keep: str = "") -> list[str]:
        """``texts`` in the plan format (Para.marked)."""
        return [p.marked(keep=keep) for p in self.paras if p.text.strip()]

    @property
    def text(self) -> str:
        return " / ".join(self.texts)


@dataclass
class Row:
    cells: list[Cell]
    header: bool = False


@dataclass
class Table:
    rows: list[Row]
    widths: list[int] = field(default_factory=list)     # grid columns, twips
    index: int = 0                                       # 1-based among the body's tables


class UnreadableFile(UsageProblem):
    """The file is not a DOCX this tool can read; one line says why."""

    def __init__(self, path: Path, why: str):
        super().__init__([f"{path}: {why}"], 1)


def read_body(path: Path) -> list[Para | Table]:
    """The body's paragraphs and tables in order (a table's nested tables as its paragraphs)."""
    document, styles = _parts(path)
    resolver = _Styles(styles)
    out: list[Para | Table] = []
    count = 0
    body = document.find(w("body"))
    if body is None:
        raise UnreadableFile(path, "not a Word document (no document body)")
    for element in _blocks(body):
        if element.tag == w("p"):
            out.append(_para(element, resolver))
        else:
            count += 1
            table = _table(element, resolver)
            table.index = count
            out.append(table)
    return out


def _parts(path: Path) -> tuple[etree._Element, etree._Element | None]:
    try:
        with open(path, "rb") as f:
            magic = f.read(8)
    except OSError as e:
        raise UnreadableFile(path, f"cannot read: {e.strerror or e}") from None
    if magic == OLE_MAGIC:
        raise UnreadableFile(path, "an encrypted or old-format (.doc) Word file; open it in Word "
                                   "and save it as an unprotected .docx")
    if not zipfile.is_zipfile(path):
        raise UnreadableFile(path, "not a DOCX file (a .docx is a zip package)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_TOTAL \
                    or any(i.file_size > MAX_PART for i in infos):
                raise UnreadableFile(path, "refused: its parts would expand to more than "
                                           f"{MAX_TOTAL // 2**20} MB (not a plan, or a zip bomb)")
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise UnreadableFile(path, "not a Word document (no word/document.xml)")
            document = etree.fromstring(zf.read("word/document.xml"), _PARSER)
            styles = (etree.fromstring(zf.read("word/styles.xml"), _PARSER)
                      if "word/styles.xml" in names else None)
            return document, styles
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as e:
        raise UnreadableFile(path, f"a damaged DOCX ({e})") from None
    except etree.XMLSyntaxError as e:
        raise UnreadableFile(path, f"a damaged DOCX (its XML does not parse: {e.msg})") from None
    except OSError as e:
        raise UnreadableFile(path, f"a damaged DOCX ({e})") from None


def _blocks(parent):
    """Paragraphs and tables of a body or cell, looking through content controls."""
    for child in parent:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from _blocks(content)


def _on(element) -> bool | None:
    """A toggle property (w:b, w:i): None when absent."""
    if element is None:
        return None
    return element.get(w("val"), "true") not in ("0", "false", "off", "none")


class _Styles:
    """Bold/italic/underline of a style through its ``basedOn`` chain, and the document defaults."""

    def __init__(self, root):
        self.by_id: dict[str, etree._Element] = {}
        self.default_para = ""
        self.defaults = {"b": None, "i": None, "u": None}
        self._cache: dict[tuple[str, str], bool | None] = {}
        if root is None:
            return
        for style in root.iter(w("style")):
            sid = style.get(w("styleId"), "")
            self.by_id[sid] = style
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
                self.default_para = sid
        rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        if rpr is not None:
            for key in self.defaults:
                self.defaults[key] = _on(rpr.find(w(key)))

    def prop(self, style_id: str, key: str) -> bool | None:
        if not self.by_id:
            return None
        cached = self._cache.get((style_id, key), ...)
        if cached is not ...:
            return cached
        value, seen, sid = None, set(), style_id
        while sid and sid not in seen and sid in self.by_id:
            seen.add(sid)
            style = self.by_id[sid]
            value = _on(style.find(f"{w('rPr')}/{w(key)}"))
            if value is not None:
                break
            based = style.find(w("basedOn"))
            sid = based.get(w("val")) if based is not None else ""
        self._cache[(style_id, key)] = value
        return value

    def given(self, style_id: str) -> int:
        """The LOOKS bits a paragraph of this style gives every run (style, then defaults)."""
        out = 0
        for key, bit in LOOKS.items():
            value = self.prop(style_id, key)
            out |= bit if (self.defaults[key] if value is None else value) else 0
        return out

    def name(self, style_id: str) -> str:
        style = self.by_id.get(style_id)
        name = style.find(w("name")) if style is not None else None
        return name.get(w("val"), "") if name is not None else style_id


def _para(p, styles: _Styles) -> Para:
    ppr = p.find(w("pPr"))
    style_id = ""
    align = ""
    if ppr is not None:
        ps = ppr.find(w("pStyle"))
        style_id = ps.get(w("val"), "") if ps is not None else ""
        jc = ppr.find(w("jc"))
        align = jc.get(w("val"), "") if jc is not None else ""
    style_id = style_id or styles.default_para
    pieces: list[str] = []
    looks: list[int] = []
    runs: list[tuple[str, int]] = []
    for run in p.iter(w("r")):
        if any(a.tag in (w("del"), w("moveFrom")) for a in run.iterancestors()):
            continue
        text = []
        for node in run:
            if node.tag == w("t"):
                text.append(node.text or "")
            elif node.tag == w("tab"):
                text.append("\t")
            elif node.tag in (w("br"), w("cr")):
                text.append("\n")
            elif node.tag == w("noBreakHyphen"):
                text.append("-")
        chunk = "".join(text)
        if not chunk:
            continue
        pieces.append(chunk)
        bits = _run_looks(run, style_id, styles) if chunk.strip() else 0   # a space's: its neighbours'
        runs.append((chunk, bits))
        if chunk.strip():
            looks.append(bits)
    text = unicodedata.normalize("NFC", "".join(pieces))
    base = styles.given(style_id)
    return Para(text=text, bold=bool(looks) and all(b & 1 for b in looks),
                italic=bool(looks) and all(b & 2 for b in looks), align=align,
                style=styles.name(style_id) if style_id else "", runs=tuple(runs), base=base)


_LOOK_TAGS = [(key, bit, w(key)) for key, bit in LOOKS.items()]
_RPR, _RSTYLE, _VAL = w("rPr"), w("rStyle"), w("val")


def _run_looks(run, para_style: str, styles: _Styles) -> int:
    """The run's LOOKS bits."""
    rpr = run.find(_RPR)
    rs = rpr.find(_RSTYLE) if rpr is not None else None
    out = 0
    for key, bit, tag in _LOOK_TAGS:
        value = _on(rpr.find(tag)) if rpr is not None else None
        if value is None and rs is not None:
            value = styles.prop(rs.get(_VAL, ""), key)
        if value is None:
            value = styles.prop(para_style, key)
        if value is None:
            value = styles.defaults.get(key)
        out |= bit if value else 0
    return out


def _table(tbl, styles: _Styles) -> Table:
    grid = tbl.find(w("tblGrid"))
    widths = [int(float(c.get(w("w"), "0") or 0)) for c in grid.iter(w("gridCol"))] \
        if grid is not None else []
    rows = []
    for tr in tbl.iterchildren(w("tr")):
        trpr = tr.find(w("trPr"))
        header = trpr is not None and _on(trpr.find(w("tblHeader"))) is True
        cells = []
        for tc in tr.iterchildren(w("tc")):
            tcpr = tc.find(w("tcPr"))
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(w("gridSpan"))
                span = int(gs.get(w("val"), "1")) if gs is not None else 1
                vm = tcpr.find(w("vMerge"))
                if vm is not None:
                    vmerge = vm.get(w("val"), "continue")
            paras = [_para(p, styles) for p in tc.iter(w("p"))]
            cells.append(Cell(paras, max(span, 1), vmerge))
        rows.append(Row(cells, header))
    return Table(rows, widths)
