"""``plangen new --extends PARENT --issuer NAME``: a child plan to fill in."""
from __future__ import annotations

import io

import docx
import pytest

from generator.scaffold.child import INDEX_BEGIN, INDEX_END, abbreviation
from generator.plan.workspace import Workspace

from generator.render.compose import render_plan

from .conftest import new, validates_and_builds

PARENTS = ["an-giang-2023.yaml", "cho-vam-2024.yaml", "soc-trang-2024.yaml"]


@pytest.mark.parametrize("parent", PARENTS)
def test_the_scaffold_validates_and_builds_as_written(plans, parent):
    result = new("--extends", f"plans/{parent}", "--issuer", "Sở Xây dựng", "-o", "plans/child.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "wrote plans/child.yaml\n"
    text = (plans / "child.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert f'extends: "{parent}"' in text
    loaded = validates_and_builds(plans / "child.yaml")
    parent_plan = Workspace().load(plans / parent).model
    assert loaded.model.issuer.full == "Sở Xây dựng" and loaded.model.issuer.abbr == "SXD"
    assert loaded.model.document.number == "" and loaded.model.document.code == "/KH-SXD"
    assert [t.id for t in loaded.model.tasks()] == [t.id for t in parent_plan.tasks()]
    for value in ("parent:", "name:", "abbr:", "date:", "number:", "signature:", "title:",
                  "place:"):
        line = next(l for l in text.splitlines() if l.lstrip().startswith(value))
        assert "# TODO" in line, line


@pytest.mark.parametrize("parent", PARENTS)
def test_every_parent_task_is_listed_ready_to_uncomment(plans, parent):
    assert new("--extends", f"plans/{parent}", "--issuer", "Phòng Tư pháp",
               "-o", "plans/child.yaml").exit_code == 0
    text = (plans / "child.yaml").read_text(encoding="utf-8")
    parent_plan = Workspace().load(plans / parent).model
    for task in parent_plan.tasks():
        assert f"- {{id: {task.id}," in text or f"- {{id: {task.id}}}" in text
    (plans / "live.yaml").write_text(live_index(text), encoding="utf-8")
    loaded = validates_and_builds(plans / "live.yaml")              # a no-op override as it is
    assert loaded.model.appendix == Workspace().load(plans / "child.yaml").model.appendix


def test_a_listed_task_is_one_line_with_its_lead_and_deadline(plans):
    assert new("--extends", "plans/an-giang-2023.yaml", "--issuer", "Sở Xây dựng",
               "-o", "plans/child.yaml").exit_code == 0
    lines = (plans / "child.yaml").read_text(encoding="utf-8").splitlines()
    assert ('#             - {id: kh-ksthc-tinh, lead: [vp_ubnd_tinh], deadline: "Tháng 01/{{ year }}"}'
            "  # 1. Kế hoạch Tổ chức hoạt động kiểm soát thủ tục hành chính…") in lines
    assert lines.index(INDEX_BEGIN) < lines.index(INDEX_END) == len(lines) - 1
    tasks = Workspace().load(plans / "an-giang-2023.yaml").model.tasks()
    assert sum(line.startswith("#") and "- {id: " in line for line in lines) == len(list(tasks))


def live_index(text: str) -> str:
    """The file with its index uncommented."""
    head, _, listed = text.partition("# appendix:\n")
    listed = listed.replace(INDEX_END, "")
    return head + "appendix:\n" + "\n".join(line[2:] if line.startswith("# ") else line
                                             for line in listed.splitlines()) + "\n"


def test_uncommenting_with_drop_leaves_the_task_out(plans):
    assert new("--extends", "plans/an-giang-2023.yaml", "--issuer", "Sở Xây dựng",
               "-o", "plans/child.yaml").exit_code == 0
    live = live_index((plans / "child.yaml").read_text(encoding="utf-8"))
    live = live.replace("- {id: kh-ksthc-tinh,", "- {id: kh-ksthc-tinh, drop: true,", 1)
    (plans / "live.yaml").write_text(live, encoding="utf-8")
    loaded = validates_and_builds(plans / "live.yaml")
    assert "kh-ksthc-tinh" not in {t.id for t in loaded.model.tasks()}


def test_refresh_rewrites_the_index_from_the_changed_parent_and_nothing_else(plans):
    assert new("--extends", "plans/an-giang-2023.yaml", "--issuer", "Sở Xây dựng",
               "-o", "plans/child.yaml").exit_code == 0
    child = plans / "child.yaml"
    child.write_text(child.read_text(encoding="utf-8").replace(
        'full: "Sở Xây dựng"', 'full: "Sở Xây dựng tỉnh An Giang"'), encoding="utf-8")
    before = child.read_text(encoding="utf-8")
    parent = plans / "an-giang-2023.yaml"
    parent.write_text(parent.read_text(encoding="utf-8").replace(
        'deadline: "Tháng 01/{{ year }}"', 'deadline: "Tháng 02/{{ year }}"', 1), encoding="utf-8")
    result = new("--refresh", "plans/child.yaml")
    assert result.exit_code == 0, result.output
    after = child.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines())
    assert changed == [(
        '#             - {id: kh-ksthc-tinh, lead: [vp_ubnd_tinh], deadline: "Tháng 01/{{ year }}"}'
        "  # 1. Kế hoạch Tổ chức hoạt động kiểm soát thủ tục hành chính…",
        '#             - {id: kh-ksthc-tinh, lead: [vp_ubnd_tinh], deadline: "Tháng 02/{{ year }}"}'
        "  # 1. Kế hoạch Tổ chức hoạt động kiểm soát thủ tục hành chính…")]
    assert 'full: "Sở Xây dựng tỉnh An Giang"' in after


def test_refresh_adds_an_index_to_a_plan_without_one(plans):
    plan = plans / "an-giang-so-xay-dung-2023.yaml"
    before = plan.read_text(encoding="utf-8")
    assert new("--refresh", str(plan)).exit_code == 0
    after = plan.read_text(encoding="utf-8")
    assert after.startswith(before) and INDEX_BEGIN in after and after.rstrip().endswith(INDEX_END)
    validates_and_builds(plan)


def test_refresh_needs_a_child_plan(plans):
    result = new("--refresh", "plans/an-giang-2023.yaml")
    assert result.exit_code == 2
    assert "plans/an-giang-2023.yaml: does not extend a plan" in result.output


@pytest.mark.parametrize("name, abbr", [("Sở Xây dựng", "SXD"), ("Sở Tư pháp", "STP"),
                                        ("Ủy ban nhân dân xã Vĩnh Xương", "UBND"),
                                        ("Đài Phát thanh", "ĐPT")])
def test_the_abbreviation_is_the_initials(name, abbr):
    assert abbreviation(name) == abbr


def test_it_refuses_to_overwrite_unless_forced(plans):
    (plans / "child.yaml").write_text("keep me\n", encoding="utf-8")
    args = ["--extends", "plans/an-giang-2023.yaml", "--issuer", "Sở Xây dựng", "-o", "plans/child.yaml"]
    result = new(*args)
    assert result.exit_code == 2
    assert result.stderr == "plans/child.yaml: exists; use --force to overwrite it\n"
    assert (plans / "child.yaml").read_text(encoding="utf-8") == "keep me\n"
    assert new(*args, "--force").exit_code == 0
    assert sorted(p.name for p in plans.iterdir() if p.name.startswith(".")) == []


def test_usage_errors_exit_2(plans, tmp_path):
    assert new("--extends", "plans/an-giang-2023.yaml", "-o", "plans/x.yaml").exit_code == 2
    assert new("--issuer", "Sở", "-o", "plans/x.yaml").exit_code == 2
    assert new("--extends", "plans/an-giang-2023.yaml", "--issuer", " ", "-o", "plans/x.yaml").exit_code == 2
    result = new("--extends", "plans/an-giang-2023.yaml", "--issuer", "Sở", "-o", "elsewhere/x.yaml")
    assert result.exit_code == 2 and "its own folder or below it" in result.stderr
    assert not (plans / "x.yaml").exists()


def test_an_invalid_parent_exits_1_with_its_problems(plans):
    (plans / "bad.yaml").write_text("year: 2023\n", encoding="utf-8")
    result = new("--extends", "plans/bad.yaml", "--issuer", "Sở", "-o", "plans/x.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith("plans/bad.yaml:1:1: ")


def header_and_closing(path):
    """The plan, the header's left column (agency lines, then "Số:"), its place and date line,
    and the signature side of the closing block, as printed."""
    loaded = validates_and_builds(path)
    document = docx.Document(io.BytesIO(render_plan(loaded.model)))
    top = document.tables[0]
    header = [line for row in top.rows for line in row.cells[0].text.splitlines() if line.strip()]
    closing = next(t for t in document.tables if "Nơi nhận" in t.rows[0].cells[0].text)
    signer = [p.text for p in closing.rows[0].cells[-1].paragraphs if p.text.strip()]
    return loaded.model, header, top.rows[-1].cells[1].text, signer


@pytest.mark.parametrize("parent, issuer, header, short, place, signer", [
    ("phu-tan-2024.yaml", "Ủy ban nhân dân xã Phú Thọ",
     ["ỦY BAN NHÂN DÂN", "XÃ PHÚ THỌ", "Số:      /KH-UBND"], "xã", "Phú Thọ",
     ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("an-giang-2024.yaml", "UBND huyện Châu Phú",
     ["ỦY BAN NHÂN DÂN", "HUYỆN CHÂU PHÚ", "Số:      /KH-UBND"], "huyện", "Châu Phú",
     ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("an-giang-2023.yaml", "Sở Tư pháp",
     ["UBND TỈNH AN GIANG", "SỞ TƯ PHÁP", "Số:      /KH-STP"], "Sở", "An Giang", ["GIÁM ĐỐC"]),
    ("phu-tan-2024.yaml", "Phòng Tư pháp",
     ["UBND HUYỆN PHÚ TÂN", "PHÒNG TƯ PHÁP", "Số:      /KH-PTP"], "Phòng", "Phú Tân",
     ["TRƯỞNG PHÒNG"]),
])
def test_the_header_follows_decree_30_for_the_kind_of_issuer(plans, parent, issuer, header,
                                                            short, place, signer):
    """A People's Committee has no superior line (nd30.md); a department prints the agency
    above it. The number and day print blank, the signer's name is blank, not a placeholder."""
    assert new("--extends", f"plans/{parent}", "--issuer", issuer,
               "-o", "plans/child.yaml").exit_code == 0
    model, printed, dated, closing = header_and_closing(plans / "child.yaml")
    assert printed == header
    assert model.issuer.short == short and model.issuer.place == place
    assert model.document.date.day is None and model.document.number == ""
    assert model.signature.name == "" and closing == signer
    text = (plans / "child.yaml").read_text(encoding="utf-8")
    assert "người ký" not in text.casefold() and "chức vụ" not in text.casefold()
    assert dated.startswith(f"{place}, ngày      tháng ")


SUB_GROUP = '''            - id: nhom-kiem-tra
              kind: group
              title: "Nhóm kiểm tra"
              tasks:
                - {id: kt-a, content: "Kiểm tra A", lead: vp_ubnd_tinh, deadline: "Quý II/{{ year }}"}
            - id: kh-kiem-tra-tinh
'''


def test_the_index_keeps_a_sub_group_among_the_tasks_where_the_parent_writes_it(plans):
    """Task, sub-group, task in the parent: the index lists them in that order, nested as the
    parent writes them, and uncommented it is a no-op override (the sub-group by id alone)."""
    parent = plans / "an-giang-2023.yaml"
    parent.write_text(parent.read_text(encoding="utf-8").replace(
        "            - id: kh-kiem-tra-tinh\n", SUB_GROUP, 1), encoding="utf-8")
    assert new("--extends", "plans/an-giang-2023.yaml", "--issuer", "Sở Xây dựng",
               "-o", "plans/child.yaml").exit_code == 0
    text = (plans / "child.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(n for n, line in enumerate(lines) if "- id: nhom-kiem-tra" in line)
    assert lines[at] == "#             - id: nhom-kiem-tra  # 1. Nhóm kiểm tra"
    assert lines[at - 1].startswith("#             - {id: lay-y-kien-dgtd-tthc,")
    assert lines[at + 1:at + 3] == [
        "#               tasks:",
        '#                 - {id: kt-a, lead: [vp_ubnd_tinh], deadline: "Quý II/{{ year }}"}  # 1. Kiểm tra A']
    assert lines[at + 3].startswith("#             - {id: kh-kiem-tra-tinh,")
    (plans / "live.yaml").write_text(live_index(text), encoding="utf-8")
    loaded = validates_and_builds(plans / "live.yaml")
    assert loaded.model.appendix == Workspace().load(plans / "child.yaml").model.appendix
