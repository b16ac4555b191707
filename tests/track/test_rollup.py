"""plangen report --tree: a generated province tree with seeded random status files, rolled up,
and every total checked against a count made straight from the status files and the
generator's own record of which plan kept which task (bench/tree.py), never through the
roll-up's code."""
from __future__ import annotations

import importlib.util
import random
import sys
import zipfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from generator.check import check_docx
from generator.errors import PlanError
from generator.plan import deadlines
from generator.track import rollup as rollup_module
from generator.track.period import parse_period
from generator.track.reporting import CATEGORIES, IN_TIME, LATE, NO_STATUS, ON_TIME, OVERDUE
from generator.track.rollup import descendants, rollup
from generator.track.rollup_files import PLAN_SHEET, TASK_SHEET, by_part, rollup_docx, rollup_xlsx

from ..conftest import ROOT, edit, run_cli
from .test_report import paragraphs

PERIOD = parse_period("2023-Q2")
AS_OF = date(2023, 6, 14)
NO_DAY = ("recurring", "continuous", "on-request", "text")


def _bench(name: str):
    """A module of bench/ (not a package), imported from its file."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A province, three departments, a district and its three communes (8 plans); every
    plan but one commune has a status file for 2023-Q2."""
    tree, statuses = _bench("tree"), _bench("rollup")
    top = tmp_path_factory.mktemp("tree")
    rng = random.Random(5)
    province = tree.province("An Giang", tree.seed_slots())
    nodes = [province] + [tree.department(province, "An Giang", d, rng) for d in tree.DEPARTMENTS[:3]]
    seat = tree.district(province, "An Giang", 1, rng)
    nodes += [seat] + [tree.commune(seat, "An Giang", n, rng) for n in (1, 2, 3)]
    tree.write_tree(nodes, top / "plans")
    statuses.write_statuses(nodes, top, seed=11)
    silent = nodes[-1]
    (top / "status" / silent.stem / "2023-Q2.yaml").unlink()
    return top, nodes, silent


@pytest.fixture
def in_tree(generated, monkeypatch):
    top, nodes, silent = generated
    monkeypatch.chdir(top)
    return top, nodes, silent


@pytest.fixture
def rolled(in_tree):
    top, nodes, _ = in_tree
    return rollup(Path("plans") / f"{nodes[0].stem}.yaml", PERIOD, workers=1)


def _category(entry: dict | None, written: str | None) -> str:
    """Where a task stands, judged here from the status entry and the deadline as written."""
    if entry is None:
        return NO_STATUS
    if entry["state"] == "cancelled":
        return "cancelled"
    latest = None
    if written:
        parsed = deadlines.parse(written.replace("{{ year }}", "2023"), 2023)
        latest = None if parsed.kind in NO_DAY else parsed.latest
    if entry["state"] == "done":
        done = date.fromisoformat(str(entry["date"]))
        return LATE if latest is not None and done > latest else ON_TIME
    return OVERDUE if latest is not None and AS_OF > latest else IN_TIME


def expected(top: Path, nodes) -> tuple[dict[str, Counter], dict[str, set[str]], dict[str, Counter]]:
    """Per task of the province: categories over the plans below that kept it, and where it is
    overdue; per plan below: the categories of all its tasks."""
    per_task = {slot.id: Counter() for slot in nodes[0].slots}
    overdue = defaultdict(set)
    per_plan = {}
    for node in nodes[1:]:
        path = top / "status" / node.stem / "2023-Q2.yaml"
        entries = (yaml.safe_load(path.read_text(encoding="utf-8"))["tasks"] or {}) if path.exists() else {}
        per_plan[node.stem] = Counter()
        for slot in node.slots:
            kind = _category(entries.get(slot.id), slot.deadline)
            per_plan[node.stem][kind] += 1
            if slot.id in per_task:
                per_task[slot.id][kind] += 1
                if kind == OVERDUE:
                    overdue[slot.id].add(node.stem)
    return per_task, overdue, per_plan


