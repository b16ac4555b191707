"""The direct render path gives docxtpl's bytes exactly, and stands aside when it cannot."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.shared import Pt
from hypothesis import given, settings

from generator.pipeline import Workspace
from generator.render import direct, ooxml, render_plan
from generator.render.compose import DEFAULT_TEMPLATE

from ..render.fixtures import decision_plan, long_plan, standalone_plan
from ..test_fuzz_render import SETTINGS, plans
from .conftest import make_tree

ROOT = Path(__file__).resolve().parents[2]


def through_docxtpl(plan, template=DEFAULT_TEMPLATE) -> bytes:
    original = direct.fits
    direct.fits = lambda _: False
    try:
        return render_plan(plan, template)
    finally:
        direct.fits = original


def test_the_default_template_takes_the_direct_path():
    assert direct.fits(DEFAULT_TEMPLATE)


@pytest.mark.parametrize("plan", sorted(ROOT.glob("plans/*.yaml")), ids=lambda p: p.stem)
def test_real_plans(plan):
    model = Workspace().load(plan).model
    assert render_plan(model) == through_docxtpl(model)


def test_fixture_plans_and_a_tree(tmp_path):
    models = [decision_plan(), standalone_plan(), long_plan(120)]
    workspace = Workspace()
    models += [workspace.load(p).model for p in make_tree(tmp_path).values()]
    for model in models:
        assert render_plan(model) == through_docxtpl(model)


def test_a_restyled_template(tmp_path):
    template = Document(str(DEFAULT_TEMPLATE))
    template.styles["Plan Body"].font.size = Pt(13)
    restyled = tmp_path / "restyled.docx"
    template.save(str(restyled))
    assert direct.fits(restyled)
    assert render_plan(decision_plan(), restyled) == through_docxtpl(decision_plan(), restyled)


def test_a_template_with_other_jinja_goes_through_docxtpl(tmp_path):
    template = Document(str(DEFAULT_TEMPLATE))
    template.paragraphs[3].text = "{{ plan }}"      # the closing paragraph now holds a tag
    other = tmp_path / "other.docx"
    template.save(str(other))
    assert not direct.fits(other)


def test_text_docxtpl_would_rewrite_goes_through_docxtpl():
    """A tab inside w:t (ooxml.run never writes one) is left to docxtpl's resolve_listing."""
    paragraph = ooxml.paragraph("Plan Body", "a")
    next(paragraph.iter(ooxml.qn("w:t"))).text = "a\tb"
    document = Document(str(DEFAULT_TEMPLATE))
    assert not direct.place(document, {"plan": [paragraph]})
    assert len(direct.tag_paragraphs(document.element.body)) == 3      # nothing was touched


def test_a_nested_table_goes_through_docxtpl():
    inner = ooxml.table([100], [ooxml.row([ooxml.cell(100, [ooxml.paragraph("Plan Body", "x")])])])
    outer = ooxml.table([100], [ooxml.row([ooxml.cell(100, [ooxml.paragraph("Plan Body"), inner])])])
    assert not direct.place(Document(str(DEFAULT_TEMPLATE)), {"appendix": [outer]})


def test_a_table_docxtpl_would_resize_goes_through_docxtpl():
    cells = [ooxml.cell(100, [ooxml.paragraph("Plan Body", "x")]) for _ in range(3)]
    table = ooxml.table([100, 100], [ooxml.row(cells)])
    assert not direct.place(Document(str(DEFAULT_TEMPLATE)), {"appendix": [table]})


@settings(max_examples=25, **SETTINGS)
@given(data=plans())
def test_generated_plans(tmp_path, data):
    path = tmp_path / "gen.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    model = Workspace().load(path).model
    assert render_plan(model) == through_docxtpl(model)


def test_packaging_the_parts_unzipped_gives_the_zip_round_trip_bytes(monkeypatch):
    model = Workspace().load(ROOT / "plans" / "an-giang-2023.yaml").model
    fast = render_plan(model)
    monkeypatch.setattr(direct, "members", lambda document: None)
    assert fast == render_plan(model)
