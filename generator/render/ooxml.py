"""Every w: element the renderer writes, as markup or lxml elements, in one place.

Callers speak in style names, text and twips; only this module knows tags, attribute names
and the element order the schema demands (Word refuses some out-of-order properties).

Content is written as markup, escaped exactly as lxml would serialise it, so markup made
here and markup lxml writes from elements (redlines) splice into one document alike. lxml is
imported by the functions that make elements only: a build from a cached skeleton writes
markup alone and never loads it.
"""
from __future__ import annotations

import copy
import functools
from typing import TYPE_CHECKING, Iterable, Sequence

from generator.plan.emphasis import Span, marked, spans
from generator.plan.xmlchars import NOT_XML
from generator.render.geometry import Page
from generator.render.styles import style_id

if TYPE_CHECKING:
    from lxml import etree

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


# --- markup -----------------------------------------------------------------------------------
# Runs, paragraphs, cells, rows and tables are written as XML text: an appendix holds
# thousands of them, and building each element one Python call at a time was most of a
# render. Whoever needs elements (a redline) parses the markup (``elements``), so there is
# one description of each element.

_HOLDER_OPEN = f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
_HOLDER_CLOSE = "</w:body>"
# "&" first, so that the "&" of an escape already made is not escaped again.
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTRIBUTE_ESCAPES = _TEXT_ESCAPES + (('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"))


def escape(text: str) -> str:
    """``text`` as character data, escaped exactly as lxml serialises it."""
    _refuse_not_xml(text)
    return _replaced(text, _TEXT_ESCAPES)


def escape_attribute(value: str) -> str:
    """``value`` as an attribute value, escaped exactly as lxml serialises it."""
    _refuse_not_xml(value)
    return _replaced(value, _ATTRIBUTE_ESCAPES)


def _replaced(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    """``text`` with each character of ``escapes`` replaced, one scan per character:
    ``str.translate`` with a table of strings looks up every character of a Vietnamese text
    in it, 10 times slower (the escapes were a quarter of a one-plan render)."""
    for char, escaped in escapes:
        text = text.replace(char, escaped)
    return text


def _refuse_not_xml(text: str) -> None:
    """What XML cannot hold is refused as lxml refuses it when such text is set on an element."""
    if NOT_XML.search(text):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, "
                         "no NULL bytes or control characters")


def elements(markup: str) -> list[etree._Element]:
    """The elements of ``markup`` (a sequence of ``w:`` elements), parsed in one call."""
    from lxml import etree
    return list(etree.fromstring(_HOLDER_OPEN + markup + _HOLDER_CLOSE))


def markup(nodes: Sequence[etree._Element]) -> str:
    """``nodes`` serialised as body-level markup, in the ``w:``/``r:`` prefixes of a document.

    The nodes move into a holder that declares both namespaces, so none of them repeats a
    declaration the document already makes.
    """
    from lxml import etree
    if not nodes:
        return ""
    holder = etree.Element(qn("w:body"), nsmap=NSMAP)
    holder.extend(nodes)
    xml = etree.tostring(holder, encoding="unicode")
    return xml[xml.index(">") + 1:xml.rindex("<")]


def _one(markup: str) -> etree._Element:
    return elements(markup)[0]


def _tag(tag: str, attrs: dict[str, object] | None = None) -> str:
    """An empty element's markup; attributes in the order given."""
    if not attrs:
        return f"<{tag}/>"
    written = " ".join(f'{name}="{escape_attribute(str(value))}"' for name, value in attrs.items())
    return f"<{tag} {written}/>"


def el(tag: str, attrs: dict[str, str] | None = None, *children: etree._Element) -> etree._Element:
    """An element; attribute names are prefixed (``w:val``) like the tag.

    No namespace map here: lxml reuses the ``w:`` declaration of the tree the element joins,
    and markup() always serialises inside a holder that declares it.
    """
    from lxml import etree
    node = etree.Element(qn(tag))
    for name, value in (attrs or {}).items():
        node.set(qn(name), str(value))
    node.extend(children)
    return node


def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    from lxml import etree
    node = etree.SubElement(parent, qn(tag))
    for name, value in (attrs or {}).items():
        node.set(qn(name), str(value))
    return node


# --- runs -------------------------------------------------------------------------------------

_FONTS = _tag("w:rFonts", {f"w:{slot}": FONT for slot in FONT_SLOTS})


def fonts() -> etree._Element:
    """Times New Roman in all four font slots (Decree 30; python-docx sets only two)."""
    return _one(_FONTS)


@functools.lru_cache(maxsize=64)
def _run_props(char_style: str | None, bold: bool = False, italic: bool = False,
               underline: bool = False) -> str:
    style = _tag("w:rStyle", {"w:val": style_id(char_style)}) if char_style else ""
    emphasis = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + \
        ('<w:u w:val="single"/>' if underline else "")
    return f"<w:rPr>{style}{_FONTS}{emphasis}</w:rPr>"


def run_xml(text: str, char_style: str | None = None) -> str:
    """The runs of ``text``: one per emphasis span (plan/emphasis.py, ``**bold**`` …), with
    ``w:b``, ``w:i`` or ``w:u``; line breaks and tabs inside become ``w:br`` and ``w:tab``.

    Formatting comes from styles only (so restyling the template works); the font slots are
    the exception Decree 30 demands, and emphasis the exception the plan asks for. Text
    without markup is one run, as it always was.
    """
    if not marked(text):
        return _run_xml(Span(text), char_style)
    return "".join(_run_xml(span, char_style) for span in spans(text)) or _run_xml(Span(""), char_style)


def _run_xml(span: Span, char_style: str | None) -> str:
    text = span.text
    props = _run_props(char_style, span.bold, span.italic, span.underline)
    if "\n" not in text and "\r" not in text and "\t" not in text:
        content = f'<w:t xml:space="preserve">{escape(text)}</w:t>' if text else ""
        return f"<w:r>{props}{content}</w:r>"
    out = ["<w:r>", props]
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            out.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if chunk:
                out.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    out.append("</w:r>")
    return "".join(out)


def field_runs(instruction: str, shown: str) -> list[etree._Element]:
    """A complex field (``PAGE``): begin, instruction, separator, cached result, end."""
    def fld(kind: str) -> str:
        return f'<w:r>{_run_props(None)}<w:fldChar w:fldCharType="{kind}"/></w:r>'

    instr = (f'<w:r>{_run_props(None)}<w:instrText xml:space="preserve"> {escape(instruction)} '
             "</w:instrText></w:r>")
    return elements(fld("begin") + instr + fld("separate") + run_xml(shown) + fld("end"))


# --- paragraphs -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=256)
def _paragraph_props(style: str, indent: tuple[int, int] | None, keep_next: bool) -> str:
    out = ["<w:pPr>", _tag("w:pStyle", {"w:val": style_id(style)})]
    if keep_next:
        out.append("<w:keepNext/>")
    if indent is not None:
        out.append(_tag("w:ind", {"w:left": indent[0], "w:right": indent[1]}))
    out.append("</w:pPr>")
    return "".join(out)


def paragraph_xml(style: str, text: str = "", indent: tuple[int, int] | None = None,
                  keep_next: bool = False, runs: str = "") -> str:
    """A paragraph of ``style`` holding ``text`` (its emphasis as runs), or ready ``runs``.

    ``indent`` is (left, right); ``keep_next`` holds it on the page of what follows (the
    body's end with the signature).
    """
    content = run_xml(text) if text else runs
    return f"<w:p>{_paragraph_props(style, indent, keep_next)}{content}</w:p>"


def rule_xml(style: str, length: int, available: int) -> str:
    """A drawn rule: an empty paragraph whose top border is ``length`` twips, centred."""
    slack = max(available - length, 0)
    return paragraph_xml(style, indent=(slack // 2, slack - slack // 2))


def section_break_xml(style: str, section: str) -> str:
    """The empty paragraph that ends a section and carries its properties (``section``, a
    ``w:sectPr`` as markup)."""
    props = _paragraph_props(style, None, False)
    return f"<w:p>{props[:-len('</w:pPr>')]}{section}</w:pPr></w:p>"


# --- pictures ---------------------------------------------------------------------------------

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
EMU_PER_TWIP = 635


def picture_run_xml(rel_id: str, number: int, name: str, description: str,
                    width: int, height: int) -> str:
    """A run holding an inline picture ``width`` × ``height`` twips, the image the package
    relates to the document under ``rel_id``; ``number`` is unique among the document's
    drawings, ``description`` its alternative text.

    The drawing namespaces are declared on the drawing itself, so the markup stands alone
    wherever it is spliced or parsed.
    """
    cx, cy = width * EMU_PER_TWIP, height * EMU_PER_TWIP
    extent = {"cx": cx, "cy": cy}
    return (f"<w:r>{_run_props(None)}<w:drawing>"
            f'<wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0">'
            + _tag("wp:extent", extent)
            + _tag("wp:docPr", {"id": number, "name": name, "descr": description})
            + f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A_NS}" noChangeAspect="1"/>'
            f'</wp:cNvGraphicFramePr><a:graphic xmlns:a="{A_NS}">'
            f'<a:graphicData uri="{PIC_NS}"><pic:pic xmlns:pic="{PIC_NS}">'
            f"<pic:nvPicPr>{_tag('pic:cNvPr', {'id': number, 'name': name})}<pic:cNvPicPr/>"
            f"</pic:nvPicPr><pic:blipFill>{_tag('a:blip', {'r:embed': rel_id})}"
            "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
            + _tag("a:off", {"x": 0, "y": 0}) + _tag("a:ext", extent)
            + '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


# --- tables -----------------------------------------------------------------------------------

_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def table_xml(widths: Sequence[int], rows: str, borders: bool = True,
              cell_margin: int | None = None, top_margin: int | None = None) -> str:
    """A fixed-layout table: grid and width from ``widths`` (twips), then ``rows`` (markup).

    ``cell_margin`` sets the cells' left and right padding, ``top_margin`` their top padding.
    """
    return table_start(widths, borders, cell_margin, top_margin) + rows + TABLE_END


TABLE_END = "</w:tbl>"


def table_start(widths: Sequence[int], borders: bool = True, cell_margin: int | None = None,
                top_margin: int | None = None) -> str:
    """table_xml() up to its rows: for a table written row by row (an appendix's)."""
    return _table_start(tuple(widths), borders, cell_margin, top_margin)


@functools.lru_cache(maxsize=64)
def _table_start(widths: tuple[int, ...], borders: bool, cell_margin: int | None,
                 top_margin: int | None) -> str:
    """Cached: every plan of a tree starts the same few tables (~40 tags to write each)."""
    edge = {"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000"} \
        if borders else {"w:val": "nil"}
    out = ["<w:tbl><w:tblPr>", _tag("w:tblW", {"w:w": sum(widths), "w:type": "dxa"}),
           _tag("w:jc", {"w:val": "center"}), "<w:tblBorders>"]
    out += [_tag(f"w:{side}", edge) for side in _BORDER_SIDES]
    out += ["</w:tblBorders>", _tag("w:tblLayout", {"w:type": "fixed"})]
    if cell_margin is not None or top_margin is not None:
        sides = {"top": top_margin, "left": cell_margin, "right": cell_margin}
        out.append("<w:tblCellMar>")
        out += [_tag(f"w:{side}", {"w:w": width, "w:type": "dxa"})
                for side, width in sides.items() if width is not None]
        out.append("</w:tblCellMar>")
    out.append(_tag("w:tblLook", {"w:val": "0000", "w:firstRow": 0, "w:lastRow": 0,
                                  "w:firstColumn": 0, "w:lastColumn": 0, "w:noHBand": 1,
                                  "w:noVBand": 1}))
    out.append("</w:tblPr><w:tblGrid>")
    out += [_tag("w:gridCol", {"w:w": width}) for width in widths]
    out.append("</w:tblGrid>")
    return "".join(out)


def table(widths: Sequence[int], rows: Iterable[etree._Element], borders: bool = True,
          cell_margin: int | None = None, top_margin: int | None = None) -> etree._Element:
    """table_xml() as an element, holding ready rows."""
    node = _one(table_xml(widths, "", borders, cell_margin, top_margin))
    node.extend(rows)
    return node


def row_xml(cells: str, header: bool = False, may_split: bool = False) -> str:
    """A row that never splits across pages unless ``may_split``; a header row repeats on
    every page."""
    props = ("" if may_split else "<w:cantSplit/>") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>" if props else f"<w:tr>{cells}</w:tr>"


@functools.lru_cache(maxsize=1024)
def _cell_props(width: int, span: int, vmerge: str | None, valign: str,
                shade: str | None = None) -> str:
    out = ["<w:tcPr>", _tag("w:tcW", {"w:w": width, "w:type": "dxa"})]
    if span > 1:
        out.append(_tag("w:gridSpan", {"w:val": span}))
    if vmerge == "restart":
        out.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        out.append("<w:vMerge/>")
    if shade:
        out.append(_tag("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": shade}))
    out += [_tag("w:vAlign", {"w:val": valign}), "</w:tcPr>"]
    return "".join(out)


def cell_xml(width: int, paragraphs: str, span: int = 1, vmerge: str | None = None,
             valign: str = "center", shade: str | None = None) -> str:
    """A cell ``width`` twips wide spanning ``span`` grid columns; ``vmerge`` restart|continue;
    ``shade`` a fill colour (hex RRGGBB) that marks the cell.

    A cell must hold at least one paragraph: callers pass an empty one for an empty cell.
    """
    return f"<w:tc>{_cell_props(width, span, vmerge, valign, shade)}{paragraphs}</w:tc>"


# --- sections ---------------------------------------------------------------------------------

_SECTION_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type",
                  "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
                  "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                  "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def _place(parent: etree._Element, child: etree._Element, order: Sequence[str]) -> None:
    """Insert ``child`` where the schema's sequence ``order`` wants it, replacing its twin."""
    from lxml import etree
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


def body_section(body: etree._Element) -> etree._Element:
    return body.find(qn("w:sectPr"))


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

    Tracked changes mark a whole paragraph as inserted or deleted here (review/redline).
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
