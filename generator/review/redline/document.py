"""A redline: the new plan's documents with every change from the old plan as a tracked change.

Built from the two typed plans, not by comparing two DOCX files: each document is rendered by
the ordinary renderer as keyed blocks (render/blocks.py: articles, paragraphs and sections by
id, bases and recipients by text, the rest by name), and the two versions are lined up by key,
as ``plangen diff`` lines up its lists. Part tables are lined up row by row by task id, from
the two parts. Word and LibreOffice then list every change to accept or reject. Author and
date are fixed (the new plan's document date), so the same plans always give the same bytes.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from lxml import etree

from generator.plan.model import Plan
from generator.render import appendix, documents, ooxml
from generator.render.blocks import Block
from generator.render.compose import DEFAULT_TEMPLATE, DocumentSection, render_sections
from generator.render.geometry import LANDSCAPE, PORTRAIT, Page
from generator.review.redline import rows
from generator.review.redline.keyed import Pairing, diff_blocks, diff_pair
from generator.review.redline.marks import revision_date, stamp

AUTHOR = "plangen"


def render_redline(old: Plan, new: Plan, author: str = AUTHOR,
                   template: Path | str = DEFAULT_TEMPLATE, when: str | None = None) -> bytes:
    """The DOCX of ``new`` with its differences from ``old`` as tracked changes by ``author``,
    dated ``when`` (a w:date, ``2024-03-05T09:30:00Z``); by default midnight of ``new``'s
    document date, so that the same plans give the same bytes."""
    sections = redline_sections(old, new)
    day = new.document.date
    stamp((e for _, elements, _ in sections for e in elements), author,
          when or revision_date(date(day.year, day.month or 1, day.day or 1)))
    return render_sections(new, [DocumentSection(tag, ooxml.markup(elements), page)
                                 for tag, elements, page in sections], template)


def redline_sections(old: Plan, new: Plan) -> list[tuple[str, list[etree._Element], Page]]:
    """Decision, plan and appendix as (tag, elements, page); a document only one version has
    is wholly in or out."""
    out = []
    if old.decision is not None or new.decision is not None:
        out.append(("decision", diff_blocks(_decision(old), _decision(new)), PORTRAIT))
    out.append(("plan", diff_blocks(documents.plan_blocks(old), documents.plan_blocks(new)),
                PORTRAIT))
    if old.appendix is not None or new.appendix is not None:
        elements = diff_blocks(_appendix(old), _appendix(new), _part_tables(old, new))
        out.append(("appendix", elements, LANDSCAPE))
    return out


def _decision(plan: Plan) -> list[Block]:
    return documents.decision_blocks(plan, plan.decision) if plan.decision else []


def _appendix(plan: Plan) -> list[Block]:
    return appendix.appendix_blocks(plan.appendix) if plan.appendix else []


def _part_tables(old: Plan, new: Plan) -> Pairing:
    """Part tables are diffed from the two parts (rows by task id); the rest as blocks."""
    parts = [{p.id: p for p in plan.appendix.parts} if plan.appendix else {}
             for plan in (old, new)]

    def pair(a: Block, b: Block) -> list[etree._Element]:
        if a.key[:2] == appendix.PART_TABLE:
            return [rows.part_table(parts[0][a.key[2]], parts[1][b.key[2]])]
        return diff_pair(a, b)
    return pair
