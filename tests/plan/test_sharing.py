"""A child that shares its parent's subtrees gives what a child built from scratch gives.

tree.py: a child's merged plan holds its parent's unchanged subtrees themselves, and the
schema check, the placeholders, the character check and the model builder read the notes the
parent's run left on them instead of walking them again. Here random children (overrides,
drops, additions, renamed units, other issuers, mistakes of every stage) are loaded both ways
(after their parent and a sibling in one workspace, and with sharing off in a fresh one) and
must give the same model, the same tree and the same problems with the same positions.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import yaml
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import PlanError
from generator.plan.load import load_file
from generator.plan.workspace import Workspace
from generator.tree import Map, Seq, plain, set_sharing, sharing

from ..conftest import ROOT, TREE, examples

PARENTS = {"province": TREE / "province.yaml", "an-giang": ROOT / "plans" / "an-giang-2023.yaml",
           "soc-trang": ROOT / "plans" / "soc-trang-2024.yaml"}


def _slots(path: Path) -> list[tuple[tuple, str]]:
    """Each task of a plan: (its holders as ((list, id), …), its id), in document order."""
    out = []

    def walk(holder, where):
        for key in ("parts", "groups", "tasks"):
            for item in holder.get(key) or []:
                if key == "tasks" and "kind" not in item:
                    out.append((where, item["id"]))
                else:
                    walk(item, where + (("groups" if key == "tasks" else key, item["id"]),))
    walk(load_file(path)["appendix"], ())
    return out


SLOTS = {name: _slots(path) for name, path in PARENTS.items()}
UNITS = {name: list(load_file(path).get("units") or {}) for name, path in PARENTS.items()}

# Values a child may write: good ones, and mistakes (each found by another stage)
CONTENTS = ("Nội dung riêng của {{ issuer.short }} năm {{ year }}", "Nội dung năm {{ year }}",
            "Nội dung không có chỗ trống", "{{ issuer.full | upper }}",
            "{% for x in [1, 2] %}{{ x }}{% endfor %}")
BAD_CONTENTS = ("{{ khong_co }}", "Chữ \x01 lạ", "{{ issuer }}",
                "Chữ **đậm chưa đóng")
DEADLINES = ("Trước ngày 10/01/{{ year }}", "Thường xuyên", "Hàng quý", "Theo yêu cầu")
BAD_DEADLINES = ("Tháng 13/2023", "31/12/2025", "30/02/2023")
@st.composite
def changes(draw, parent: str, stem: str):
    """A child's text: an issuer, units (one of the parent's maybe renamed), and changes to
    tasks (fields overridden, some dropped, one added, a mistake now and then)."""
    wrong = draw(st.booleans())             # whether this child may hold mistakes
    contents = CONTENTS + (BAD_CONTENTS if wrong else ())
    deadlines = DEADLINES + (BAD_DEADLINES if wrong else ())
    own_unit = f"{stem}_don_vi"
    units = {own_unit: f"Đơn vị {{{{ issuer.short }}}} {stem}"}
    if UNITS[parent] and draw(st.booleans()):
        units[draw(st.sampled_from(UNITS[parent]))] = "Đơn vị đổi tên"
    leads = UNITS[parent] + [own_unit] + (["khong_co_don_vi"] if wrong else [])
    nested: dict = {}
    for where, task_id in SLOTS[parent]:
        roll = draw(st.integers(0, 15))
        if roll >= 4:
            continue
        change: dict = {"id": task_id}
        if roll == 0:
            change["drop"] = True
        elif roll == 1:
            change["lead"] = draw(st.sampled_from(leads))
        elif roll == 2:
            change["deadline"] = draw(st.sampled_from(deadlines))
        else:
            field = draw(st.sampled_from(("content", "result") + (("lea", "lead") if wrong else ())))
            change[field] = 5 if field == "lead" else draw(st.sampled_from(contents))
        holder = nested
        for key, item_id in where:
            holder = holder.setdefault(key, {}).setdefault(item_id, {"id": item_id})
        holder.setdefault("tasks", []).append(change)
    if draw(st.booleans()):
        where, anchor = draw(st.sampled_from(SLOTS[parent]))
        holder = nested
        for key, item_id in where:
            holder = holder.setdefault(key, {}).setdefault(item_id, {"id": item_id})
        holder.setdefault("tasks", []).append(
            {"id": f"{stem}-them", "after": anchor, "content": draw(st.sampled_from(contents)),
             "lead": own_unit, "deadline": draw(st.sampled_from(deadlines))})

    def lists(holder):
        out = {k: v for k, v in holder.items() if k != "groups"}
        if "groups" in holder:
            out["groups"] = [lists(g) for g in holder["groups"].values()]
        return out
    short = draw(st.sampled_from(("UBND tỉnh", f"Sở {stem}")))
    return {"issuer": {"name": [f"SỞ {stem.upper()}"], "full": f"Sở {stem}", "short": short,
                       "abbr": "SXD", "place": "An Giang"},
            "document": {"number": "", "type": "KH", "date": "2023-02-10"},
            "units": units,
            "appendix": {"parts": [lists(p) for p in nested.get("parts", {}).values()]},
            "signature": {"lines": ["GIÁM ĐỐC"], "name": "Nguyễn Văn A"}}


@st.composite
def families(draw):
    parent = draw(st.sampled_from(sorted(PARENTS)))
    return (parent, draw(changes(parent, "chi")), draw(changes(parent, "em")),
            draw(changes(parent, "chau")))


def _write(folder: Path, name: str, extends: str, data: dict) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.dump({"extends": extends, **data}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def _outcome(workspace: Workspace, path: Path):
    try:
        loaded = workspace.load(path)
    except PlanError as e:
        return "refused", e.problems
    return "loaded", loaded.model, loaded.warnings, plain(loaded.tree), _positions(loaded.tree)


def _positions(value):
    """Every position of a tree, in order (plain() drops them)."""
    if isinstance(value, Map):
        return (value.pos, value.key_pos, value.val_pos, [_positions(v) for v in value.values()])
    if isinstance(value, Seq):
        return (value.pos, value.item_pos, [_positions(v) for v in value])
    return None


@contextmanager
def _from_scratch():
    before = sharing()
    set_sharing(False)
    try:
        yield
    finally:
        set_sharing(before)


@settings(max_examples=examples(30), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(family=families())
def test_shared_and_from_scratch_children_agree(tmp_path_factory, family):
    name, child, sibling, grandchild = family
    folder = tmp_path_factory.mktemp("plans")
    parent = folder / "parent.yaml"
    parent.write_bytes(PARENTS[name].read_bytes())
    paths = [_write(folder, "sibling", "parent.yaml", sibling),
             _write(folder, "child", "parent.yaml", child),
             _write(folder, "grandchild", "child.yaml", grandchild)]
    shared = Workspace()
    assert _outcome(shared, parent)[0] == "loaded"
    got = [_outcome(shared, path) for path in paths]
    with _from_scratch():
        alone = [_outcome(Workspace(), path) for path in paths]
    assert got == alone


def test_shared_subtrees_are_the_parents():
    """The sharing the test above compares is really there: a child with one change holds
    its parent's other subtrees, evaluated copies, built layouts and paragraphs themselves."""
    folder = TREE
    workspace = Workspace()
    parent = workspace.load(folder / "province.yaml")
    child = workspace.load(folder / "department.yaml")
    resolved = workspace.resolver.resolve(folder / "department.yaml").tree
    theirs = workspace.resolver.resolve(folder / "province.yaml").tree
    assert resolved["appendix"]["layouts"] is theirs["appendix"]["layouts"]
    layout = parent.model.appendix.parts[0].layout
    assert child.model.appendix.parts[0].layout is layout
    kept, changed = child.model.plan.sections[1], child.model.plan.sections[0]  # to-chuc, muc-dich
    assert kept.paragraphs is parent.model.plan.sections[1].paragraphs
    assert changed.paragraphs != parent.model.plan.sections[0].paragraphs
    assert child.model.plan.preamble is parent.model.plan.preamble
    with _from_scratch():
        alone = Workspace()
        alone.load(folder / "province.yaml")
        again = alone.load(folder / "department.yaml")
    assert again.model == child.model and again.model.appendix.parts[0].layout is not layout