def test_every_total_is_the_independent_count(in_tree, rolled):
    top, nodes, _ = in_tree
    per_task, overdue, per_plan = expected(top, nodes)
    assert [t.task.id for t in rolled.tasks] == [slot.id for slot in nodes[0].slots]
    for result in rolled.tasks:
        want = per_task[result.task.id]
        assert {c: result.counts[c] for c in CATEGORIES} == {c: want[c] for c in CATEGORIES}, result.task.id
        assert {p.name for p in result.overdue} == overdue[result.task.id]
    assert {p.name: {c: p.counts[c] for c in CATEGORIES} for p in rolled.plans} == \
        {name: {c: want[c] for c in CATEGORIES} for name, want in per_plan.items()}
    overall = sum(per_task.values(), Counter())
    assert overall[OVERDUE] > 0 and overall[ON_TIME] > 0 and overall[NO_STATUS] > 0


def test_a_dropped_task_is_not_counted_against(in_tree, rolled):
    _, nodes, _ = in_tree
    below = nodes[1:]
    kept = {node.stem: {slot.id for slot in node.slots} for node in below}
    dropped = [slot.id for slot in nodes[0].slots if any(slot.id not in ids for ids in kept.values())]
    assert dropped, "the generated tree drops some tasks"
    for result in rolled.tasks:
        holders = sum(result.task.id in ids for ids in kept.values())
        assert result.counts.total == holders
    one = next(t for t in rolled.tasks if t.task.id == dropped[0])
    assert one.counts.total < len(below)


def test_a_plan_without_a_status_file_counts_as_not_reported(in_tree, rolled):
    _, nodes, silent = in_tree
    plan = next(p for p in rolled.plans if p.name == silent.stem)
    assert plan.status is None
    assert plan.counts[NO_STATUS] == plan.counts.total == len(silent.slots)
    assert [p.status is None for p in rolled.plans].count(True) == 1


