"""Effective formatting: what a word processor shows for a run, a paragraph or a table.

A property can be set in the document defaults, the table style, the paragraph style (and the
styles it is based on), the run's character style, or directly on the run or paragraph; the
nearest setting wins. The rules judge what the reader sees, so they ask this module rather
than the direct properties. Simplifications, kept on purpose: bold and italic take the nearest
setting (Word XORs toggles across style levels, which hand-made documents rarely rely on), and
table-style conditional formats and numbering indents are ignored.
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from generator.check.reader import w

FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme",
               "cs": "cstheme"}
_OFF = {"0", "false", "off"}
_NO_BORDER = {"nil", "none"}
_UNITS = {"mm": 1440 / 25.4, "cm": 1440 / 2.54, "in": 1440.0, "pt": 20.0, "pc": 240.0,
          "pi": 240.0}
_CONTAINERS = {w("body"), w("hdr"), w("ftr"), w("txbxContent"), w("footnote"), w("endnote")}


@dataclass(frozen=True)
class RunFormat:
    bold: bool
    italic: bool
    underline: bool
    size: float                                    # points; 10 when nothing sets it
    fonts: tuple[tuple[str, str | None], ...]      # (slot, font); "theme minorHAnsi" for a theme


@dataclass(frozen=True)
class ParaFormat:
    align: str | None            # w:jc value, "start"/"end" read as "left"/"right"
    first_line: int | None       # twips, negative for a hanging indent
    first_line_chars: int | None  # hundredths of a character, when the indent is given so
    before: int                  # twips
    after: int
    auto_spacing: bool           # before/after set to "auto" (HTML-like spacing)
    contextual: bool             # spacing dropped between paragraphs of the same style
    line: int | None
    line_rule: str               # "auto" (240ths of a line), "exact" or "atLeast" (twips)
    border_top: bool
    border_bottom: bool


def on(el: etree._Element | None) -> bool:
    """A present on/off element is on unless its w:val says otherwise."""
    return el is not None and el.get(w("val"), "true").lower() not in _OFF


def twips(value: str | None) -> int | None:
    """A twips measure, also accepting universal measures ("1cm", "12pt"); None if unreadable."""
    if value is None:
        return None
    text = value.strip()
    for unit, factor in _UNITS.items():
        if text.endswith(unit):
            return _number(text[:-2], factor)
    return _number(text, 1.0)


def _number(text: str, factor: float) -> int | None:
    try:
        return round(float(text) * factor)
    except ValueError:
        return None


def visible(border: etree._Element | None) -> bool:
    return border is not None and border.get(w("val"), "none") not in _NO_BORDER


class Styles:
    """Style lookup over word/styles.xml (which may be missing)."""

    def __init__(self, root: etree._Element | None):
        self._by_id: dict[str, etree._Element] = {}
        self._default: dict[str, str] = {}
        self._chains: dict[str | None, tuple[etree._Element, ...]] = {}
        self._rpr_default = self._ppr_default = None
        if root is None:
            return
        for style in root.findall(w("style")):
            sid = style.get(w("styleId"), "")
            self._by_id[sid] = style
            if on_attr(style.get(w("default"))):
                self._default.setdefault(style.get(w("type"), "paragraph"), sid)
        self._rpr_default = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self._ppr_default = root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")

    def chain(self, style_id: str | None) -> tuple[etree._Element, ...]:
        """The style and the styles it is based on, the root-most first; safe against cycles."""
        if style_id not in self._chains:
            out: list[etree._Element] = []
            seen: set[str] = set()
            current = style_id
            while current and current in self._by_id and current not in seen:
                seen.add(current)
                out.append(self._by_id[current])
                based = self._by_id[current].find(w("basedOn"))
                current = based.get(w("val")) if based is not None else None
            self._chains[style_id] = tuple(reversed(out))
        return self._chains[style_id]

    def _from_chain(self, style_id: str | None, child: str) -> list[etree._Element]:
        return [el for el in (s.find(w(child)) for s in self.chain(style_id)) if el is not None]

    def _ref(self, props: etree._Element | None, tag: str, kind: str) -> str | None:
        ref = props.find(w(tag)) if props is not None else None
        return ref.get(w("val")) if ref is not None else self._default.get(kind)

    def _table_style(self, el: etree._Element) -> str | None:
        """The style of the table that holds ``el``, None outside tables."""
        node = el.getparent()
        while node is not None and node.tag not in _CONTAINERS:
            if node.tag == w("tbl"):
                return self._ref(node.find(w("tblPr")), "tblStyle", "table")
            node = node.getparent()
        return None

    def run_layers(self, p: etree._Element, r: etree._Element) -> list[etree._Element]:
        """rPr elements that apply to run ``r`` of paragraph ``p``, the weakest first."""
        rpr = r.find(w("rPr"))
        layers = [self._rpr_default]
        layers += self._from_chain(self._table_style(p), "rPr")
        layers += self._from_chain(self._ref(p.find(w("pPr")), "pStyle", "paragraph"), "rPr")
        layers += self._from_chain(self._ref(rpr, "rStyle", "character"), "rPr")
        layers.append(rpr)
        return [el for el in layers if el is not None]

    def para_layers(self, p: etree._Element) -> list[etree._Element]:
        """pPr elements that apply to paragraph ``p``, the weakest first."""
        ppr = p.find(w("pPr"))
        layers = [self._ppr_default]
        layers += self._from_chain(self._table_style(p), "pPr")
        layers += self._from_chain(self._ref(ppr, "pStyle", "paragraph"), "pPr")
        layers.append(ppr)
        return [el for el in layers if el is not None]

    def table_layers(self, tbl: etree._Element) -> list[etree._Element]:
        """tblPr elements that apply to table ``tbl``, the weakest first."""
        tblpr = tbl.find(w("tblPr"))
        layers = self._from_chain(self._ref(tblpr, "tblStyle", "table"), "tblPr")
        return [el for el in layers + [tblpr] if el is not None]


def on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _OFF


def _last(layers: list[etree._Element], tag: str) -> etree._Element | None:
    found = None
    for layer in layers:
        el = layer.find(w(tag))
        if el is not None:
            found = el
    return found


def _attr(layers: list[etree._Element], tag: str, attr: str) -> str | None:
    value = None
    for layer in layers:
        el = layer.find(w(tag))
        if el is not None and el.get(w(attr)) is not None:
            value = el.get(w(attr))
    return value


def run_format(styles: Styles, p: etree._Element, r: etree._Element) -> RunFormat:
    """The formatting a reader sees on run ``r`` of paragraph ``p``."""
    layers = styles.run_layers(p, r)
    underline = _last(layers, "u")
    return RunFormat(
        bold=on(_last(layers, "b")),
        italic=on(_last(layers, "i")),
        underline=underline is not None and underline.get(w("val"), "single") != "none",
        size=_points(_attr(layers, "sz", "val")),
        fonts=tuple((slot, _font(layers, slot)) for slot in FONT_SLOTS),
    )


def _points(value: str | None) -> float:
    """w:sz counts half-points, or is a universal measure ("14pt"); 10 pt when unset."""
    if value is None:
        return 10.0
    amount = twips(value)
    if not amount:
        return 10.0
    return amount / 20 if value[-1:].isalpha() else amount / 2


def _font(layers: list[etree._Element], slot: str) -> str | None:
    """The font of one rFonts slot; a theme font beats a named one set at the same level."""
    value = None
    for layer in layers:
        fonts = layer.find(w("rFonts"))
        if fonts is None:
            continue
        theme = fonts.get(w(_THEME_ATTR[slot]))
        if theme:
            value = f"theme {theme}"
        elif fonts.get(w(slot)):
            value = fonts.get(w(slot))
    return value


def para_format(styles: Styles, p: etree._Element) -> ParaFormat:
    """The paragraph formatting a reader sees on ``p``."""
    layers = styles.para_layers(p)
    align = _attr(layers, "jc", "val")
    first_line, chars = _first_line(layers)
    auto = any(on_attr(_attr(layers, "spacing", f"{side}Autospacing"))
               for side in ("before", "after"))
    return ParaFormat(
        align={"start": "left", "end": "right"}.get(align, align),
        first_line=first_line,
        first_line_chars=chars,
        before=_spacing(layers, "before"),
        after=_spacing(layers, "after"),
        auto_spacing=auto,
        contextual=on(_last(layers, "contextualSpacing")),
        line=twips(_attr(layers, "spacing", "line")),
        line_rule=_attr(layers, "spacing", "lineRule") or "auto",
        border_top=visible(_border(layers, "pBdr", "top")),
        border_bottom=visible(_border(layers, "pBdr", "bottom")),
    )


def _first_line(layers: list[etree._Element]) -> tuple[int | None, int | None]:
    """(twips, chars): the nearest w:ind that sets a first-line or hanging indent decides."""
    result: tuple[int | None, int | None] = (None, None)
    for layer in layers:
        ind = layer.find(w("ind"))
        if ind is None:
            continue
        for attr, sign, in_chars in (("hangingChars", -1, True), ("firstLineChars", 1, True),
                                     ("hanging", -1, False), ("firstLine", 1, False)):
            value = twips(ind.get(w(attr)))
            if value is None or (in_chars and value == 0):
                continue
            result = (None, sign * value) if in_chars else (sign * value, None)
            break
    return result


def _spacing(layers: list[etree._Element], side: str) -> int:
    """Spacing before/after in twips; "lines" units (hundredths of a line) read as 12 pt lines."""
    value = 0
    for layer in layers:
        el = layer.find(w("spacing"))
        if el is None:
            continue
        lines = twips(el.get(w(f"{side}Lines")))
        plain = twips(el.get(w(side)))
        if lines:
            value = lines * 240 // 100
        elif plain is not None:
            value = plain
    return value


def _border(layers: list[etree._Element], group: str, side: str) -> etree._Element | None:
    found = None
    for layer in layers:
        el = layer.find(f"{w(group)}/{w(side)}")
        if el is not None:
            found = el
    return found


TABLE_SIDES = ("top", "left", "start", "bottom", "right", "end", "insideH", "insideV")


def table_borders(styles: Styles, tbl: etree._Element) -> list[str]:
    """The sides of ``tbl`` that show a border, from its style, its tblPr and its cells."""
    layers = styles.table_layers(tbl)
    shown = [s for s in TABLE_SIDES if visible(_border(layers, "tblBorders", s))]
    for tc in tbl.iter(w("tc")):
        for border in tc.findall(f"{w('tcPr')}/{w('tcBorders')}/*"):
            side = etree.QName(border).localname
            if visible(border) and side not in shown:
                shown.append(side)
    return shown


def table_layout_fixed(styles: Styles, tbl: etree._Element) -> bool:
    return _attr(styles.table_layers(tbl), "tblLayout", "type") == "fixed"