def _task(loaded, task_id: str):
    return next(t for part in loaded.model.appendix.parts for g in part.items
                for t in g.items if t.id == task_id)


def test_a_changed_task_reuses_its_parents_work_for_what_it_left(tmp_path):
    """A task a child changes is a new mapping whose ``base`` is the parent's (tree.py): the
    values it left keep the parent's evaluated text and model cells themselves; a unit the
    child renames is looked up again even in a value it left, and both agree with a child
    built from scratch."""
    parent_path = tmp_path / "province.yaml"
    parent_path.write_bytes((TREE / "province.yaml").read_bytes())
    lead_only = _write(tmp_path, "lead", "province.yaml", {
        "issuer": {"name": ["SỞ A"], "full": "Sở A", "short": "Sở", "abbr": "SA", "place": "An Giang"},
        "document": {"number": "", "type": "KH", "date": "2023-02-10"},
        "signature": {"lines": ["GIÁM ĐỐC"], "name": "Nguyễn Văn A"},
        "appendix": {"parts": [{"id": "kiem-soat", "groups": [{"id": "chi-dao", "tasks": [
            {"id": "kiem-tra", "lead": "ubnd_huyen"},
            {"id": "kh-tinh", "lead": "ubnd_huyen"}]}]}]}})
    renamed = _write(tmp_path, "renamed", "province.yaml", {
        "issuer": {"name": ["SỞ B"], "full": "Sở B", "short": "Sở", "abbr": "SB", "place": "An Giang"},
        "document": {"number": "", "type": "KH", "date": "2023-02-10"},
        "signature": {"lines": ["GIÁM ĐỐC"], "name": "Nguyễn Văn B"},
        "units": {"vp_ubnd_tinh": "Văn phòng Ủy ban"},
        "appendix": {"parts": [{"id": "kiem-soat", "groups": [{"id": "chi-dao", "tasks": [
            {"id": "kiem-tra", "deadline": "Quý III/2023"}]}]}]}})
    workspace = Workspace()
    parent = workspace.load(parent_path)
    child = workspace.load(lead_only)
    theirs, mine = _task(parent, "kiem-tra"), _task(child, "kiem-tra")
    assert mine.cells["lead"] == ("UBND cấp huyện",) != theirs.cells["lead"]
    assert mine.cells["content"] is theirs.cells["content"] and mine.deadline is theirs.deadline
    resolved = workspace.resolver.resolve(lead_only).tree["appendix"]["parts"][0]["groups"][0]
    parents = workspace.resolver.resolve(parent_path).tree["appendix"]["parts"][0]["groups"][0]
    assert resolved["tasks"][2].base is parents["tasks"][2]
    other = workspace.load(renamed)
    assert _task(other, "kiem-tra").cells["lead"] == ("Văn phòng Ủy ban",)
    with _from_scratch():
        alone = Workspace()
        assert [alone.load(p).model for p in (lead_only, renamed)] == [child.model, other.model]


