"""``import --extends``: an imported plan written as an overrides-only child of its parent.

The import is simulated as the importer sees a document: the plan as ``plangen resolve``
prints it, with item ids invented from positions and unit ids made from unit names.
"""
from __future__ import annotations

import copy
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.ingest.emit import emit_plan
from generator.ingest.overrides import REASON, child_plan
from generator.plan.emphasis import spans
from generator.plan.explain import resolved_yaml
from generator.plan.final import final_problems
from generator.plan.workspace import Workspace
from generator.tree import plain

from tests.conftest import ROOT, run_cli

PREFIX = {"parts": "part", "groups": "group", "tasks": "task", "sections": "section",
          "paragraphs": "para", "articles": "article"}
UNIT_FIELDS = ("lead", "coordinating", "evaluator")


def slug(name: str) -> str:
    plain_name = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain_name = "".join(c for c in plain_name if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "_", plain_name).strip("_")


def resolved(path: Path) -> dict:
    """The plan as ``plangen resolve`` prints it, read back."""
    loaded = Workspace().load(path)
    return yaml.safe_load(resolved_yaml(loaded.tree, loaded.parent.model if loaded.parent else None))


def importer_like(data: dict) -> dict:
    """``data`` with the ids an importer invents: items numbered by position, one unit per
    distinct name (its id made from the name), only the units a task names."""
    data = copy.deepcopy(data)
    names = data.get("units") or {}
    by_name: dict[str, str] = {}
    count: dict[str, int] = {}

    def unit(old: str) -> str:
        name = names[old]
        if name not in by_name:
            wanted, n = slug(name), 2
            by_name[name] = wanted
            while list(by_name.values()).count(by_name[name]) > 1:
                by_name[name], n = f"{wanted}_{n}", n + 1
        return by_name[name]

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                if k in UNIT_FIELDS and key == "tasks":
                    value[k] = unit(v) if isinstance(v, str) else [unit(u) for u in v]
                elif k == "id" and key in PREFIX:
                    count[key] = count.get(key, 0) + 1
                    value[k] = f"{PREFIX[key]}-{count[key]}"
                else:
                    walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
    walk(data)
    data["units"] = {u: name for name, u in by_name.items()}
    return data


def _spans(cell):
    return [spans(p) for p in cell] if isinstance(cell, list) else spans(cell)


def printed(data: dict) -> list:
    """What the appendix and plan sections print, unit names in place of ids (a cell as its
    spans: escaped otherwise, it prints the same)."""
    units = data.get("units") or {}

    def cells(task):
        row = [_spans(task.get(k) or "") for k in ("content", "deadline", "result", "note")]
        for k in UNIT_FIELDS:
            ids = task.get(k) or []
            row.append([units[i] for i in ([ids] if isinstance(ids, str) else ids)])
        return row

    def walk(holder, out):
        for key in ("parts", "groups", "tasks", "sections", "paragraphs"):
            for item in holder.get(key) or []:
                item = {"kind": "text", "text": item} if isinstance(item, str) else item
                out.append(cells(item) if key == "tasks" else
                           [item.get(k) for k in ("title", "heading", "text", "kind")])
                walk(item, out)
        return out
    return walk(data.get("appendix") or {}, walk(data.get("plan") or {}, []))


def write_child(imported: dict, parent: Path, output: Path) -> tuple[dict, dict, str]:
    data, comments = child_plan(imported, parent, output)
    text = emit_plan(data, comments)
    output.write_text(text, encoding="utf-8")
    return data, comments, text


def tasks_of(data: dict) -> dict:
    """The child's task entries by id, from any part or group."""
    out = {}

    def walk(holder):
        for key in ("parts", "groups"):
            for item in holder.get(key) or []:
                walk(item)
        for task in holder.get("tasks") or []:
            out[task["id"]] = task
    walk(data.get("appendix") or {})
    return out


def comment_of(data: dict, comments: dict, task_id: str, field: str | None = None) -> str | None:
    """The comment above a task (or one of its fields) in the child."""
    def walk(holder, path):
        for key in ("parts", "groups", "tasks"):
            for n, item in enumerate(holder.get(key) or []):
                here = path + (key, n)
                if key == "tasks" and item["id"] == task_id:
                    return here
                found = walk(item, here)
                if found:
                    return found
        return None
    path = walk(data["appendix"], ("appendix",))
    return comments.get(path + ((field,) if field else ()))