def test_descendants_come_depth_first_and_leave_others_out(in_tree):
    top, nodes, _ = in_tree
    stray = top / "plans" / "khac-2023.yaml"
    stray.write_text((ROOT / "plans" / "an-giang-2023.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    try:
        jobs = descendants(Path("plans") / f"{nodes[0].stem}.yaml")
    finally:
        stray.unlink()
    seat = nodes[4]
    departments = sorted(n.stem for n in nodes[1:4])
    names = [(j.path.stem, j.depth, j.leaf) for j in jobs]
    order = sorted(departments + [seat.stem])
    want = []
    for stem in order:
        want.append((stem, 1, stem != seat.stem))
        if stem == seat.stem:
            want += [(n.stem, 2, True) for n in nodes[5:]]
    assert names == want
    assert all(j.parent.stem == (seat.stem if j.depth == 2 else nodes[0].stem) for j in jobs)


def test_a_pool_of_workers_gives_the_same_roll_up(in_tree, rolled, monkeypatch):
    _, nodes, _ = in_tree
    monkeypatch.setattr(rollup_module, "PARALLEL_FROM", 2)
    pooled = rollup(Path("plans") / f"{nodes[0].stem}.yaml", PERIOD, workers=2)
    assert pooled.plans == rolled.plans
    assert [(t.task.id, t.counts, t.overdue) for t in pooled.tasks] == \
        [(t.task.id, t.counts, t.overdue) for t in rolled.tasks]


def test_the_workbook_holds_both_tables(in_tree, rolled, tmp_path):
    top, nodes, _ = in_tree
    per_task, overdue, per_plan = expected(top, nodes)
    path = tmp_path / "rollup.xlsx"
    path.write_bytes(rollup_xlsx(rolled))
    book = load_workbook(path)
    assert book.sheetnames == [TASK_SHEET, PLAN_SHEET]
    tasks = list(book[TASK_SHEET].iter_rows(values_only=True))
    assert tasks[0][:6] == ("Mã nhiệm vụ", "Phần", "Stt", "Nội dung nhiệm vụ", "Số đơn vị thực hiện",
                            "Hoàn thành")
    assert len(tasks) == 1 + len(nodes[0].slots)
    for row in tasks[1:]:
        want = per_task[row[0]]
        assert row[4:12] == (sum(want.values()), want[ON_TIME] + want[LATE], want[ON_TIME], want[LATE],
                             want[IN_TIME], want[OVERDUE], want["cancelled"], want[NO_STATUS])
        assert len([a for a in (row[12] or "").split("; ") if a]) == len(overdue[row[0]])
    plans = list(book[PLAN_SHEET].iter_rows(values_only=True))
    assert {row[0]: (row[5], row[6], row[8]) for row in plans[1:]} == \
        {name: (sum(c.values()), c[ON_TIME] + c[LATE], c[OVERDUE]) for name, c in per_plan.items()}
    assert book[TASK_SHEET].freeze_panes == "A2"
    assert rollup_xlsx(rolled) == path.read_bytes()             # the same bytes every time


def test_the_roll_up_report_passes_the_checker(in_tree, rolled, tmp_path):
    top, nodes, silent = in_tree
    path = tmp_path / "rollup.docx"
    path.write_bytes(rollup_docx(rolled))
    assert check_docx(path) == []
    text = paragraphs(path.read_bytes())
    assert "BÁO CÁO" in text
    assert "Có 6/7 cơ quan, đơn vị đã báo cáo kết quả thực hiện quý II năm 2023." in text
    assert "Các cơ quan, đơn vị chưa báo cáo: Ủy ban nhân dân xã số 3 (Ủy ban nhân dân huyện số 1)." in text
    per_task, _, _ = expected(top, nodes)
    total = sum(per_task.values(), Counter())
    assert any(t.startswith(f"Các nhiệm vụ của Kế hoạch được 7 cơ quan, đơn vị triển khai với "
                            f"tổng số {sum(total.values())} lượt nhiệm vụ; đã hoàn thành "
                            f"{total[ON_TIME] + total[LATE]} lượt") for t in text)


def test_the_roll_up_report_charts_each_part_over_the_plans_below(in_tree, rolled, tmp_path):
    """One bar a part, its tasks counted once for each plan below that kept them (the
    independent count, summed by the part each task is written in), shown as a picture."""
    top, nodes, _ = in_tree
    per_task, _, _ = expected(top, nodes)
    want = defaultdict(Counter)
    for slot in nodes[0].slots:
        want[slot.where[0][1]] += per_task[slot.id]
    bars = by_part(rolled)
    assert [part.id for part, _ in bars] == list(want)
    assert [{c: counts[c] for c in CATEGORIES} for _, counts in bars] == \
        [{c: want[part.id][c] for c in CATEGORIES} for part, _ in bars]
    path = tmp_path / "rollup.docx"
    path.write_bytes(rollup_docx(rolled))
    with zipfile.ZipFile(path) as archive:
        assert archive.read("word/media/image1.png").startswith(b"\x89PNG")
        assert b"<a:blip " in archive.read("word/document.xml")
    assert ("Biểu đồ: Tình hình thực hiện nhiệm vụ theo từng nội dung của Kế hoạch tại các cơ "
            "quan, đơn vị") in paragraphs(path.read_bytes())


def test_the_command_writes_docx_or_xlsx(in_tree):
    top, nodes, _ = in_tree
    plan = f"plans/{nodes[0].stem}.yaml"
    result = run_cli("report", plan, "--period", "2023-Q2", "--tree", "-o", "rollup.xlsx")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote rollup.xlsx (7 plan(s) below {plan}, 6 with a status file)\n"
    result = run_cli("report", plan, "--period", "2023-Q2", "--tree")
    assert result.exit_code == 0, result.output
    assert (top / "output" / f"{nodes[0].stem}-2023-Q2.rollup.docx").is_file()
    (top / "rollup.xlsx").unlink()


def test_a_bad_status_file_below_is_reported_and_nothing_written(in_tree):
    top, nodes, _ = in_tree
    path = top / "status" / nodes[2].stem / "2023-Q2.yaml"
    before = path.read_text(encoding="utf-8")
    edit(path, "state: done", "state: finished")
    try:
        with pytest.raises(PlanError) as caught:
            rollup(Path("plans") / f"{nodes[0].stem}.yaml", PERIOD, workers=1)
        result = run_cli("report", f"plans/{nodes[0].stem}.yaml", "--period", "2023-Q2", "--tree",
                         "-o", "bad.xlsx")
    finally:
        path.write_text(before, encoding="utf-8")
    line = caught.value.lines[0]
    assert line.startswith(f"status/{nodes[2].stem}/2023-Q2.yaml:")
    assert "'finished' is not a state" in line
    assert result.exit_code == 1 and result.stderr.splitlines() == caught.value.lines
    assert not (top / "bad.xlsx").exists()


def test_a_plan_nothing_extends_has_nothing_to_roll_up(plans_dir):
    result = run_cli("report", "plans/department.yaml", "--period", "2023-Q2", "--tree")
    assert result.exit_code == 2
    assert result.stderr == "plans/department.yaml: no plan in plans extends it; nothing to roll up\n"
