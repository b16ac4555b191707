"""The body of the decision (Quyết định) and of the plan (Kế hoạch) as markup.

Each function returns the section's content without its section break; compose.py decides
where sections end; the ``*_blocks`` functions give it as keyed blocks (blocks.Block), which
is what a redline lines up. The closing block (recipients and signature) follows the
decision's articles when there is a decision, else the plan.
"""
from __future__ import annotations

import functools
import itertools

from generator.plan.model import Article, Decision, Paragraph, Plan
from generator.render import blocks, ooxml, styles
from generator.render.blocks import Block, item_key, joined, markup_of

_PARAGRAPH_STYLES = {"text": styles.BODY, "bullet": styles.BODY, "item": styles.BODY,
                     "heading": styles.SUB_HEADING, "note": styles.NOTE}


def _article(article: Article, last: bool) -> Block:
    text = blocks.closing_mark(article.text) if last else article.text
    runs = (ooxml.run_xml(f"Điều {article.number}.", char_style=styles.ARTICLE_LABEL)
            + ooxml.run_xml(f" {text}"))
    return Block(item_key("article", article.id, article.text),
                 ooxml.paragraph_xml(styles.BODY, keep_next=last, runs=runs))


def _bases(bases) -> list[Block]:
    return [Block(item_key("basis", None, basis), ooxml.paragraph_xml(styles.BASIS, basis))
            for basis in bases]


def decision_blocks(plan: Plan, body: Decision) -> list[Block]:
    """Letterhead, "QUYẾT ĐỊNH", trích yếu, authority, bases, "QUYẾT ĐỊNH:", articles, closing."""
    out = [Block(("letterhead",), blocks.letterhead(plan, numbered=True)),
           *blocks.title("QUYẾT ĐỊNH", body.title),
           Block(("authority",), ooxml.paragraph_xml(styles.AUTHORITY, body.authority))]
    out += _bases(body.bases)
    if body.proposal:
        out.append(Block(("proposal",), ooxml.paragraph_xml(styles.BASIS, body.proposal)))
    out.append(Block(("decides",), ooxml.paragraph_xml(styles.DECIDES, "QUYẾT ĐỊNH:")))
    count = len(body.articles)
    out += [_article(a, i == count - 1) for i, a in enumerate(body.articles)]
    out.append(blocks.closing(plan))
    return out


def decision(plan: Plan, body: Decision) -> str:
    """The decision as markup."""
    return markup_of(decision_blocks(plan, body))


def _paragraph(paragraph: Paragraph, last: bool, signed: bool) -> Block:
    """A body paragraph; the last takes "./." and, when signed here, stays with the signature."""
    text = paragraph.display
    return Block(item_key("paragraph", paragraph.id, paragraph.text),
                 _paragraph_xml(_PARAGRAPH_STYLES.get(paragraph.kind, styles.BODY),
                                blocks.closing_mark(text) if last else text, last and signed))


@functools.lru_cache(maxsize=1024)
def _paragraph_xml(style: str, text: str, keep_next: bool) -> str:
    """Cached: the plans of a tree repeat their parent's sections word for word."""
    return ooxml.paragraph_xml(style, text, keep_next=keep_next)


def plan_blocks(plan: Plan) -> list[Block]:
    """The Kế hoạch: full letterhead when issued alone; issuer and motto only when attached,
    or none when the plan says ``letterhead: false`` (some originals have none).

    Each section is one block of its heading and its paragraphs."""
    body = plan.plan
    attached = plan.decision is not None
    total = len(body.preamble) + sum(len(s.paragraphs) for s in body.sections)
    counted = itertools.count(1)

    def paragraphs(items) -> list[Block]:
        """The last paragraph of all takes "./.", whichever section holds it."""
        return [_paragraph(p, next(counted) == total, signed=not attached) for p in items]

    out = [Block(("letterhead",), blocks.letterhead(plan, numbered=not attached))] \
        if body.letterhead else []
    out += blocks.title("KẾ HOẠCH", body.title, body.attached)
    out += _bases(body.bases)
    out += paragraphs(body.preamble)
    for section in body.sections:
        heading = Block(("heading",), ooxml.paragraph_xml(
            styles.SECTION_HEADING, f"{section.number}. {section.heading}"))
        out.append(joined(item_key("section", section.id, section.heading),
                          [heading, *paragraphs(section.paragraphs)]))
    if not attached:
        out.append(blocks.closing(plan))
    return out


def plan_body(plan: Plan) -> str:
    """The plan as markup."""
    return markup_of(plan_blocks(plan))