def _bao_cao(loaded):
    return next(t for t in loaded.model.tasks() if t.id == "bao-cao")


def test_a_task_left_alone_is_taken_while_its_units_keep_their_names(tmp_path):
    """A task no descendant changes is the very Task the root built, two levels down, while
    each level only adds units; a level that renames a unit the task names gives it (and
    every level below, which keeps that new name) the new name, as from scratch."""
    root = tmp_path / "province.yaml"
    root.write_bytes((TREE / "province.yaml").read_bytes())

    def plan(name: str, extends: str, units: dict) -> Path:
        return _write(tmp_path, name, extends, {
            "issuer": {"name": [name.upper()], "full": name, "short": name, "abbr": "SA",
                       "place": "An Giang"},
            "document": {"number": "", "type": "KH", "date": "2023-02-10"},
            "signature": {"lines": ["GIÁM ĐỐC"], "name": "Nguyễn Văn A"}, "units": units})
    adds = plan("adds", "province.yaml", {"rieng_a": "Đơn vị A"})
    below = plan("below", "adds.yaml", {"rieng_b": "Đơn vị B"})
    renames = plan("renames", "province.yaml", {"vp_ubnd_tinh": "Văn phòng mới"})
    keeps = plan("keeps", "renames.yaml", {"rieng_c": "Đơn vị C"})
    workspace = Workspace()
    first = _bao_cao(workspace.load(root))
    got = [workspace.load(path) for path in (adds, below, renames, keeps)]
    assert _bao_cao(got[0]) is first and _bao_cao(got[1]) is first
    assert [_bao_cao(g).cells["lead"] for g in got[2:]] == [("Văn phòng mới",)] * 2
    with _from_scratch():
        alone = Workspace()
        assert [alone.load(p).model for p in (adds, below, renames, keeps)] == \
            [g.model for g in got]


