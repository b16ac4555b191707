"""A redline: the new plan's documents with every change from the old plan as a tracked change.

Built from the two typed plans, not by comparing two DOCX files: each document is rendered by
the ordinary renderer, its elements are keyed from the model (paragraphs, articles and
sections by id, tasks and groups by id, the rest by place or text), and the two versions are
lined up by key. Word and LibreOffice then list every change to accept or reject. Author and
date are fixed (the new plan's document date), so the same plans always give the same bytes.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Hashable

from lxml import etree

from generator.plan.model import Appendix, Plan
from generator.render import appendix, documents, ooxml
from generator.review.redline import rows as redline_table
from generator.render.compose import DEFAULT_TEMPLATE, DocumentSection, render_sections
from generator.render.geometry import LANDSCAPE, PORTRAIT, Page
from generator.review.redline.keyed import Keyed, diff_list, diff_pair, marked
from generator.review.redline.marks import DELETED, INSERTED, revision_date, stamp

AUTHOR = "plangen"


def render_redline(old: Plan, new: Plan, author: str = AUTHOR,
                   template: Path | str = DEFAULT_TEMPLATE) -> bytes:
    """The DOCX of ``new`` with its differences from ``old`` as tracked changes by ``author``."""
    sections = redline_sections(old, new)
    day = new.document.date
    stamp((e for _, elements, _ in sections for e in elements), author,
          revision_date(date(day.year, day.month, day.day or 1)))
    return render_sections(new, [DocumentSection(tag, ooxml.markup(elements), page)
                                 for tag, elements, page in sections], template)


def redline_sections(old: Plan, new: Plan) -> list[tuple[str, list[etree._Element], Page]]:
    """Decision, plan and appendix as (tag, elements, page); a document only one version has
    is wholly in or out."""
    out = []
    if old.decision is not None or new.decision is not None:
        out.append(("decision", _document(_decision(old), _decision(new)), PORTRAIT))
    out.append(("plan", _document(_plan(old), _plan(new)), PORTRAIT))
    if old.appendix is not None or new.appendix is not None:
        pair = _appendix_pairing(old.appendix, new.appendix)
        elements = _document(_appendix(old.appendix), _appendix(new.appendix), pair)
        out.append(("appendix", elements, LANDSCAPE))
    return out


def _document(old: list[Keyed] | None, new: list[Keyed] | None,
              pair=diff_pair) -> list[etree._Element]:
    if old is None:
        return [marked(k.element, INSERTED) for k in new]
    if new is None:
        return [marked(k.element, DELETED) for k in old]
    return diff_list(old, new, pair)


def _keyed(markup: str, keys: list[Hashable]) -> list[Keyed]:
    """The rendered elements with their keys; the keys follow the renderer's order
    (documents.py)."""
    elements = ooxml.elements(markup)
    if len(elements) != len(keys):
        raise AssertionError(f"redline keys ({len(keys)}) out of step with the rendered "
                             f"elements ({len(elements)})")
    return [Keyed(k, e) for k, e in zip(keys, elements)]


def _fixed(name: str) -> tuple[str, str]:
    return ("fixed", name)


def _item(kind: str, item_id: str | None, text: str) -> tuple[str, str, str]:
    """An item with an id is itself wherever it goes; one without is known by its text."""
    return ("id", kind, item_id) if item_id else ("text", kind, text)


def _title_keys(attached: str | None) -> list[Hashable]:
    """blocks.title: the document type, the trích yếu, the attached line if any, the rule."""
    keys = [_fixed("doc-type"), _fixed("abstract")]
    return keys + ([_fixed("attached")] if attached else []) + [_fixed("title-rule")]


def _decision(plan: Plan) -> list[Keyed] | None:
    body = plan.decision
    if body is None:
        return None
    keys = [_fixed("letterhead"), *_title_keys(None), _fixed("authority")]
    keys += [_item("basis", None, basis) for basis in body.bases]
    keys += [_fixed("proposal")] if body.proposal else []
    keys.append(_fixed("decides"))
    keys += [_item("article", a.id, a.text) for a in body.articles]
    keys.append(_fixed("closing"))
    return _keyed(documents.decision(plan, body), keys)


def _plan(plan: Plan) -> list[Keyed]:
    body = plan.plan
    keys = [_fixed("letterhead"), *_title_keys(body.attached)]
    keys += [_item("basis", None, basis) for basis in body.bases]
    keys += [_item("paragraph", p.id, p.text) for p in body.preamble]
    for section in body.sections:
        keys.append(("id", "section", section.id))
        keys += [_item("paragraph", p.id, p.text) for p in section.paragraphs]
    keys += [] if plan.decision is not None else [_fixed("closing")]
    return _keyed(documents.plan_body(plan), keys)


def _appendix(body: Appendix | None) -> list[Keyed] | None:
    if body is None:
        return None
    keys = [_fixed("appendix-label"), _fixed("appendix-title"), _fixed("appendix-attached"),
            _fixed("appendix-rule")]
    for n, part in enumerate(body.parts):
        if part.heading is not None:
            keys.append(("id", "part-heading", part.id))
        elif n > 0:
            keys.append(("id", "part-gap", part.id))
        keys.append(("id", "part-table", part.id))
    return _keyed(appendix.appendix_body(body), keys)


def _appendix_pairing(old: Appendix | None, new: Appendix | None):
    """Part tables are diffed from the models (rows by task id); the rest as elements."""
    old_parts = {p.id: p for p in old.parts} if old else {}
    new_parts = {p.id: p for p in new.parts} if new else {}

    def pair(a: Keyed, b: Keyed) -> list[etree._Element]:
        if a.key[:2] == ("id", "part-table"):
            part_id = a.key[2]
            return [redline_table.part_table(old_parts[part_id], new_parts[part_id])]
        return diff_pair(a, b)
    return pair
