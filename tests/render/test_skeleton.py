"""One render path: docxtpl renders the template into a skeleton, the documents are spliced
into it. Proven by opening the output: a template's own docxtpl tags in its header, footer and
body render, the generated markup arrives as written, and no slot is left behind."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from generator.check import check_docx
from generator.plan.workspace import Workspace
from generator.render import ooxml, skeleton
from generator.render.compose import render_plan
from generator.render.skeleton import TemplateError
from generator.render.compose import DEFAULT_TEMPLATE, DocumentSection, render_sections
from generator.render.geometry import PORTRAIT, Page
from generator.review.docx_text import docx_text

from .docx_xml import Docx
from .fixtures import decision_plan, long_plan, standalone_plan

ROOT = Path(__file__).resolve().parents[2]
ATTACHED = "Kèm theo Phụ lục"
FOOTER = "{% if decision %}Dự thảo Quyết định{% else %}Dự thảo Kế hoạch{% endif %}"
HEADER = "{% if appendix %}Có phụ lục{% endif %}"


def own_tags(tmp_path: Path) -> Path:
    """The template restyled by a person who added docxtpl logic of their own: a header and a
    footer that depend on the plan, and a paragraph before the plan only when there is an
    appendix."""
    template = Document(str(DEFAULT_TEMPLATE))
    plan_tag = template.paragraphs[1]
    for text in ("{%p if appendix %}", ATTACHED, "{%p endif %}"):
        plan_tag.insert_paragraph_before(text, style="Plan Body")
    template.sections[0].header.add_paragraph(HEADER)
    template.sections[0].footer.paragraphs[0].text = FOOTER
    path = tmp_path / "own-tags.docx"
    template.save(str(path))
    return path


def part_text(doc: Docx, kind: str) -> str:
    """The text of every header or footer part (``kind``), in the order of their names."""
    return "".join(doc.text(doc.part(name)) for name in sorted(doc.parts)
                   if name.startswith(f"word/{kind}"))


def test_the_default_template_has_no_jinja_logic_and_keeps_its_skeleton():
    cut = skeleton.plain(DEFAULT_TEMPLATE)
    assert cut is not None and skeleton.plain(DEFAULT_TEMPLATE) is cut
    assert {"decision", "plan", "appendix", skeleton.FINAL} <= cut.slots("word/document.xml")


def test_a_template_with_its_own_tags_renders_them_per_plan(tmp_path):
    template = own_tags(tmp_path)
    assert skeleton.plain(template) is None
    with_appendix = Docx(render_plan(decision_plan(), template))
    without = Docx(render_plan(standalone_plan(), template))
    assert part_text(with_appendix, "footer") == "Dự thảo Quyết định"
    assert part_text(without, "footer") == "Dự thảo Kế hoạch"
    assert "Có phụ lục" in part_text(with_appendix, "header")
    assert "Có phụ lục" not in part_text(without, "header")
    assert ATTACHED in [with_appendix.text(p) for p in with_appendix.paragraphs()]
    assert ATTACHED not in [without.text(p) for p in without.paragraphs()]
    assert not any("{%p" in without.text(p) for p in without.paragraphs())


def test_a_template_whose_own_tags_are_only_values_keeps_one_skeleton(tmp_path):
    """A Jinja comment is no logic: one skeleton serves every plan."""
    template = Document(str(DEFAULT_TEMPLATE))
    template.sections[0].footer.paragraphs[0].text = "{# restyled in 2024 #}Bản chính thức"
    path = tmp_path / "values.docx"
    template.save(str(path))
    assert skeleton.plain(path) is not None
    for plan in (decision_plan(), standalone_plan()):
        assert part_text(Docx(render_plan(plan, path)), "footer") == "Bản chính thức"


def test_own_tags_add_only_their_text(tmp_path):
    """The document read as text is the default template's plus the one added line, after
    the decision and before the plan."""
    ours = [line for line in docx_text(render_plan(decision_plan(), own_tags(tmp_path))).splitlines()
            if line]
    default = [line for line in docx_text(render_plan(decision_plan())).splitlines() if line]
    assert ours.count(ATTACHED) == 1
    at = ours.index(ATTACHED)
    assert ours[:at] + ours[at + 1:] == default
    assert ours[at + 1] == default[at]


def test_a_template_whose_logic_drops_a_document_is_refused(tmp_path):
    template = Document(str(DEFAULT_TEMPLATE))
    template.paragraphs[1].insert_paragraph_before("{%p if false %}")
    template.paragraphs[3].insert_paragraph_before("{%p endif %}")      # after {{p plan }}
    path = tmp_path / "drops.docx"
    template.save(str(path))
    with pytest.raises(TemplateError) as e:
        render_plan(decision_plan(), path)
    assert str(e.value) == (f"{path}: the template lost its tag paragraph(s) {{{{p plan }}}}; "
                            "restyle the 'Plan …' styles but keep the three tag paragraphs")


def test_a_template_with_jinja_renders_the_same_bytes_each_time(tmp_path):
    template = own_tags(tmp_path)
    assert render_plan(decision_plan(), template) == render_plan(decision_plan(), template)


def test_generated_markup_is_spliced_as_written():
    """docxtpl never rewrites the documents: a tab or braces inside ``w:t`` stay text."""
    paragraph = ooxml.elements(ooxml.paragraph_xml("Plan Body", "a"))[0]
    next(paragraph.iter(ooxml.qn("w:t"))).text = "a\tb {_{ c }_} {{ d }}"
    sections = [DocumentSection("plan", ooxml.markup([paragraph]), PORTRAIT)]
    doc = Docx(render_sections(decision_plan(), sections))
    assert doc.xpath(".//w:t/text()") == ["a\tb {_{ c }_} {{ d }}"]


@pytest.mark.parametrize("plan", sorted(ROOT.glob("plans/*.yaml")), ids=lambda p: p.stem)
def test_real_plans_leave_no_slot_and_pass_the_decree_30_check(plan, tmp_path):
    data = render_plan(Workspace().load(plan).model)
    doc = Docx(data)
    assert not any(b"plangen-slot" in part for part in doc.parts.values())
    assert len(doc.xpath("//w:sectPr")) == 1 + len(doc.xpath("//w:p/w:pPr/w:sectPr"))
    out = tmp_path / f"{plan.stem}.docx"
    out.write_bytes(data)
    assert [str(f) for f in check_docx(out)] == []


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing")
def test_libreoffice_shows_the_templates_own_footer_and_paragraph(tmp_path):
    docx = tmp_path / "plan.docx"
    docx.write_bytes(render_plan(long_plan(), own_tags(tmp_path)))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "plan.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert ATTACHED in text
    assert "Dự thảo Quyết định" in text and "Có phụ lục" in text   # footer, header: page 2 on
    assert "Dự thảo Kế hoạch" not in text and "{%p" not in text


def test_a_section_on_a_page_not_kept_in_the_skeleton_is_made_from_the_template():
    """Portrait and landscape are kept as markup; any other page is derived the same way."""
    cut = skeleton.plain(DEFAULT_TEMPLATE)
    assert cut.section(PORTRAIT) == skeleton.section_markup(cut.section_xml, PORTRAIT)
    wide = Page(20000, 10000)
    made = ooxml.elements(cut.section(wide))[0]
    size = made.find(ooxml.qn("w:pgSz"))
    assert (size.get(ooxml.qn("w:w")), size.get(ooxml.qn("w:orient"))) == ("20000", "landscape")
    assert made.find(ooxml.qn("w:titlePg")) is not None
    assert made.find(ooxml.qn("w:pgNumType")).get(ooxml.qn("w:start")) == "1"
