"""``plangen import DOCX --extends PARENT``: the built Sở Xây dựng plan read back as a child."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.plan.final import final_problems
from generator.plan.workspace import Workspace
from generator.review.docx_text import docx_text
from generator.tree import plain

from ..conftest import ROOT, run_cli
from .test_child_plan import tasks_of

CHILD = "an-giang-so-xay-dung-2023"
PARENT = "an-giang-2023"


@pytest.fixture
def plans(tmp_path, monkeypatch) -> Path:
    """plans/ holding copies of the project's plans; the working directory is its parent."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for path in ROOT.joinpath("plans").glob("*.yaml"):
        shutil.copy(path, folder)
    monkeypatch.chdir(tmp_path)
    return folder


def import_child(docx: Path, parent: str):
    """``plangen import DOCX --extends plans/PARENT.yaml -o plans/imported.yaml``, succeeded."""
    result = run_cli("import", str(docx), "--extends", f"plans/{parent}.yaml",
                     "-o", "plans/imported.yaml")
    assert result.exit_code == 0, result.output
    return result


def test_the_imported_child_prints_as_the_hand_written_one_and_writes_only_overrides(
        built, plans, tmp_path):
    result = import_child(built / f"{CHILD}.docx", PARENT)
    assert "review: matched to parent task pakn-so-huyen-xa at 1.00; pakn-vp-ubnd-tinh reads the same" \
        in result.output
    text = (plans / "imported.yaml").read_text(encoding="utf-8")
    assert 'extends: "an-giang-2023.yaml"' in text.splitlines()

    assert run_cli("build", "--force", "-o", "out", "plans/imported.yaml").exit_code == 0
    assert docx_text(tmp_path / "out" / "imported.docx") == docx_text(built / f"{CHILD}.docx")
    diff = json.loads(run_cli("diff", "--format", "json", f"plans/{CHILD}.yaml",
                              "plans/imported.yaml").stdout)
    assert {k: diff["summary"][k] for k in ("added", "dropped", "moved", "changed")} == \
        {"added": 0, "dropped": 0, "moved": 0, "changed": 0}

    # overrides only: the tasks the hand-written child writes, and no parent content copied
    data = yaml.safe_load(text)
    mine = tasks_of(data)
    hand = tasks_of(yaml.safe_load((plans / f"{CHILD}.yaml").read_text(encoding="utf-8")))
    assert set(mine) == set(hand)
    parent = tasks_of(plain(Workspace().load(plans / f"{PARENT}.yaml").tree))
    written = [task_id for task_id, task in mine.items() if "content" in task]
    assert written == [task_id for task_id, task in hand.items() if "content" in task]
    assert all(mine[t]["content"] != parent[t]["content"] for t in written)
    assert "bases" not in data["plan"] and "cite_parent" not in data     # the parent's citation
    assert "attached" not in data.get("appendix", {})                    # generated, not written

    # a draft: it validates, but --final refuses the REVIEW marks
    loaded = Workspace().load(plans / "imported.yaml")
    marks = [p for p in final_problems(loaded) if "REVIEW" in p.message]
    assert len(marks) == text.count("# REVIEW") > 0


@pytest.mark.parametrize("child, parent, added", [
    ("phu-tan-2024", "an-giang-2024", 1),      # its own new task gets the importer's id
    ("cho-vam-2024", "phu-tan-2024", 0),
])
def test_the_other_children_import_as_children_that_print_the_same(child, parent, added, built,
                                                                    plans, tmp_path):
    import_child(built / f"{child}.docx", parent)
    assert run_cli("build", "--force", "-o", "out", "plans/imported.yaml").exit_code == 0
    assert docx_text(tmp_path / "out" / "imported.docx") == docx_text(built / f"{child}.docx")
    diff = json.loads(run_cli("diff", "--format", "json", f"plans/{child}.yaml",
                              "plans/imported.yaml").stdout)
    assert {k: diff["summary"][k] for k in ("added", "dropped", "moved", "changed")} == \
        {"added": added, "dropped": added, "moved": 0, "changed": 0}
    hand = yaml.safe_load((plans / f"{child}.yaml").read_text(encoding="utf-8"))
    mine = yaml.safe_load((plans / "imported.yaml").read_text(encoding="utf-8"))
    assert mine["issuer"]["short"] == hand["issuer"]["short"]
    if "decision" in mine:           # its own, with the parent's article ids
        parent_ids = [a["id"] for a in Workspace().load(plans / f"{parent}.yaml").tree["decision"]["articles"]]
        assert [a["id"] for a in mine["decision"]["articles"]] == parent_ids


@pytest.mark.parametrize("name", ["an-giang-2024", "phu-tan-2024", "soc-trang-2024"])
def test_a_document_imported_as_a_child_of_its_own_plan_writes_only_its_identity(
        name, built, plans):
    """Layouts named alike, paragraphs read back as plain text, the "./." of the last
    paragraph, titles in capitals, generated lines: nothing the parent gives is written."""
    import_child(built / f"{name}.docx", name)
    data = yaml.safe_load((plans / "imported.yaml").read_text(encoding="utf-8"))
    assert set(data) <= {"extends", "cite_parent", "issuer", "document", "decision", "signature",
                         "recipients"}