# -- the hand-written child of An Giang, imported -----------------------------------------------

CHILD = "an-giang-so-xay-dung-2023"


@pytest.fixture
def plans(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("an-giang-2023.yaml", f"{CHILD}.yaml"):
        shutil.copy(ROOT / "plans" / name, folder / name)
    monkeypatch.chdir(tmp_path)
    return folder


def test_the_hand_written_child_imported_prints_the_same_and_diff_sees_no_task_change(plans):
    imported = importer_like(resolved(plans / f"{CHILD}.yaml"))
    data, comments, text = write_child(imported, plans / "an-giang-2023.yaml", plans / "imported.yaml")

    assert text.startswith('extends: "an-giang-2023.yaml"\n')
    assert printed(plain(Workspace().load(plans / "imported.yaml").tree)) == printed(imported)
    # overrides only: the tasks the hand-written child leaves alone are not written
    tasks = tasks_of(data)
    hand = tasks_of(yaml.safe_load((plans / f"{CHILD}.yaml").read_text(encoding="utf-8")))
    assert set(tasks) == set(hand)
    assert [t for t, v in tasks.items() if v.get("drop")] == [t for t, v in hand.items() if v.get("drop")]
    assert tasks["kh-ksthc-so-huyen"] == {
        "id": "kh-ksthc-so-huyen",
        "content": "Kế hoạch Tổ chức hoạt động kiểm soát thủ tục hành chính năm {{ year }} của Sở.",
        "lead": "van_phong_so", "coordinating": "cac_phong_chuyen_mon_thuoc_so"}
    assert comment_of(data, comments, "pakn-so-huyen-xa") == (
        "REVIEW: matched to parent task pakn-so-huyen-xa at 1.00; pakn-vp-ubnd-tinh reads the same")

    result = run_cli("build", "--force", "-o", "out", f"plans/{CHILD}.yaml", "plans/imported.yaml")
    assert result.exit_code == 0, result.output
    hand_text = run_cli("text", f"out/{CHILD}.docx").stdout
    assert run_cli("text", "out/imported.docx").stdout == hand_text

    diff = run_cli("diff", "--format", "json", f"plans/{CHILD}.yaml", "plans/imported.yaml")
    summary = json.loads(diff.stdout)["summary"]
    assert (summary["added"], summary["dropped"], summary["moved"], summary["changed"]) == (0, 0, 0, 0)
    assert json.loads(diff.stdout)["parts"] == []


# -- one kind of override at a time, on the small sample tree -----------------------------------

@pytest.fixture
def sample(plans_dir) -> tuple[Path, dict]:
    """The sample province plan and, as imported, a child that changes nothing yet."""
    (plans_dir / "blank.yaml").write_text(
        (plans_dir / "department.yaml").read_text(encoding="utf-8").split("units:")[0]
        + 'signature: {lines: ["GIÁM ĐỐC"], name: "Nguyễn Văn A"}\n'
        + 'recipients: ["Lưu: VT."]\n', encoding="utf-8")
    imported = importer_like(resolved(plans_dir / "blank.yaml"))
    return plans_dir, imported


def _task(imported: dict, content_start: str) -> dict:
    def walk(holder):
        for key in ("parts", "groups"):
            for item in holder.get(key) or []:
                yield from walk(item)
        yield from holder.get("tasks") or []
    return next(t for t in walk(imported["appendix"]) if t["content"][0 if isinstance(t["content"], list) else slice(None)].startswith(content_start))


def _child(plans: Path, imported: dict):
    data, comments, text = write_child(imported, plans / "province.yaml", plans / "child.yaml")
    loaded = Workspace().load(plans / "child.yaml")
    assert printed(plain(loaded.tree)) == printed(imported)
    return data, comments, text, loaded


def test_a_child_that_changes_nothing_writes_only_its_identity(sample):
    plans, imported = sample
    data, comments, _, _ = _child(plans, imported)
    assert list(data) == ["extends", "issuer", "document", "signature", "recipients"]
    assert comments == {}


def test_a_lead_changed_names_a_unit_of_the_child(sample):
    plans, imported = sample
    imported["units"]["phong_phap_che"] = "Phòng Pháp chế"
    _task(imported, "Kế hoạch của Sở")["lead"] = ["phong_phap_che"]
    data, comments, _, _ = _child(plans, imported)
    assert data["units"] == {"phong_phap_che": "Phòng Pháp chế"}
    assert tasks_of(data) == {"kh-so": {"id": "kh-so", "lead": ["phong_phap_che"]}}
    assert comments == {}


def test_a_lead_changed_to_another_parent_unit_names_the_parents_id(sample):
    plans, imported = sample
    _task(imported, "Kiểm tra")["lead"] = ["ubnd_cap_huyen"]
    data, _, _, _ = _child(plans, imported)
    assert "units" not in data
    assert tasks_of(data) == {"kiem-tra": {"id": "kiem-tra", "lead": ["ubnd_huyen"]}}


def test_a_deadline_later_than_the_parents_is_marked_for_review_and_final_refuses_it(sample):
    plans, imported = sample
    _task(imported, "Kiểm tra")["deadline"] = "Quý IV/2023"
    data, comments, text, loaded = _child(plans, imported)
    assert tasks_of(data)["kiem-tra"] == {"id": "kiem-tra", "deadline": "Quý IV/2023",
                                         "deadline_reason": REASON}
    assert comment_of(data, comments, "kiem-tra", "deadline_reason") == \
        "REVIEW: later than the parent's deadline \"Quý II, III/2023\": say why"
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "REVIEW: later" in l)
    assert [str(p) for p in final_problems(loaded) if "REVIEW" in p.message] == [
        f"plans/child.yaml:{line}:{text.splitlines()[line - 1].index('REVIEW') + 1}: "
        "a # REVIEW mark is left: resolve it and remove the mark"]


