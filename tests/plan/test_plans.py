"""The seed plans in plans/: every one valid, and each resolving to what its seed shows."""
import json

import pytest

from generator.folders import plan_files as default_plans
from generator.plan.workspace import Workspace

from ..conftest import ROOT

PLANS = ROOT / "plans"
STRUCTURED = ROOT.parent / "shared" / "seeds" / "structured"
needs_seeds = pytest.mark.skipif(not STRUCTURED.is_dir(), reason="../shared/seeds not beside the repo")

WORKSPACE = Workspace()


def load(name):
    return WORKSPACE.load(PLANS / name)


@pytest.mark.parametrize("path", default_plans(PLANS), ids=lambda p: p.name)
def test_every_plan_is_valid_and_every_warning_is_explained(path):
    for warning in WORKSPACE.load(path).warnings:
        assert "accepted because:" in warning.message or \
            (str(warning.pos), warning.message.split(" (if")[0]) in EARLY_AS_IN_THE_SOURCE


# Deadlines before the plan year, as the signed documents have them (the plans keep them).
EARLY_AS_IN_THE_SOURCE = {
    ("plans/an-giang-2023.yaml:172:25", "deadline 'Tháng 12/2022' falls before the plan year 2023"),
    ("plans/an-giang-2024.yaml:148:21", "deadline 'Tháng 12/2023' falls before the plan year 2024"),
    ("plans/soc-trang-2024.yaml:176:29",
     "deadline 'Trong tháng 11/2023.' falls before the plan year 2024"),
}


def seed_tasks(seed):
    """(part number, task fields) for every task of a structured seed with parts and groups."""
    data = json.loads((STRUCTURED / f"{seed}.json").read_text(encoding="utf-8"))
    for part in data["parts"]:
        for group in part["groups"]:
            for task in group["tasks"]:
                yield part["number"], task


def norm(text):
    """Compare words: the seeds end some unit cells with a stray ";" or "." that plans drop."""
    return " ".join(text.replace("...", "…").split()).rstrip(";.")


@needs_seeds
@pytest.mark.parametrize("plan, seed", [("an-giang-2023.yaml", "003"),
                                        ("an-giang-so-xay-dung-2023.yaml", "000")])
def test_appendix_reproduces_the_seed_cell_by_cell(plan, seed):
    model = load(plan).model
    ours = [(str(n), t) for n, part in enumerate(model.appendix.parts, 1) for t in part.tasks()]
    theirs = list(seed_tasks(seed))
    assert len(ours) == len(theirs)
    for (part, task), (seed_part, cells) in zip(ours, theirs):
        assert part == seed_part
        assert task.cell("stt") == (cells["stt"],) and task.cell("stt2") == (cells["stt2"],)
        if task.span:
            assert norm(" ".join(task.span.text)) == norm(cells["lead"] or cells["note"])
            continue
        for field in ("content", "lead", "coordinating", "deadline", "result", "note"):
            assert norm(" ".join(task.cell(field))) == norm(cells[field]), (task.id, field)


def test_so_xay_dung_is_a_child_not_a_copy():
    from generator.plan.rules import iter_tasks
    loaded = load("an-giang-so-xay-dung-2023.yaml")
    assert loaded.tree["extends"] == "an-giang-2023.yaml"
    inherited = [t["id"] for t in iter_tasks(loaded.tree)
                 if t.where("content").file.endswith("an-giang-2023.yaml")]
    assert len(inherited) >= 20           # the child writes changes, not a copy of every task
    assert loaded.model.plan.bases[0].startswith(
        "Căn cứ Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 của Ủy ban nhân dân tỉnh An Giang")


@pytest.mark.parametrize("plan, tasks", [("an-giang-2023.yaml", 98), ("an-giang-so-xay-dung-2023.yaml", 47),
                                         ("soc-trang-2024.yaml", 36)])
def test_task_counts(plan, tasks):
    assert len(list(load(plan).model.tasks())) == tasks


def test_soc_trang_has_47_result_rows():
    rows = sum(max(1, len(t.rows)) for t in load("soc-trang-2024.yaml").model.tasks())
    assert rows == 47


def test_cho_vam_descends_from_the_province_through_the_district():
    loaded = load("cho-vam-2024.yaml")
    assert loaded.parent.path.name == "phu-tan-2024.yaml"
    assert loaded.parent.parent.path.name == "an-giang-2024.yaml"
    assert "reconstructed" in loaded.parent.tree and "reconstructed" in loaded.parent.parent.tree
    assert len(loaded.model.appendix.parts) == 10
    assert loaded.model.plan.bases[0].startswith("Căn cứ Quyết định số 354/QĐ-UBND ngày 20 tháng 02 năm 2024")


def test_plans_are_nfc():
    import unicodedata
    for path in PLANS.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name


def _seed_004_rows():
    data = json.loads((STRUCTURED / "004.json").read_text(encoding="utf-8"))
    for group in data["groups"]:
        for sub in group.get("subgroups", []):
            yield from sub["tasks"]
        yield from group.get("tasks", [])


def _join(value):
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else value


@needs_seeds
def test_cho_vam_reproduces_seed_004_cell_by_cell():
    tasks = list(load("cho-vam-2024.yaml").model.tasks())
    seed = list(_seed_004_rows())
    assert len(tasks) == len(seed) == 76 + 19
    fields = {"content": "content", "lead": "lead", "coordinating": "coordinating",
              "deadline": "deadline", "result": "result", "note": "note", "measure": "unit",
              "target": "target_2024", "evaluator": "evaluator"}
    for task, cells in zip(tasks, seed):
        assert task.cell("number")[0].rstrip(".") == cells["number"].rstrip("."), task.id
        if task.span:
            text = cells.get("merged_cell", {}).get("text") or cells["content"]
            assert norm(" ".join(task.span.text)) == norm(_join(text)), task.id
            continue
        for ours, theirs in fields.items():
            assert norm(" ".join(task.cell(ours))) == norm(_join(cells.get(theirs))), (task.id, ours)
