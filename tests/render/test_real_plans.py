"""Every plan in plans/ renders, and the invariants hold on real data, not only on fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import PlanError
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan
from generator.render.geometry import LANDSCAPE, twips

from .docx_xml import NS, Docx, w

PLANS = sorted((Path(__file__).resolve().parents[2] / "plans").glob("*.yaml"))
WORKSPACE = Workspace()


@pytest.fixture(scope="module", params=PLANS, ids=[p.stem for p in PLANS])
def rendered(request):
    try:
        plan = WORKSPACE.load(request.param).model
    except PlanError as exc:           # loading is tested in tests/plan/test_plans.py
        pytest.skip(f"{request.param.name} does not load: {exc}")
    return plan, Docx(render_plan(plan))


def test_every_run_is_times_new_roman(rendered):
    _, doc = rendered
    for fonts in doc.xpath(".//w:r/w:rPr/w:rFonts"):
        assert fonts.get(w("ascii")) == fonts.get(w("cs")) == "Times New Roman"
    assert len(doc.xpath(".//w:r")) == len(doc.xpath(".//w:r/w:rPr/w:rFonts"))


def test_sections_follow_the_documents(rendered):
    plan, doc = rendered
    count = 1 + (plan.decision is not None) + (plan.appendix is not None)
    assert len(doc.xpath(".//w:sectPr")) == count
    if plan.appendix is not None:
        assert doc.xpath("./w:sectPr/w:pgSz/@w:orient") == ["landscape"]


def test_tables_fit_the_landscape_page_and_cells_match_the_grid(rendered):
    plan, doc = rendered
    if plan.appendix is None:
        pytest.skip("no appendix")
    for part in plan.appendix.parts:       # centred: at most 15 mm from either paper edge
        assert sum(twips(c.width_mm) for c in part.layout.columns) <= LANDSCAPE.width - twips(30)
    for table in doc.xpath(".//w:tbl"):
        grid = [int(g) for g in table.xpath("./w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
        for row in table.findall(w("tr")):
            spans = [int(s[0]) if s else 1 for s in
                     (tc.xpath("./w:tcPr/w:gridSpan/@w:val", namespaces=NS) for tc in row.findall(w("tc")))]
            assert sum(spans) == len(grid)


def test_every_task_content_appears(rendered):
    plan, doc = rendered
    text = "\n".join(doc.text(p) for p in doc.paragraphs())
    for task in plan.tasks():
        for paragraph in task.cell("content"):
            assert paragraph in text