def test_an_earlier_deadline_needs_no_reason(sample):
    plans, imported = sample
    _task(imported, "Kiểm tra")["deadline"] = "Quý II/2023"
    data, comments, _, _ = _child(plans, imported)
    assert tasks_of(data) == {"kiem-tra": {"id": "kiem-tra", "deadline": "Quý II/2023"}}
    assert comments == {}


def test_a_parent_task_absent_from_the_import_is_dropped(sample):
    plans, imported = sample
    group = imported["appendix"]["parts"][0]["groups"][0]
    group["tasks"] = [t for t in group["tasks"] if not t["content"].startswith("Kế hoạch của Sở")]
    data, _, _, _ = _child(plans, imported)
    assert data["appendix"] == {"parts": [{"id": "kiem-soat", "groups": [
        {"id": "chi-dao", "tasks": [{"id": "kh-so", "drop": True}]}]}]}


def test_a_new_task_is_added_after_the_one_it_follows(sample):
    plans, imported = sample
    imported["units"]["phong_tong_hop"] = "Phòng Tổng hợp"
    group = imported["appendix"]["parts"][0]["groups"][0]
    group["tasks"].insert(1, {"id": "task-99", "content": "Tập huấn nghiệp vụ cho công chức",
                              "lead": "phong_tong_hop", "deadline": "Quý I/2023"})
    data, comments, _, loaded = _child(plans, imported)
    assert tasks_of(data) == {"task-99": {
        "id": "task-99", "after": "kh-tinh", "content": "Tập huấn nghiệp vụ cho công chức",
        "lead": "phong_tong_hop", "deadline": "Quý I/2023"}}
    assert comment_of(data, comments, "task-99") == "new: not in the parent"
    assert [t.id for t in loaded.model.tasks()][:3] == ["kh-tinh", "task-99", "kh-so"]


def test_a_new_first_task_goes_at_the_start(sample):
    plans, imported = sample
    group = imported["appendix"]["parts"][0]["groups"][0]
    group["tasks"].insert(0, {"id": "task-0", "content": "Họp triển khai đầu năm",
                              "deadline": "Tháng 01/2023"})
    data, _, _, loaded = _child(plans, imported)
    assert tasks_of(data)["task-0"]["at"] == "start"
    assert [t.id for t in loaded.model.tasks()][:2] == ["task-0", "kh-tinh"]


