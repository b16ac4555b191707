"""Put the documents into the template: one section each, spliced into the template's
skeleton (skeleton.py), packaged.

Sections: the decision (if any), the plan, the appendix (if any, landscape). Each is its own
document in the sense of Decree 30, so each numbers its pages from 1 and shows no number on
its first page (an attached plan does not continue the decision's page count).
Each non-final section ends with a paragraph carrying its properties; the final section's
properties are the body's own. All properties derive from the template's, so margins and the
page-number header follow the template.
"""
from __future__ import annotations

import itertools
from datetime import datetime
from pathlib import Path
from typing import Iterable

from generator.plan.model import Plan
from generator.record import record
from generator.render import appendix, documents, ooxml, package, skeleton, styles
from generator.render.geometry import LANDSCAPE, PORTRAIT, Page
from generator.resources import TEMPLATE

DEFAULT_TEMPLATE = TEMPLATE


@record
class DocumentSection:
    """One document of the plan: its template tag, its body and its page.

    The body is markup, or its pieces in order (read once): an appendix of thousands of rows
    goes into the package piece by piece, never whole.
    """

    tag: str
    markup: str | Iterable[str]
    page: Page


def _sections(plan: Plan) -> list[DocumentSection]:
    out = []
    if plan.decision is not None:
        out.append(DocumentSection("decision", documents.decision(plan, plan.decision), PORTRAIT))
    out.append(DocumentSection("plan", documents.plan_body(plan), PORTRAIT))
    if plan.appendix is not None:
        out.append(DocumentSection("appendix", appendix.appendix_pieces(plan.appendix), LANDSCAPE))
    return out


def _bodies(sections: list[DocumentSection],
            cut: skeleton.Skeleton) -> tuple[dict[str, Iterable[str]], str]:
    """The pieces of markup for each tag (each non-final section closed by its section
    break), and the final section's properties as markup."""
    out = {}
    for i, section in enumerate(sections):
        props = cut.section(section.page)
        pieces = [section.markup] if isinstance(section.markup, str) else section.markup
        if i == len(sections) - 1:
            out[section.tag] = pieces
            return out, props
        out[section.tag] = itertools.chain(
            pieces, [ooxml.section_break_xml(styles.SECTION_BREAK, props)])
    raise AssertionError("a plan always has a plan section")


def _core_values(plan: Plan) -> package.CoreValues:
    """Core properties that depend on the plan only, never on the clock or the user."""
    date = plan.document.date
    return package.CoreValues.of(plan.issuer.full, plan.plan.title,
                                 datetime(date.year, date.month or 1, date.day or 1))


def render_plan(plan: Plan, template: Path | str = DEFAULT_TEMPLATE) -> bytes:
    """The whole plan as one DOCX: decision, plan, appendix, each starting a new page."""
    return render_sections(plan, _sections(plan), template)


def render_sections(plan: Plan, sections: list[DocumentSection],
                    template: Path | str = DEFAULT_TEMPLATE,
                    core: package.CoreValues | None = None,
                    images: list[package.Image] | None = None) -> bytes:
    """``sections`` (built from ``plan``, e.g. a redline of it) in the template, packaged.

    ``plan`` gives the core properties unless ``core`` does (a report on the plan); the
    sections hold the decision, plan and appendix in that order, the plan always present;
    ``images`` are the pictures their drawings show.
    """
    cut = skeleton.for_documents(template, [s.tag for s in sections])
    bodies, final = _bodies(sections, cut)
    members = cut.fill(bodies, final, core or _core_values(plan))
    return package.from_members(package.with_images(members, images or []))
