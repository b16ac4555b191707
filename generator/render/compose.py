"""Put the documents into the template: one section each, spliced in or rendered by docxtpl,
packaged.

Sections: the decision (if any), the plan, the appendix (if any, landscape). Each is its own
document in the sense of Decree 30, so each numbers its pages from 1 and shows no number on
its first page (an attached plan does not continue the decision's page count).
Each non-final section ends with a paragraph carrying its properties; the final section's
properties are the body's own. All properties derive from the template's, so margins and the
page-number header follow the template. A plain template takes the direct path (direct.py);
any other goes through docxtpl, in Jinja's sandbox.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from lxml import etree

from generator.errors import PlangenError
from generator.plan.model import Plan
from generator.render import appendix, direct, documents, ooxml, package, styles
from generator.render.geometry import LANDSCAPE, PORTRAIT, Page
from generator.render.styles import TAGS
from generator.resources import TEMPLATE

DEFAULT_TEMPLATE = TEMPLATE


@dataclass(frozen=True)
class DocumentSection:
    """One document of the plan: its template tag, its body (markup) and its page."""

    tag: str
    markup: str
    page: Page


def _sections(plan: Plan) -> list[DocumentSection]:
    out = []
    if plan.decision is not None:
        out.append(DocumentSection("decision", documents.decision(plan, plan.decision), PORTRAIT))
    out.append(DocumentSection("plan", documents.plan_body(plan), PORTRAIT))
    if plan.appendix is not None:
        out.append(DocumentSection("appendix", appendix.appendix_body(plan.appendix), LANDSCAPE))
    return out


def _properties(base: etree._Element, section: DocumentSection) -> etree._Element:
    return ooxml.section(base, section.page, first_page_unnumbered=True, restart_numbering=True)


def _bodies(sections: list[DocumentSection], base: etree._Element) -> tuple[dict[str, str], str]:
    """The markup for each tag (each non-final section closed by its section break), and the
    final section's properties as markup."""
    out = {}
    for i, section in enumerate(sections):
        props = _properties(base, section)
        if i == len(sections) - 1:
            out[section.tag] = section.markup
            return out, ooxml.markup([props])
        out[section.tag] = section.markup + ooxml.section_break_xml(styles.SECTION_BREAK, props)
    raise AssertionError("a plan always has a plan section")


def _context(bodies: dict[str, str]) -> dict:
    """The tag → markup map for docxtpl."""
    return {tag: ooxml.fragment(bodies.get(tag, "")) for tag in TAGS}


def _core_values(plan: Plan) -> package.CoreValues:
    """Core properties that depend on the plan only, never on the clock or the user."""
    date = plan.document.date
    return package.CoreValues.of(plan.issuer.full, plan.plan.title,
                                 datetime(date.year, date.month, date.day or 1))


class TemplateError(PlangenError):
    """The template cannot hold a plan (a tag paragraph was deleted while restyling)."""


def _check_tags(doc, template: Path | str) -> None:
    """Every tag paragraph is there (after docxtpl's own repair of tags split across runs)."""
    doc.init_docx()
    xml = doc.patch_xml(doc.get_xml())
    missing = [tag for tag in TAGS if not re.search(r"\{\{\s*%s\s*\}\}" % tag, xml)]
    if missing:
        names = ", ".join("{{p %s }}" % tag for tag in missing)
        raise TemplateError(f"{template}: the template lost its tag paragraph(s) {names}; "
                            "restyle the 'Plan …' styles but keep the three tag paragraphs")


def render_plan(plan: Plan, template: Path | str = DEFAULT_TEMPLATE) -> bytes:
    """The whole plan as one DOCX: decision, plan, appendix, each starting a new page."""
    return render_sections(plan, _sections(plan), template)


def render_sections(plan: Plan, sections: list[DocumentSection],
                    template: Path | str = DEFAULT_TEMPLATE) -> bytes:
    """``sections`` (built from ``plan``, e.g. a redline of it) in the template, packaged.

    ``plan`` gives the core properties; the sections hold the decision, plan and appendix
    in that order, the plan always present. A template with no Jinja but the three tag
    paragraphs takes the direct path (direct.py), which gives docxtpl's bytes many times faster.
    """
    plain = direct.skeleton(template)
    if plain is not None:
        bodies, final = _bodies(sections, plain.section)
        parts = plain.fill(bodies, final, _core_values(plan))
        if parts is not None:
            return package.from_members(parts)
    return _through_docxtpl(plan, sections, template)


def _through_docxtpl(plan: Plan, sections: list[DocumentSection], template: Path | str) -> bytes:
    """Render with docxtpl, in Jinja's sandbox: any template, any content."""
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined, TemplateError as JinjaError
    from jinja2.sandbox import SandboxedEnvironment
    doc = DocxTemplate(str(template))
    _check_tags(doc, template)
    body = doc.get_docx().element.body
    bodies, final = _bodies(sections, copy.deepcopy(ooxml.body_section(body)))
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    try:
        doc.render(_context(bodies), jinja_env=env, autoescape=True)
    except JinjaError as e:
        raise TemplateError(f"{template}: {e.message} (a template may use only "
                            f"{', '.join(sorted(TAGS))})") from None
    document = doc.docx
    ooxml.replace_section(document.element.body, ooxml.elements(final)[0])
    package.pin(document.core_properties, _core_values(plan))
    parts = direct.members(document)
    if parts is not None:
        return package.from_members(parts)
    out = BytesIO()
    document.save(out)
    return package.normalize(out.getvalue())