def test_a_new_id_that_a_parent_item_has_is_made_unique(sample):
    plans, imported = sample
    group = imported["appendix"]["parts"][0]["groups"][0]
    group["tasks"].append({"id": "kiem-tra", "content": "Tổng kết năm", "deadline": "Tháng 12/2023"})
    data, _, _, _ = _child(plans, imported)
    assert tasks_of(data)["kiem-tra-2"]["after"] == "kiem-tra"


def test_a_unit_the_child_names_in_its_own_words_everywhere_is_renamed(sample):
    plans, imported = sample
    imported["units"]["so_ban_nganh_tinh"] = "Các phòng thuộc Sở"
    data, comments, _, _ = _child(plans, imported)
    assert data["units"] == {"so_ban_nganh_tinh": "Các phòng thuộc Sở"}
    assert "appendix" not in data
    assert comments == {("units", "so_ban_nganh_tinh"):
                        "REVIEW: the parent's \"Sở, ban, ngành tỉnh\", renamed"}


def test_a_reworded_task_is_matched_with_its_similarity_for_review(sample):
    plans, imported = sample
    _task(imported, "Kiểm tra")["content"] = "Kiểm tra việc thực hiện tại các phòng"
    data, comments, _, _ = _child(plans, imported)
    assert tasks_of(data) == {"kiem-tra": {"id": "kiem-tra",
                                           "content": "Kiểm tra việc thực hiện tại các phòng"}}
    assert comment_of(data, comments, "kiem-tra") == \
        "REVIEW: matched to parent task kiem-tra at 0.77"


def test_a_placeholder_of_the_parent_is_compared_as_the_child_prints_it(sample):
    """kh-tinh says "{{ issuer.short }}": in the child it reads "Sở", unchanged."""
    plans, imported = sample
    assert _task(imported, "Kế hoạch kiểm soát")["content"].endswith("của Sở")
    data, _, _, _ = _child(plans, imported)
    assert "appendix" not in data


def test_a_new_group_is_added_whole_with_the_childs_units(sample):
    plans, imported = sample
    imported["units"]["phong_tong_hop"] = "Phòng Tổng hợp"
    part = imported["appendix"]["parts"][0]
    part["groups"].append({"id": "group-9", "title": "Công tác của Sở", "tasks": [
        {"id": "task-9", "content": "Rà soát quy trình nội bộ", "lead": ["phong_tong_hop", "van_phong_ubnd_tinh"],
         "deadline": "Quý III/2023"}]})
    data, comments, _, _ = _child(plans, imported)
    group = data["appendix"]["parts"][0]["groups"][0]
    assert group == {"id": "group-9", "after": "ra-soat", "title": "Công tác của Sở", "tasks": [
        {"id": "task-9", "content": "Rà soát quy trình nội bộ",
         "lead": ["phong_tong_hop", "vp_ubnd_tinh"], "deadline": "Quý III/2023"}]}
    assert comments == {("appendix", "parts", 0, "groups", 0): "new: not in the parent"}


def test_what_the_document_prints_by_itself_is_not_written(sample):
    """The parent's citation (as a string or in cite: form), a title in capitals, the
    generated "(Kèm theo …)" line and a paragraph read as plain text are what inheriting gives."""
    plans, imported = sample
    citation = imported["plan"]["bases"][0]
    assert citation.startswith("Căn cứ Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023")
    imported["plan"]["bases"][0] = {"cite": {
        "type": "Quyết định", "number": "77/QĐ-UBND", "date": "2023-01-18",
        "issuer": "Ủy ban nhân dân tỉnh An Giang",
        "about": citation.split("An Giang ", 1)[1].removesuffix(";")}}
    imported["appendix"]["title"] = imported["appendix"]["title"].upper()
    imported["appendix"]["attached"] = Workspace().load(plans / "blank.yaml").model.appendix.attached
    data, comments, _, _ = _child(plans, imported)
    assert list(data) == ["extends", "issuer", "document", "signature", "recipients"]


def test_a_paragraph_read_as_plain_text_is_the_parents_paragraph_of_kind_text(sample):
    plans, imported = sample
    section = imported["plan"]["sections"][1]
    section["paragraphs"] = [p["text"] for p in section["paragraphs"]]
    data, comments, _, _ = _child(plans, imported)
    assert data["plan"] == {"sections": [{"id": "to-chuc", "paragraphs": [
        {"id": "tc-1", "kind": "text"}]}]}
    assert comments == {}


