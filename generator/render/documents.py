"""The body of the decision (Quyết định) and of the plan (Kế hoạch) as markup.

Each function returns the section's content without its section break; compose.py decides
where sections end. The closing block (recipients and signature) follows the decision's
articles when there is a decision, else the plan.
"""
from __future__ import annotations

from generator.plan.model import Article, Decision, Paragraph, Plan, PlanBody
from generator.render import blocks, ooxml, styles

_PARAGRAPH_STYLES = {"text": styles.BODY, "bullet": styles.BODY, "item": styles.BODY,
                     "heading": styles.SUB_HEADING, "note": styles.NOTE}


def _article(article: Article, last: bool) -> str:
    text = blocks.closing_mark(article.text) if last else article.text
    runs = (ooxml.run_xml(f"Điều {article.number}.", char_style=styles.ARTICLE_LABEL)
            + ooxml.run_xml(f" {text}"))
    return ooxml.paragraph_xml(styles.BODY, keep_next=last, runs=runs)


def decision(plan: Plan, body: Decision) -> str:
    """Letterhead, "QUYẾT ĐỊNH", trích yếu, authority, bases, "QUYẾT ĐỊNH:", articles, closing."""
    out = [blocks.letterhead(plan, numbered=True), blocks.title("QUYẾT ĐỊNH", body.title),
           ooxml.paragraph_xml(styles.AUTHORITY, body.authority)]
    out += [ooxml.paragraph_xml(styles.BASIS, basis) for basis in body.bases]
    if body.proposal:
        out.append(ooxml.paragraph_xml(styles.BASIS, body.proposal))
    out.append(ooxml.paragraph_xml(styles.DECIDES, "QUYẾT ĐỊNH:"))
    count = len(body.articles)
    out += [_article(a, i == count - 1) for i, a in enumerate(body.articles)]
    out.append(blocks.closing(plan))
    return "".join(out)


def _paragraph(paragraph: Paragraph, last: bool, signed: bool) -> str:
    """A body paragraph; the last takes "./." and, when signed here, stays with the signature."""
    text = paragraph.display
    return ooxml.paragraph_xml(_PARAGRAPH_STYLES.get(paragraph.kind, styles.BODY),
                               blocks.closing_mark(text) if last else text,
                               keep_next=last and signed)


def _body_paragraphs(body: PlanBody) -> list[tuple[str | None, Paragraph]]:
    """Preamble and sections flattened to (style, paragraph), section headings included."""
    out = [(None, p) for p in body.preamble]
    for section in body.sections:
        heading = Paragraph("heading", section.heading, f"{section.number}.")
        out.append((styles.SECTION_HEADING, heading))
        out += [(None, p) for p in section.paragraphs]
    return out


def _last_text_index(items: list[tuple[str | None, Paragraph]]) -> int:
    """The paragraph that takes "./.": the last one that is not a section heading."""
    for i in range(len(items) - 1, -1, -1):
        if items[i][0] is None:
            return i
    return -1


def plan_body(plan: Plan) -> str:
    """The Kế hoạch: full letterhead when issued alone, issuer and motto only when attached."""
    body = plan.plan
    attached = plan.decision is not None
    out = [blocks.letterhead(plan, numbered=not attached),
           blocks.title("KẾ HOẠCH", body.title, body.attached)]
    out += [ooxml.paragraph_xml(styles.BASIS, basis) for basis in body.bases]
    items = _body_paragraphs(body)
    last = _last_text_index(items)
    for i, (style, paragraph) in enumerate(items):
        if style is None:
            out.append(_paragraph(paragraph, i == last, signed=not attached))
        else:
            out.append(ooxml.paragraph_xml(style, paragraph.display))
    if not attached:
        out.append(blocks.closing(plan))
    return "".join(out)
