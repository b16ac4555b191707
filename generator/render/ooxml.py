"""Every w: element the renderer writes, built with lxml in one place.

Callers speak in style names, text and twips; only this module knows tags, attribute names
and the element order the schema demands (Word refuses some out-of-order properties).

Text goes into ``w:t`` as lxml text, so it is XML-escaped exactly once, by the serialiser.
Fragments handed to docxtpl additionally carry their braces as character references:
docxtpl rewrites ``{_{`` to ``{{`` in rendered output, and plan text must come out literally.
"""
from __future__ import annotations

import copy
import functools
from typing import Iterable, Sequence

from lxml import etree
from markupsafe import Markup

from .geometry import Page
from .styles import style_id

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"w": W_NS, "r": R_NS}
FONT = "Times New Roman"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


@functools.cache
def qn(tag: str) -> str:
    """``w:p`` → Clark notation ``{…main}p``."""
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def el(tag: str, attrs: dict[str, str] | None = None, *children: etree._Element) -> etree._Element:
    """An element; attribute names are prefixed (``w:val``) like the tag.

    No namespace map here: lxml reuses the ``w:`` declaration of the tree the element joins,
    and fragment() always serialises inside a holder that declares it.
    """
    node = etree.Element(qn(tag))
    for name, value in (attrs or {}).items():
        node.set(qn(name), str(value))
    node.extend(children)
    return node


def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    node = etree.SubElement(parent, qn(tag))
    for name, value in (attrs or {}).items():
        node.set(qn(name), str(value))
    return node


# --- runs -------------------------------------------------------------------------------------

def fonts() -> etree._Element:
    """Times New Roman in all four font slots (Decree 30; python-docx sets only two)."""
    return el("w:rFonts", {f"w:{slot}": FONT for slot in FONT_SLOTS})


@functools.cache
def _run_props(char_style: str | None) -> etree._Element:
    props = el("w:rPr")
    if char_style:
        sub(props, "w:rStyle", {"w:val": style_id(char_style)})
    props.append(fonts())
    return props


def run(text: str, char_style: str | None = None) -> etree._Element:
    """One run; line breaks and tabs inside the text become ``w:br`` and ``w:tab``.

    Formatting comes from styles only (so restyling the template works); the font slots are
    the exception Decree 30 demands. Run properties are copied from a cached prototype:
    tables hold thousands of runs.
    """
    node = el("w:r")
    node.append(copy.copy(_run_props(char_style)))
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            sub(node, "w:br")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                sub(node, "w:tab")
            if chunk:
                t = sub(node, "w:t")
                t.set(f"{{{XML_NS}}}space", "preserve")
                t.text = chunk
    return node


def field_runs(instruction: str, shown: str) -> list[etree._Element]:
    """A complex field (``PAGE``): begin, instruction, separator, cached result, end."""
    def fld(kind: str) -> etree._Element:
        node = run("")
        sub(node, "w:fldChar", {"w:fldCharType": kind})
        return node

    instr = run("")
    text = sub(instr, "w:instrText")
    text.set(f"{{{XML_NS}}}space", "preserve")
    text.text = f" {instruction} "
    return [fld("begin"), instr, fld("separate"), run(shown), fld("end")]


# --- paragraphs -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=256)
def _paragraph_props(style: str, indent: tuple[int, int] | None, keep_next: bool) -> etree._Element:
    props = el("w:pPr")
    sub(props, "w:pStyle", {"w:val": style_id(style)})
    if keep_next:
        sub(props, "w:keepNext")
    if indent is not None:
        sub(props, "w:ind", {"w:left": indent[0], "w:right": indent[1]})
    return props


def paragraph(style: str, content: str | Sequence[etree._Element] = "",
              indent: tuple[int, int] | None = None,
              keep_next: bool = False) -> etree._Element:
    """A paragraph of ``style``; ``content`` is text or ready runs; ``indent`` (left, right).

    ``keep_next`` holds it on the page of what follows (the body's end with the signature).
    """
    node = el("w:p")
    node.append(copy.copy(_paragraph_props(style, indent, keep_next)))
    if isinstance(content, str):
        if content:
            node.append(run(content))
    else:
        node.extend(content)
    return node


