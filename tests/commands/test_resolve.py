"""``plangen resolve`` writes a plan that stands alone: saved and built, it gives the very
document its original gives, and it reads as the plans are written (block style, no text
wrapped mid-phrase)."""
from __future__ import annotations

import re

import pytest
import yaml

from generator.build.run import BuildRequest, run_build
from generator.plan.to_model import parent_citation
from generator.plan.workspace import load_plan

from ..conftest import ROOT, TREE, run_cli, write

PLANS = sorted((ROOT / "plans").glob("*.yaml")) + sorted(TREE.glob("*.yaml"))   # two use cite: parent
LINE = re.compile(r"^ *(- (\S|$)|[a-z_][a-z0-9_]*:( |$))")     # a key, or an item of a list


def resolve(path) -> str:
    result = run_cli("resolve", str(path))
    assert result.exit_code == 0, result.output
    return result.stdout


def build_one(path, out):
    summary = run_build(BuildRequest([path], out))
    assert summary.exit_code == 0, [str(p) for r in summary.results for p in r.problems]
    return (out / f"{path.stem}.docx").read_bytes()


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_the_resolved_plan_builds_the_same_document(plan, tmp_path):
    copy = tmp_path / "resolved" / plan.name          # the same name, so the same output name
    copy.parent.mkdir()
    copy.write_text(resolve(plan), encoding="utf-8")
    assert build_one(copy, tmp_path / "b") == build_one(plan, tmp_path / "a")


def test_the_parents_citation_is_written_out(plans_dir):
    """A child cites its parent's document without saying so; resolved, it says so."""
    data = yaml.safe_load(resolve(plans_dir / "department.yaml"))
    assert "cite_parent" not in data and "extends" not in data
    first = (data.get("decision") or data["plan"])["bases"][0]
    assert first == parent_citation(load_plan(plans_dir / "province.yaml"))
    assert first.startswith("Căn cứ Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 của Ủy ban")


def test_cite_parent_false_resolves_as_it_builds(plans_dir, tmp_path):
    child = plans_dir / "department.yaml"
    text = child.read_text(encoding="utf-8")
    write(child, "cite_parent: false\n" + text)
    assert "Ủy ban nhân dân tỉnh" not in str(yaml.safe_load(resolve(child))["plan"].get("bases"))
    copy = tmp_path / "resolved" / "department.yaml"
    copy.parent.mkdir()
    copy.write_text(resolve(child), encoding="utf-8")
    assert build_one(copy, tmp_path / "b") == build_one(child, tmp_path / "a")


@pytest.mark.parametrize("plan", [ROOT / "plans" / "an-giang-so-xay-dung-2023.yaml", TREE / "department.yaml"],
                         ids=lambda p: p.stem)
def test_the_resolved_yaml_reads_well(plan):
    """Maps in block style, each text on its own line(s): no line continues a wrapped value."""
    text = resolve(plan)
    block = None                                      # indentation of a | block's key
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (indent > block or not line.strip()):
            continue
        block = indent if re.search(r": \|[-+]?$", line) else None
        assert LINE.match(line), line
        assert not re.search(r"(^|: |- )\{", line), line          # no flow-style map
