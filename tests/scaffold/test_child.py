"""``plangen new --extends PARENT --issuer NAME``: a child plan to fill in."""
from __future__ import annotations

import io

import docx
import pytest

from generator.scaffold.child import abbreviation
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
        assert f"- id: {task.id}" in text
    head, _, listed = text.partition("# appendix:\n")
    live = "\n".join(line[2:] if line.startswith("# ") else line for line in listed.splitlines())
    (plans / "live.yaml").write_text(head + "appendix:\n" + live + "\n", encoding="utf-8")
    loaded = validates_and_builds(plans / "live.yaml")              # a no-op override as it is
    assert loaded.model.appendix == Workspace().load(plans / "child.yaml").model.appendix


def test_a_listed_task_shows_its_lead_and_deadline(plans):
    assert new("--extends", "plans/an-giang-2023.yaml", "--issuer", "Sở Xây dựng",
               "-o", "plans/child.yaml").exit_code == 0
    lines = (plans / "child.yaml").read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.endswith("- id: kh-ksthc-tinh  # 1. Kế hoạch "
                                                                 "Tổ chức hoạt động kiểm soát thủ tục hành chính…"))
    assert lines[at + 1:at + 4] == [
        "#               lead: [vp_ubnd_tinh]  # Văn phòng UBND tỉnh",
        '#               deadline: "Tháng 01/{{ year }}"',
        "#               # drop: true"]


def test_uncommenting_drop_leaves_the_task_out(plans):
    assert new("--extends", "plans/an-giang-2023.yaml", "--issuer", "Sở Xây dựng",
               "-o", "plans/child.yaml").exit_code == 0
    text = (plans / "child.yaml").read_text(encoding="utf-8")
    head, _, listed = text.partition("# appendix:\n")
    live = "\n".join(line[2:] if line.startswith("# ") else line for line in listed.splitlines())
    live = live.replace("- id: kh-ksthc-tinh  # 1.", "- id: kh-ksthc-tinh\n              drop: true  # 1.", 1)
    (plans / "live.yaml").write_text(head + "appendix:\n" + live + "\n", encoding="utf-8")
    loaded = validates_and_builds(plans / "live.yaml")
    assert "kh-ksthc-tinh" not in {t.id for t in loaded.model.tasks()}


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
