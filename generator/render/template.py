"""Build templates/plan.docx: the page, the styles and the page-number header, all restylable.

The template is what a user opens in Word or LibreOffice to change the house style: every
generated paragraph names one of its styles (styles.SPECS), and its section properties
(margins, header distance, page-number header) are copied into every section of a render.
Its body is three docxtpl tags, one per document, and an empty closing paragraph.
Rebuilding gives the same bytes (templates/make_templates.py, tests/render/test_template.py).
"""
from __future__ import annotations

from datetime import datetime
from io import BytesIO

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, Twips

from generator import page
from generator.render import geometry, ooxml, package
from generator.render.styles import PAGE_NUMBER, SECTION_BREAK, SPECS, TAGS, StyleSpec, style_id

KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
_DROPPED_RELATIONS = ("thumbnail", "stylesWithEffects", "customXml")
TEMPLATE_DATE = datetime(2020, 1, 1)
BODY_SIZE_PT = 14
LANGUAGE = "vi-VN"


def build_template() -> bytes:
    document = Document()
    _drop_stock_parts(document)
    _styles(document)
    _page(document.sections[0])
    _headers(document.sections[0])
    _body(document)
    _properties(document)
    out = BytesIO()
    document.save(out)
    return package.normalize(out.getvalue())


def _drop_stock_parts(document) -> None:
    """python-docx's stock template carries a Letter-size thumbnail and Word 2010 leftovers."""
    for rels in (document.part.package.rels, document.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _DROPPED_RELATIONS:
                rels.pop(rid)


def _styles(document) -> None:
    root = document.styles.element
    ooxml.keep_styles(root, KEPT_STYLES)
    ooxml.defaults(root, BODY_SIZE_PT, LANGUAGE)
    for spec in SPECS:
        _add_style(document, spec)
    ooxml.times_everywhere(root)


def _add_style(document, spec: StyleSpec) -> None:
    kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
    style = document.styles.add_style(spec.name, kind)
    assert style.style_id == style_id(spec.name)
    style.quick_style = True
    if not spec.character:
        style.base_style = document.styles[spec.base]
        _paragraph_format(style.paragraph_format, spec)
    font = style.font
    font.name = ooxml.FONT
    if spec.size is not None:
        font.size = Pt(spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
    if spec.border_top:
        ooxml.border_top(style.element.get_or_add_pPr())


def _paragraph_format(fmt, spec: StyleSpec) -> None:
    if spec.align is not None:
        fmt.alignment = _ALIGN[spec.align]
    if spec.first_line_mm is not None:
        fmt.first_line_indent = Twips(page.twips(spec.first_line_mm))
    if spec.before_pt is not None:
        fmt.space_before = Pt(spec.before_pt)
    if spec.after_pt is not None:
        fmt.space_after = Pt(spec.after_pt)
    if spec.line is not None:
        fmt.line_spacing = spec.line
    if spec.exact_line_pt is not None:
        fmt.line_spacing = Pt(spec.exact_line_pt)
    if spec.keep_next is not None:
        fmt.keep_with_next = spec.keep_next
    if spec.widow_control is not None:
        fmt.widow_control = spec.widow_control


def _page(section) -> None:
    """A4 portrait with the margins of page.py; renders derive every section from this."""
    section.page_width = Twips(geometry.A4_SHORT)
    section.page_height = Twips(geometry.A4_LONG)
    section.top_margin = Twips(page.twips(page.MARGIN_TOP_MM))
    section.bottom_margin = Twips(page.twips(page.MARGIN_BOTTOM_MM))
    section.left_margin = Twips(page.twips(page.MARGIN_LEFT_MM))
    section.right_margin = Twips(page.twips(page.MARGIN_RIGHT_MM))
    section.header_distance = Twips(page.twips(page.HEADER_DISTANCE_MM))
    section.footer_distance = Twips(page.twips(page.HEADER_DISTANCE_MM))
    section.gutter = Mm(0)


def _headers(section) -> None:
    """A centred PAGE field on every page but a section's first (``w:titlePg``)."""
    section.different_first_page_header_footer = True
    numbered = section.header.paragraphs[0]
    ooxml.set_style(numbered._p, PAGE_NUMBER)
    for node in ooxml.field_runs("PAGE", "1"):
        numbered._p.append(node)
    ooxml.set_style(section.first_page_header.paragraphs[0]._p, PAGE_NUMBER)


def _body(document) -> None:
    body = document.element.body
    for node in list(body):
        if node.tag != ooxml.qn("w:sectPr"):
            body.remove(node)
    for tag in TAGS:
        document.add_paragraph(f"{{{{p {tag} }}}}", style=document.styles["Plan Body"])
    document.add_paragraph("", style=document.styles[SECTION_BREAK])


def _properties(document) -> None:
    props = document.core_properties
    props.title = "plangen: Quyết định, Kế hoạch, Phụ lục"
    props.author = props.last_modified_by = "plangen"
    props.created = props.modified = TEMPLATE_DATE
    props.revision = 1
    props.comments = "Restyle the 'Plan …' styles; keep the three tag paragraphs."