_CHILD = {"issuer": {"name": ["SỞ C"], "full": "Sở C", "short": "Sở", "abbr": "SC", "place": "An Giang"},
          "document": {"number": "", "type": "KH", "date": "2023-02-10"},
          "signature": {"lines": ["GIÁM ĐỐC"], "name": "Nguyễn Văn C"}}


def _override(**task) -> dict:
    """A child's appendix changing one task of the fixture province's group chi-dao."""
    return {"appendix": {"parts": [{"id": "kiem-soat", "groups": [{"id": "chi-dao", "tasks": [
        {"id": "kh-so", **task}]}]}]}}


@pytest.mark.parametrize("change", [
    {"units": None},                                    # no units: every lead is unknown
    {"units": ["vp_ubnd_tinh"]},                        # a list, not a mapping of units
    {"units": "vp_ubnd_tinh, ubnd_huyen"},              # one text
    {"units": None, **_override(deadline="Tháng 03/2023")},     # a changed task, its base's lead
    {"year": "2023"},                                   # a year of the wrong type
    {"year": "2023", **_override(deadline="Tháng 13/2023")},
    _override(deadline="Tháng 13/2023", lead="khong_co"),       # a bad deadline and unit of its own
    _override(deadline="Tháng 01/2022", deadline_reason="Đã làm"),  # before the year, excused
    {"units": {"Don Vi": "Đơn vị"}},                    # a unit id of the wrong form
    {"units": {"vp_ubnd_tinh": ["Văn phòng"]}},         # a parent's unit renamed to a list
], ids=["units-null", "units-list", "units-text", "units-null-changed", "year-text",
        "year-text-changed", "bad-own", "before-year", "unit-id", "unit-name"])
def test_the_parents_verdicts_are_taken_only_where_they_hold(tmp_path, change):
    """The rules pass over a task the parent found clean (rules._Clean) only while the
    child's units still hold every unit the parent knew and its year is the parent's: a
    child whose units are not that mapping, or whose year is of another type, is judged
    task by task; the schema check of the child's units looks at the units it changed.
    Each gives what a child built from scratch gives."""
    parent = tmp_path / "province.yaml"
    parent.write_bytes((TREE / "province.yaml").read_bytes())
    sibling = _write(tmp_path, "sibling", "province.yaml", {**_CHILD, **_override(lead="ubnd_huyen")})
    child = _write(tmp_path, "child", "province.yaml", {**_CHILD, **change})
    shared = Workspace()
    assert _outcome(shared, parent)[0] == _outcome(shared, sibling)[0] == "loaded"
    got = _outcome(shared, child)
    with _from_scratch():
        alone = _outcome(Workspace(), child)
    assert got == alone
    assert got[0] == "refused" or change.get("appendix")
