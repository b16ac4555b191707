"""The direct render path gives docxtpl's bytes exactly, and stands aside when it cannot."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.shared import Pt
from docxtpl import DocxTemplate
from hypothesis import given, settings, strategies as st
from lxml import etree

from generator.plan.workspace import Workspace
from generator.render import compose, direct, ooxml, render_plan
from generator.render.compose import DEFAULT_TEMPLATE, DocumentSection, render_sections
from generator.render.geometry import PORTRAIT
from generator.review.redline.document import render_redline

from .fixtures import decision_plan, long_plan, standalone_plan
from .test_fuzz_render import SETTINGS, plans
from ..build.conftest import make_tree

ROOT = Path(__file__).resolve().parents[2]


def through_docxtpl(plan, template=DEFAULT_TEMPLATE, sections=None) -> bytes:
    original = direct.skeleton
    direct.skeleton = lambda _: None
    try:
        if sections is not None:
            return render_sections(plan, sections, template)
        return render_plan(plan, template)
    finally:
        direct.skeleton = original


def directly(render, *args) -> bytes:
    """``render(*args)``, failing if it falls back to docxtpl."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("the render went through docxtpl")
    original, compose._through_docxtpl = compose._through_docxtpl, refuse
    try:
        return render(*args)
    finally:
        compose._through_docxtpl = original


def test_the_default_template_takes_the_direct_path():
    assert direct.fits(DEFAULT_TEMPLATE)


@pytest.mark.parametrize("plan", sorted(ROOT.glob("plans/*.yaml")), ids=lambda p: p.stem)
def test_real_plans(plan):
    model = Workspace().load(plan).model
    assert directly(render_plan, model) == through_docxtpl(model)


def test_fixture_plans_and_a_tree(tmp_path):
    models = [decision_plan(), standalone_plan(), long_plan(120)]
    workspace = Workspace()
    models += [workspace.load(p).model for p in make_tree(tmp_path).values()]
    for model in models:
        assert directly(render_plan, model) == through_docxtpl(model)


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


def _with_plan_body(markup: str) -> list[DocumentSection]:
    return [DocumentSection("plan", markup, PORTRAIT)]


def _refused_and_rendered_as_docxtpl_does(markup: str) -> None:
    """The direct path refuses ``markup``, and the render still gives docxtpl's bytes."""
    assert not direct.unchanged_by_docxtpl(markup)
    plan, sections = decision_plan(), _with_plan_body(markup)
    assert render_sections(plan, sections) == through_docxtpl(plan, sections=sections)


def test_text_docxtpl_would_rewrite_goes_through_docxtpl():
    """A tab inside w:t (ooxml.run_xml never writes one) is left to docxtpl's resolve_listing."""
    paragraph = ooxml.elements(ooxml.paragraph_xml("Plan Body", "a"))[0]
    next(paragraph.iter(ooxml.qn("w:t"))).text = "a\tb"
    _refused_and_rendered_as_docxtpl_does(ooxml.markup([paragraph]))


def test_a_nested_table_goes_through_docxtpl():
    inner = ooxml.table_xml([100], ooxml.row_xml(ooxml.cell_xml(100, _p("x"))))
    outer = ooxml.table_xml([100], ooxml.row_xml(ooxml.cell_xml(100, _p("") + inner + _p(""))))
    _refused_and_rendered_as_docxtpl_does(outer)


def test_a_table_docxtpl_would_resize_goes_through_docxtpl():
    table = ooxml.table_xml([100, 100], ooxml.row_xml(ooxml.cell_xml(100, _p("x")) * 3))
    _refused_and_rendered_as_docxtpl_does(table)


def test_a_redline_takes_the_direct_path_with_docxtpl_bytes():
    workspace = Workspace()
    old = workspace.load(ROOT / "plans" / "an-giang-2023.yaml").model
    new = workspace.load(ROOT / "plans" / "an-giang-so-xay-dung-2023.yaml").model
    fast = directly(render_redline, old, new)
    original = direct.skeleton
    direct.skeleton = lambda _: None
    try:
        assert fast == render_redline(old, new)
    finally:
        direct.skeleton = original


def _p(text: str) -> str:
    return ooxml.paragraph_xml("Plan Body", text)


def _unchanged_by_fix_tables(markup: str) -> bool:
    """What docxtpl's own fix_tables does to a body holding ``markup``."""
    xml = (f'<w:document xmlns:w="{ooxml.W_NS}" xmlns:r="{ooxml.R_NS}"><w:body>{markup}'
           "</w:body></w:document>")
    before = etree.tostring(etree.fromstring(xml))
    return etree.tostring(DocxTemplate.fix_tables(None, xml)) == before


@st.composite
def tables(draw):
    """Tables of 1–4 grid columns whose rows hold 1–4 cells spanning 1–3 columns each,
    sometimes a table nested in a cell."""
    columns = draw(st.integers(1, 4))
    rows = []
    for spans in draw(st.lists(st.lists(st.integers(1, 3), min_size=1, max_size=4), min_size=1,
                               max_size=4)):
        rows.append("".join(ooxml.cell_xml(100 * span, _p("x"), span=span) for span in spans))
    nested = draw(st.booleans()) and draw(st.integers(0, len(rows) - 1))
    if nested is not False:
        inner = ooxml.table_xml([100], ooxml.row_xml(ooxml.cell_xml(100, _p("y"))))
        rows[nested] += ooxml.cell_xml(100, _p("") + inner + _p(""))
    return ooxml.table_xml([100] * columns, "".join(ooxml.row_xml(r) for r in rows)), \
        nested is not False


@settings(max_examples=300, deadline=None)
@given(table=tables())
def test_the_table_check_agrees_with_fix_tables(table):
    """Kept means fix_tables changes nothing; for tables not nested, also the converse."""
    markup, nested = table
    kept, unchanged = direct.tables_kept(markup), _unchanged_by_fix_tables(markup)
    if kept:
        assert unchanged
    if not nested:
        assert kept == unchanged


@settings(max_examples=25, **SETTINGS)
@given(data=plans())
def test_generated_plans(tmp_path, data):
    path = tmp_path / "gen.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    model = Workspace().load(path).model
    assert directly(render_plan, model) == through_docxtpl(model)


def test_packaging_the_parts_unzipped_gives_the_zip_round_trip_bytes(monkeypatch):
    model = Workspace().load(ROOT / "plans" / "an-giang-2023.yaml").model
    fast = through_docxtpl(model)
    monkeypatch.setattr(direct, "members", lambda document: None)
    assert fast == through_docxtpl(model)
