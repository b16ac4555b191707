"""``--final``: the gate before signing refuses each draft mark, at the line that holds it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import edit, run_cli

ROOT = Path(__file__).resolve().parents[2]
SIGNED = "an-giang-so-xay-dung-2023.yaml"      # only its number is blank


@pytest.fixture
def plans(tmp_path, monkeypatch) -> Path:
    target = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", target)
    monkeypatch.chdir(tmp_path)
    edit(target / SIGNED, 'number: ""', 'number: "12"')
    return target


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def final(*args: str):
    return run_cli("validate", "--final", *args)


def test_a_plan_ready_to_sign_passes(plans):
    result = final(f"plans/{SIGNED}")
    assert result.exit_code == 0, result.output
    assert "1 of 1 plan(s) final" in result.output
    assert run_cli("validate", f"plans/{SIGNED}").exit_code == 0


@pytest.mark.parametrize("old, new, message", [
    ('number: "12"', 'number: ""', "the document's number is blank"),
    ('date: "2023-02-06"', 'date: "2023-02"', "the document's day is blank"),
    ('name: "Nguyễn Quốc Cường"', 'name: ""', "the signer's name is blank"),
    ('name: "Nguyễn Quốc Cường"', 'name: "Họ và tên người ký"',
     "the signer's name \"Họ và tên người ký\" is a placeholder"),
    ('- "PHÓ GIÁM ĐỐC"', '- "CHỨC VỤ NGƯỜI KÝ"',
     "the signature line \"CHỨC VỤ NGƯỜI KÝ\" is a placeholder"),
    ('short: "Sở"', 'short: "Sở"  # TODO: check', "a # TODO mark is left"),
    ('short: "Sở"', 'short: "Sở"  # REVIEW: was 2022', "a # REVIEW mark is left"),
])
def test_each_draft_mark_fails_at_its_line(plans, old, new, message):
    path = edit(plans / SIGNED, old, new)
    assert run_cli("validate", str(path)).exit_code == 0       # a valid draft all the same
    result = final(str(path))
    assert result.exit_code == 1
    line = line_of(path, new.split("#")[-1].strip() if "#" in new else new)
    finding = next(f for f in result.output.splitlines() if message in f)
    assert finding.startswith(f"plans/{SIGNED}:{line}:")
    assert "0 of 1 plan(s) final" in result.output


def test_a_mark_column_points_at_the_word(plans):
    path = edit(plans / SIGNED, 'short: "Sở"', 'short: "Sở"  # TODO')
    line = line_of(path, "# TODO")
    col = path.read_text(encoding="utf-8").splitlines()[line - 1].index("TODO") + 1
    assert f"plans/{SIGNED}:{line}:{col}: a # TODO mark" in final(str(path)).output


def test_a_mark_inside_a_quoted_text_or_the_parent_is_not_a_finding(plans):
    edit(plans / SIGNED, 'short: "Sở"', 'short: "Sở # TODO"')
    edit(plans / "an-giang-2023.yaml", 'abbr: "UBND"', 'abbr: "UBND"  # REVIEW')
    result = final(f"plans/{SIGNED}")
    assert result.exit_code == 0, result.output


def test_reconstructed_plans_and_open_warnings_fail(plans):
    result = final("plans/an-giang-2024.yaml", "plans/soc-trang-2024.yaml")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    rec = line_of(plans / "an-giang-2024.yaml", "reconstructed: >-")
    assert any(l.startswith(f"plans/an-giang-2024.yaml:{rec}:") and "reconstructed plan" in l
               for l in lines)
    assert any(l.startswith("plans/soc-trang-2024.yaml:") and "(--final allows no warnings)" in l
               and "warning:" not in l for l in lines)
    # the same warning leaves a plain validate passing
    assert run_cli("validate", "plans/soc-trang-2024.yaml").exit_code == 0


def test_an_answered_warning_does_not_block(plans):
    """cho-vam's later deadlines each give a deadline_reason: only its blank signer is left."""
    edit(plans / "cho-vam-2024.yaml", 'name: ""', 'name: "Nguyễn Văn A"')
    result = final("plans/cho-vam-2024.yaml")
    assert run_cli("validate", "plans/cho-vam-2024.yaml").output.count("accepted because") == 3
    assert result.exit_code == 0, result.output


def test_build_final_builds_nothing_when_a_plan_fails(plans, tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", "--final", "-o", str(out), "plans/cho-vam-2024.yaml")
    assert result.exit_code == 1
    line = line_of(plans / "cho-vam-2024.yaml", 'name: ""')
    assert f"plans/cho-vam-2024.yaml:{line}:9: the signer's name is blank" in result.output
    assert "not final: 1 of 1 plan(s); nothing built" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_build_final_builds_a_plan_ready_to_sign(plans, tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", "--final", "-o", str(out), f"plans/{SIGNED}")
    assert result.exit_code == 0, result.output
    assert (out / SIGNED.replace(".yaml", ".docx")).is_file()
