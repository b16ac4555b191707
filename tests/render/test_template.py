"""The template: reproducible from its script, and its styles steer the output."""
from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.shared import Pt

import pytest

from generator.render.compose import DEFAULT_TEMPLATE, render_plan

from generator.render.skeleton import TemplateError
from generator.render.package import members
from generator.render.styles import SPECS, style_id
from generator.render.template import build_template

from .docx_xml import Docx, w
from .fixtures import decision_plan


def test_the_committed_template_is_what_the_script_builds():
    assert members(build_template()) == members(DEFAULT_TEMPLATE.read_bytes())


def test_the_template_defines_every_style_and_the_output_uses_only_defined_ones(decision_docx):
    defined = {s.get(w("styleId")) for s in decision_docx.styles.findall(w("style"))}
    assert {style_id(spec.name) for spec in SPECS} <= defined
    used = set(decision_docx.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val"))
    assert used <= defined


def test_restyling_the_template_changes_the_output(tmp_path):
    template = Document(str(DEFAULT_TEMPLATE))
    template.styles["Plan Body"].font.size = Pt(13)
    template.styles["Plan Table Text"].font.size = Pt(11)
    restyled = tmp_path / "restyled.docx"
    template.save(str(restyled))
    doc = Docx(render_plan(decision_plan(), template=restyled))
    body = doc.paragraph("1. Căn cứ Kế hoạch này")
    cell = doc.paragraph("Kế hoạch kiểm soát thủ tục")
    assert doc.size_pt(body, body.find(w("r"))) == 13
    assert doc.size_pt(cell, cell.find(w("r"))) == 11


def test_the_template_body_is_three_tags_and_a_closing_paragraph():
    doc = Document(BytesIO(build_template()))
    assert [p.text for p in doc.paragraphs] == ["{{p decision }}", "{{p plan }}",
                                                "{{p appendix }}", ""]
    assert doc.sections[0].different_first_page_header_footer


def test_a_template_that_lost_a_tag_is_refused_with_its_name(tmp_path):
    template = Document(str(DEFAULT_TEMPLATE))
    template.paragraphs[2]._p.getparent().remove(template.paragraphs[2]._p)
    broken = tmp_path / "broken.docx"
    template.save(str(broken))
    with pytest.raises(TemplateError, match=r"\{\{p appendix \}\}"):
        render_plan(decision_plan(), template=broken)