def rule(style: str, length: int, available: int) -> etree._Element:
    """A drawn rule: an empty paragraph whose top border is ``length`` twips, centred."""
    slack = max(available - length, 0)
    return paragraph(style, indent=(slack // 2, slack - slack // 2))


def section_break(style: str, section: etree._Element) -> etree._Element:
    """The empty paragraph that ends a section and carries its properties."""
    node = paragraph(style)
    node.find(qn("w:pPr")).append(section)
    return node


# --- tables -----------------------------------------------------------------------------------

_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def table(widths: Sequence[int], rows: Iterable[etree._Element], borders: bool = True,
          cell_margin: int | None = None, top_margin: int | None = None) -> etree._Element:
    """A fixed-layout table: grid and width from ``widths`` (twips), every row as given.

    ``cell_margin`` sets the cells' left and right padding, ``top_margin`` their top padding.
    """
    node = el("w:tbl")
    props = sub(node, "w:tblPr")
    sub(props, "w:tblW", {"w:w": sum(widths), "w:type": "dxa"})
    sub(props, "w:jc", {"w:val": "center"})
    edges = sub(props, "w:tblBorders")
    for side in _BORDER_SIDES:
        attrs = {"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000"} \
            if borders else {"w:val": "nil"}
        sub(edges, f"w:{side}", attrs)
    sub(props, "w:tblLayout", {"w:type": "fixed"})
    if cell_margin is not None or top_margin is not None:
        margins = sub(props, "w:tblCellMar")
        sides = {"top": top_margin, "left": cell_margin, "right": cell_margin}
        for side, width in sides.items():
            if width is not None:
                sub(margins, f"w:{side}", {"w:w": width, "w:type": "dxa"})
    sub(props, "w:tblLook", {"w:val": "0000", "w:firstRow": 0, "w:lastRow": 0,
                             "w:firstColumn": 0, "w:lastColumn": 0, "w:noHBand": 1,
                             "w:noVBand": 1})
    grid = sub(node, "w:tblGrid")
    for width in widths:
        sub(grid, "w:gridCol", {"w:w": width})
    node.extend(rows)
    return node


def row(cells: Iterable[etree._Element], header: bool = False) -> etree._Element:
    """A row that never splits across pages; a header row repeats on every page."""
    node = el("w:tr")
    props = sub(node, "w:trPr")
    sub(props, "w:cantSplit")
    if header:
        sub(props, "w:tblHeader")
    node.extend(cells)
    return node


def cell(width: int, paragraphs: Sequence[etree._Element], span: int = 1,
         vmerge: str | None = None, valign: str = "center") -> etree._Element:
    """A cell ``width`` twips wide spanning ``span`` grid columns; ``vmerge`` restart|continue.

    A cell must hold at least one paragraph: callers pass an empty one for an empty cell.
    """
    node = el("w:tc")
    props = sub(node, "w:tcPr")
    sub(props, "w:tcW", {"w:w": width, "w:type": "dxa"})
    if span > 1:
        sub(props, "w:gridSpan", {"w:val": span})
    if vmerge == "restart":
        sub(props, "w:vMerge", {"w:val": "restart"})
    elif vmerge == "continue":
        sub(props, "w:vMerge")
    sub(props, "w:vAlign", {"w:val": valign})
    node.extend(paragraphs)
    return node


# --- sections ---------------------------------------------------------------------------------

_SECTION_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type",
                  "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
                  "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                  "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def _place(parent: etree._Element, child: etree._Element, order: Sequence[str]) -> None:
    """Insert ``child`` where the schema's sequence ``order`` wants it, replacing its twin."""
    local = etree.QName(child).localname
    for old in parent.findall(child.tag):
        parent.remove(old)
    rank = order.index(local)
    for i, sibling in enumerate(parent):
        if order.index(etree.QName(sibling).localname) > rank:
            parent.insert(i, child)
            return
    parent.append(child)


def section(base: etree._Element, page: Page, first_page_unnumbered: bool,
            restart_numbering: bool) -> etree._Element:
    """Section properties derived from the template's (margins, header parts kept).

    ``first_page_unnumbered`` sets ``w:titlePg``, which shows the template's empty first-page
    header on the section's first page; ``restart_numbering`` counts pages from 1 again.
    """
    node = copy.deepcopy(base)
    orient = {"w:orient": "landscape"} if page.landscape else {}
    _place(node, el("w:pgSz", {"w:w": page.width, "w:h": page.height, **orient}), _SECTION_ORDER)
    numbering = node.find(qn("w:pgNumType"))
    if restart_numbering:
        _place(node, el("w:pgNumType", {"w:start": 1}), _SECTION_ORDER)
    elif numbering is not None:
        node.remove(numbering)
    title_page = node.find(qn("w:titlePg"))
    if first_page_unnumbered:
        _place(node, el("w:titlePg"), _SECTION_ORDER)
    elif title_page is not None:
        node.remove(title_page)
    return node


def replace_section(body: etree._Element, new: etree._Element) -> None:
    """Give the document's last section (the body's own ``w:sectPr``) new properties."""
    old = body.find(qn("w:sectPr"))
    body.replace(old, new)


def body_section(body: etree._Element) -> etree._Element:
    return body.find(qn("w:sectPr"))


# --- fragments for docxtpl --------------------------------------------------------------------

def fragment(elements: Sequence[etree._Element]) -> Markup:
    """Body-level XML for a ``{{p name }}`` tag: trusted markup, its braces neutralised."""
    if not elements:
        return Markup("")
    holder = etree.Element(qn("w:body"), nsmap=NSMAP)
    holder.extend(elements)
    xml = etree.tostring(holder, encoding="unicode")
    inner = xml[xml.index(">") + 1:xml.rindex("<")]
    return Markup(inner.replace("{", "&#123;").replace("}", "&#125;"))


# --- template parts (styles, defaults, header) -----------------------------------------------

_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
              "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")
_THEME_SLOTS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def times_everywhere(root: etree._Element) -> None:
    """Every ``w:rFonts`` under ``root`` names Times New Roman in all slots, no theme fonts."""
    for node in root.iter(qn("w:rFonts")):
        for slot in _THEME_SLOTS:
            node.attrib.pop(qn(f"w:{slot}"), None)
        for slot in FONT_SLOTS:
            node.set(qn(f"w:{slot}"), FONT)


def defaults(styles_root: etree._Element, size_pt: float, lang: str) -> None:
    """Document defaults: the font, body size and language; no spacing (styles add it)."""
    defaults_node = styles_root.find(qn("w:docDefaults"))
    run_props = defaults_node.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    run_props.clear()
    half_points = str(int(size_pt * 2))
    run_props.extend([fonts(), el("w:sz", {"w:val": half_points}),
                      el("w:szCs", {"w:val": half_points}),
                      el("w:lang", {"w:val": lang, "w:eastAsia": lang, "w:bidi": "ar-SA"})])
    par_props = defaults_node.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    par_props.clear()
    par_props.append(el("w:spacing", {"w:after": 0, "w:line": 240, "w:lineRule": "auto"}))


def keep_styles(styles_root: etree._Element, keep: set[str]) -> None:
    """Drop every style whose id is not in ``keep`` (the stock Word styles nobody here uses)."""
    for node in styles_root.findall(qn("w:style")):
        if node.get(qn("w:styleId")) not in keep:
            styles_root.remove(node)


def border_top(par_props: etree._Element) -> None:
    """A thin top border: the drawn rule of Decree 30 (not underscores)."""
    borders = el("w:pBdr")
    sub(borders, "w:top", {"w:val": "single", "w:sz": 6, "w:space": 1, "w:color": "000000"})
    _place(par_props, borders, _PPR_ORDER)


def paragraph_mark_props(paragraph_node: etree._Element) -> etree._Element:
    """The run properties of the paragraph mark (``w:pPr/w:rPr``), created in schema order.

    Tracked changes mark a whole paragraph as inserted or deleted here (redline.py).
    """
    props = paragraph_node.find(qn("w:pPr"))
    if props is None:
        props = el("w:pPr")
        paragraph_node.insert(0, props)
    mark = props.find(qn("w:rPr"))
    if mark is None:
        mark = el("w:rPr")
        _place(props, mark, _PPR_ORDER)
    return mark


def set_style(paragraph_node: etree._Element, style: str) -> None:
    """Give an existing paragraph (the template's header) the style ``style``."""
    props = paragraph_node.find(qn("w:pPr"))
    if props is None:
        props = el("w:pPr")
        paragraph_node.insert(0, props)
    _place(props, el("w:pStyle", {"w:val": style_id(style)}), _PPR_ORDER)
