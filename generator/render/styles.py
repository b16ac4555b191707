"""The names the template defines, which both the template builder and the renderer read: its
styles, and the three docxtpl tags its body holds (one per document).

Generated paragraphs carry only a style name (plus the Times New Roman slots that Decree 30
requires on every run), so a user who restyles "Plan Body" in Word or LibreOffice changes
every body paragraph of every later render. Sizes follow Decree 30/2020, Appendix I: letterhead 13 pt
except the motto and the date line (14), body 14, recipients 12/11, tables 12.
"""
from __future__ import annotations

from generator.record import record

TAGS = ("decision", "plan", "appendix")


@record
class StyleSpec:
    """One style; None means "as the base style", so derived styles follow a restyled base."""

    name: str
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    align: str | None = None            # left | center | right | justify
    first_line_mm: float | None = None
    before_pt: float | None = None
    after_pt: float | None = None
    line: float | None = None           # a multiple of single spacing
    keep_next: bool | None = None
    widow_control: bool | None = None   # no first or last line of a paragraph alone on a page
    base: str = "Normal"
    character: bool = False             # a character style (bold labels inside a paragraph)
    border_top: bool = False            # the drawn rules under agency, motto and titles
    exact_line_pt: float | None = None  # a fixed line height (rules, section breaks)


def style_id(name: str) -> str:
    """The id Word and python-docx derive from a style name ("Plan Body" → "PlanBody")."""
    return name.replace(" ", "")


BODY_LINE = 1.2

PARENT_AGENCY = "Plan Parent Agency"
AGENCY = "Plan Agency"
NUMBER = "Plan Number"
NATION = "Plan Nation"
MOTTO = "Plan Motto"
PLACE_DATE = "Plan Place Date"
RULE = "Plan Rule"
DOC_TYPE = "Plan Document Type"
ABSTRACT = "Plan Abstract"
ATTACHED = "Plan Attached"
AUTHORITY = "Plan Authority"
DECIDES = "Plan Decides"
BODY = "Plan Body"
BASIS = "Plan Basis"
NOTE = "Plan Note"
SECTION_HEADING = "Plan Section Heading"
SUB_HEADING = "Plan Sub Heading"
ARTICLE_LABEL = "Plan Article Label"
RECIPIENTS_HEADING = "Plan Recipients Heading"
RECIPIENT = "Plan Recipient"
SIGNER = "Plan Signer"
SIGNER_NAME = "Plan Signer Name"
APPENDIX_LABEL = "Plan Appendix Label"
APPENDIX_TITLE = "Plan Appendix Title"
APPENDIX_ATTACHED = "Plan Appendix Attached"
PART_HEADING = "Plan Part Heading"
TABLE_HEADER = "Plan Table Header"
TABLE_TEXT = "Plan Table Text"
TABLE_CENTER = "Plan Table Center"
TABLE_GROUP = "Plan Table Group"
TABLE_GROUP_NUMBER = "Plan Table Group Number"
PAGE_NUMBER = "Plan Page Number"
SECTION_BREAK = "Plan Section Break"

_LETTERHEAD = dict(align="center")
_CENTERED_TITLE = dict(align="center", bold=True)
_JUSTIFIED = dict(align="justify", first_line_mm=12.7, after_pt=6, line=BODY_LINE)
_CELL = dict(size=12, before_pt=2, after_pt=2)

# In dependency order: a style's base comes before it.
SPECS: tuple[StyleSpec, ...] = (
    StyleSpec(PARENT_AGENCY, size=13, **_LETTERHEAD),
    StyleSpec(AGENCY, size=13, bold=True, **_LETTERHEAD),
    StyleSpec(NUMBER, size=13, before_pt=6, **_LETTERHEAD),
    StyleSpec(NATION, size=13, bold=True, **_LETTERHEAD),
    StyleSpec(MOTTO, size=14, bold=True, **_LETTERHEAD),
    StyleSpec(PLACE_DATE, size=14, italic=True, before_pt=6, **_LETTERHEAD),
    StyleSpec(RULE, size=2, align="center", border_top=True, before_pt=3, exact_line_pt=3,
              after_pt=3),
    StyleSpec(DOC_TYPE, before_pt=18, **_CENTERED_TITLE),
    StyleSpec(ABSTRACT, **_CENTERED_TITLE),
    StyleSpec(ATTACHED, italic=True, align="center"),
    StyleSpec(AUTHORITY, before_pt=6, after_pt=12, **_CENTERED_TITLE),
    StyleSpec(DECIDES, before_pt=6, after_pt=12, keep_next=True, **_CENTERED_TITLE),
    StyleSpec(BODY, widow_control=True, **_JUSTIFIED),
    StyleSpec(BASIS, italic=True, base=BODY),
    StyleSpec(NOTE, italic=True, base=BODY),
    StyleSpec(SECTION_HEADING, bold=True, keep_next=True, base=BODY),
    StyleSpec(SUB_HEADING, bold=True, keep_next=True, base=BODY),
    StyleSpec(ARTICLE_LABEL, bold=True, character=True),
    StyleSpec(RECIPIENTS_HEADING, size=12, bold=True, italic=True),
    StyleSpec(RECIPIENT, size=11),
    StyleSpec(SIGNER, size=14, bold=True, align="center", keep_next=True),
    StyleSpec(SIGNER_NAME, before_pt=72, keep_next=False, base=SIGNER),
    StyleSpec(APPENDIX_LABEL, **_CENTERED_TITLE),
    StyleSpec(APPENDIX_TITLE, base=APPENDIX_LABEL),
    StyleSpec(APPENDIX_ATTACHED, italic=True, align="center"),
    StyleSpec(PART_HEADING, bold=True, align="justify", before_pt=6, after_pt=6,
              keep_next=True),
    StyleSpec(TABLE_TEXT, **_CELL),
    StyleSpec(TABLE_HEADER, bold=True, align="center", base=TABLE_TEXT),
    StyleSpec(TABLE_CENTER, align="center", base=TABLE_TEXT),
    StyleSpec(TABLE_GROUP, bold=True, keep_next=True, base=TABLE_TEXT),
    StyleSpec(TABLE_GROUP_NUMBER, align="center", base=TABLE_GROUP),
    StyleSpec(PAGE_NUMBER, size=13, align="center"),
    StyleSpec(SECTION_BREAK, size=1, exact_line_pt=1),
)