def test_a_document_that_does_not_cite_its_parent_says_so(sample):
    plans, imported = sample
    del imported["plan"]["bases"]
    data, _, _, loaded = _child(plans, imported)
    assert data["cite_parent"] is False and loaded.model.plan.bases == ()


def test_its_own_bases_follow_the_parents_citation(sample):
    plans, imported = sample
    imported["plan"]["bases"].append("Căn cứ Quyết định số 12/QĐ-SXD ngày 02 tháng 01 năm 2023;")
    data, _, _, _ = _child(plans, imported)
    assert data["plan"] == {"bases": ["Căn cứ Quyết định số 12/QĐ-SXD ngày 02 tháng 01 năm 2023;"]}


def test_a_cell_the_child_leaves_empty_blanks_the_parents(sample):
    plans, imported = sample
    task = _task(imported, "Kế hoạch kiểm soát")
    del task["result"], task["coordinating"]
    data, _, _, _ = _child(plans, imported)
    assert tasks_of(data) == {"kh-tinh": {"id": "kh-tinh", "coordinating": [], "result": ""}}


def test_the_plan_year_is_written_as_the_parent_wrote_it(sample):
    """The parent writes "năm {{ year }}": so does the child's rewording; a deadline the parent
    wrote as a date stays one."""
    plans, imported = sample
    task = _task(imported, "Kế hoạch kiểm soát")
    task["content"] = "Kế hoạch kiểm soát thủ tục hành chính năm 2023 của Sở Xây dựng"
    task["deadline"] = "Tháng 01/2023 (trước ngày 20)"
    data, _, _, _ = _child(plans, imported)
    assert tasks_of(data)["kh-tinh"]["content"] == \
        "Kế hoạch kiểm soát thủ tục hành chính năm {{ year }} của Sở Xây dựng"
    assert tasks_of(data)["kh-tinh"]["deadline"] == "Tháng 01/2023 (trước ngày 20)"


def test_the_short_name_no_line_shows_is_read_from_the_texts_that_print_it(sample):
    """The parent's "… của {{ issuer.short }}" reads "… của Sở" in the import: the child's
    short name is "Sở", and the task, printed the same, is not written."""
    plans, imported = sample
    assert imported["issuer"].pop("short") == "Sở"
    data, _, _, _ = _child(plans, imported)
    assert data["issuer"]["short"] == "Sở"
    assert "appendix" not in data


def test_a_new_task_that_reads_a_little_like_a_dropped_one_is_for_review(sample):
    """Two parent tasks gone, two new ones in their place: not paired one to one, but the
    one that reads somewhat like a dropped task says which."""
    plans, imported = sample
    group = imported["appendix"]["parts"][0]["groups"][0]
    group["tasks"][1:] = [
        {"id": "task-8", "content": "Kiểm tra định kỳ tại các phòng", "deadline": "Quý IV/2023"},
        {"id": "task-9", "content": "Họp giao ban hàng tháng", "deadline": "Hàng tháng"}]
    data, comments, _, _ = _child(plans, imported)
    assert [t["id"] for t in data["appendix"]["parts"][0]["groups"][0]["tasks"]] == \
        ["kh-so", "kiem-tra", "task-8", "task-9"]
    assert comment_of(data, comments, "task-8") == \
        "REVIEW: new, or parent task kiem-tra reworded? (at 0.53)"
    assert comment_of(data, comments, "task-9") == "new: not in the parent"


def test_a_text_that_prints_as_the_parents_is_not_written_whatever_its_escapes(sample):
    """The parent escapes a character that needs no escape ("Kế hoạch\\_số"); the import writes
    the fewest escapes ("Kế hoạch_số"): both print the same, so the child writes nothing."""
    plans, _ = sample
    province = plans / "province.yaml"
    province.write_text(province.read_text(encoding="utf-8").replace(
        'content: "Kế hoạch của Sở, ngành', 'content: "Kế hoạch\\\\_số của Sở, ngành'), encoding="utf-8")
    imported = importer_like(resolved(plans / "blank.yaml"))
    _task(imported, "Kế hoạch\\_số")["content"] = "Kế hoạch_số của Sở, ngành, UBND cấp huyện"
    data, comments, _, _ = _child(plans, imported)
    assert list(data) == ["extends", "issuer", "document", "signature", "recipients"]
