"""The Sở Xây dựng plan against the province plan it implements: what the seeds show.

Seed 003 (the province) has 98 tasks, seed 000 (the Sở) 47, all of them the province's
tasks: so 51 dropped and none added, and every kept task changed (the Sở leads them).
"""
import json

import pytest

from generator.review.diff import diff_specs

from .conftest import PLANS, STRUCTURED

PARENT, CHILD = str(PLANS / "an-giang-2023.yaml"), str(PLANS / "an-giang-so-xay-dung-2023.yaml")
# Tasks per part: seed 003 minus seed 000 (structured/*.json "counts.per_part").
DROPPED_PER_PART = {"kiem-soat": 15, "mot-cua": 18, "dien-tu": 6, "cai-cach": 0,
                    "truyen-thong": 5, "bao-cao-kiem-tra": 1, "noi-dung-khac": 6}
needs_seeds = pytest.mark.skipif(not STRUCTURED.is_dir(), reason="../shared/seeds not beside the repo")


@pytest.fixture(scope="module")
def diff():
    return diff_specs(PARENT, CHILD)


def changed(diff, task_id):
    """field → (old, new) of one changed task."""
    for part in diff.parts:
        for change in part.changed:
            if change.task.id == task_id:
                return {f.what: (f.old, f.new) for f in change.fields}
    raise KeyError(task_id)


def test_counts(diff):
    assert diff.summary() | {"other": 0} == {"added": 0, "dropped": 51, "moved": 0,
                                             "changed": 47, "other": 0}
    assert {p.id: len(p.dropped) for p in diff.parts} == DROPPED_PER_PART
    assert not diff.equal


def test_dropped_tasks_and_groups_sit_in_their_parts(diff):
    parts = {p.id: p for p in diff.parts}
    assert "kh-ksthc-tinh" in [t.id for t in parts["kiem-soat"].dropped]
    assert [t.id for t in parts["bao-cao-kiem-tra"].dropped] == ["kiem-tra-ksthc"]
    removed = [c.what for p in diff.parts for c in p.changes if c.kind == "removed"]
    assert removed == ["group dien-tu-chung-thuc", "group kiem-tra"]


def test_leads_and_deadlines_as_printed(diff):
    assert changed(diff, "tham-gia-tap-huan-tw")["lead"] == (["Văn phòng UBND tỉnh"], ["Văn phòng Sở"])
    assert changed(diff, "tham-gia-tap-huan-tw")["deadline"] == (
        ["Tham dự Hội nghị, Hội thảo, tọa đàm, …"], ["Tham dự Hội nghị, Hội thảo, tọa đàm, ..."])
    assert changed(diff, "nang-suat-cap-tinh")["lead"][1] == ["Cán bộ phụ trách Bộ phận một cửa"]
    assert changed(diff, "xin-loi-tre-hen")["deadline"] == (
        ["Thường xuyên (Trước 01 của hồ sơ đến hạn trả kết quả)."], ["Thường xuyên"])
    assert changed(diff, "bao-cao-dinh-ky")["deadline"] == (
        ["Hàng quý (Theo Kế hoạch số 712/KH-UBND ngày 18/11/2020 của UBND tỉnh)"],
        ["Hàng quý (Theo Kế hoạch số 712/KH-UBND ngày 18/11/2020)"])
    # unchanged fields are not reported, computed Stt changes neither
    assert set(changed(diff, "kh-ksthc-so-huyen")) == {"content", "lead", "coordinating"}


def test_identity_and_text_changes(diff):
    identity = {c.what: (c.old, c.new) for c in diff.sections["identity"]}
    assert identity["document.code"] == ("77/QĐ-UBND", "/KH-SXD")
    assert identity["signature.name"] == ("Nguyễn Thanh Bình", "Nguyễn Quốc Cường")
    assert ("removed", "section I (muc-dich), paragraph md-dot-pha") in \
        [(c.kind, c.what) for c in diff.sections["paragraphs"]]
    assert [c.kind for c in diff.sections["articles"]] == ["removed"] * 3
    added_bases = [c.new for c in diff.sections["bases"] if c.kind == "added"]
    assert added_bases[0].startswith("Căn cứ Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023")


def _seed_tasks(seed):
    data = json.loads((STRUCTURED / f"{seed}.json").read_text(encoding="utf-8"))
    return [t for part in data["parts"] for group in part["groups"] for t in group["tasks"]]


def _norm(text):
    return " ".join(text.replace("...", "…").split()).rstrip(";.")


@needs_seeds
def test_every_field_the_seeds_show_changed_is_reported(diff):
    from generator.plan.workspace import Workspace
    workspace = Workspace()
    ids = {name: [t.id for t in workspace.load(path).model.tasks()]
           for name, path in (("003", PARENT), ("000", CHILD))}
    old = dict(zip(ids["003"], _seed_tasks("003")))
    new = dict(zip(ids["000"], _seed_tasks("000")))
    fields = ("content", "lead", "coordinating", "deadline", "result", "note")
    for task_id, cells in new.items():
        seen = changed(diff, task_id)
        expected = {f for f in fields if _norm(old[task_id][f]) != _norm(cells[f])}
        assert expected <= set(seen), task_id
        for extra in set(seen) - expected:     # exact-text changes the seeds' reading hides
            assert _norm(" ".join(seen[extra][0] or [])) == _norm(" ".join(seen[extra][1] or []))
