"""Emphasis in diff and redline: the words as printed, an emphasis change shown as one."""
from __future__ import annotations

import shutil

from generator.commands.review import diff_command
from generator.plan.workspace import Workspace
from generator.review.redline.document import render_redline

from .conftest import edit, invoke
from .redline.conftest import W, document_xml, texts

OLD, NEW = "plans/province.yaml", "plans/emphasised.yaml"


def emphasised(plans_dir, *edits):
    shutil.copy(plans_dir / "province.yaml", plans_dir / "emphasised.yaml")
    for old, new in edits:
        edit(plans_dir / "emphasised.yaml", old, new)


def test_diff_shows_words_without_markers_and_names_an_emphasis_only_change(plans_dir):
    emphasised(plans_dir,
               ('text: "Nâng cao trách nhiệm."', 'text: "Nâng cao **trách nhiệm**."'),
               ('content: "Kiểm tra việc thực hiện"', 'content: "Kiểm tra *định kỳ* việc thực hiện"'))
    lines = invoke(diff_command, OLD, NEW).stdout.splitlines()
    assert ("  ~ section I (muc-dich), paragraph md-2 (emphasis only): Nâng cao trách nhiệm. → "
            "Nâng cao trách nhiệm.") in lines
    assert "        ~ content: Kiểm tra việc thực hiện → Kiểm tra định kỳ việc thực hiện" in lines
    assert not [l for l in lines if "*" in l]
    markdown = invoke(diff_command, OLD, NEW, "--format", "markdown").stdout
    assert "paragraph md-2 (emphasis only) | Nâng cao trách nhiệm. | Nâng cao trách nhiệm. |" in markdown


def test_a_plan_and_the_same_plan_with_escaped_characters_differ_in_them_only(plans_dir):
    emphasised(plans_dir, ('text: "Nâng cao trách nhiệm."', r"text: 'Nâng cao \*trách nhiệm\*.'"))
    lines = invoke(diff_command, OLD, NEW).stdout.splitlines()
    assert ("  ~ section I (muc-dich), paragraph md-2: Nâng cao trách nhiệm. → "
            "Nâng cao *trách nhiệm*.") in lines


def test_redline_replaces_the_words_whose_emphasis_changed(plans_dir):
    emphasised(plans_dir, ('text: "Nâng cao trách nhiệm."', 'text: "Nâng cao **trách nhiệm**."'))
    workspace = Workspace()
    root = document_xml(render_redline(workspace.load(plans_dir / "province.yaml").model,
                                       workspace.load(plans_dir / "emphasised.yaml").model))
    [p] = [p for p in root.xpath("//w:p[w:ins or w:del]", namespaces=W)
           if "Nâng cao" in texts([p])[0]]
    assert texts(p.xpath("w:del", namespaces=W)) == ["trách nhiệm"]
    assert texts(p.xpath("w:ins", namespaces=W)) == ["trách nhiệm"]
    assert not p.xpath("w:del//w:rPr/w:b", namespaces=W)
    assert p.xpath("w:ins/w:r/w:rPr/w:b", namespaces=W)
    kept = "".join(p.xpath("w:r/w:t/text()", namespaces=W))
    assert kept == "- Nâng cao ."
