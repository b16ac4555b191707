"""``plangen check``: a draft's blank number and unnamed or placeholder signer are warnings."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import check_docx
from generator.commands.check import check_command
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan
from tests.conftest import edit

ROOT = Path(__file__).resolve().parents[2]
SXD = "an-giang-so-xay-dung-2023.yaml"         # number blank, signer named


@pytest.fixture
def plans(tmp_path) -> Path:
    target = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", target)
    return target


def built(plan: Path) -> Path:
    out = plan.with_suffix(".docx")
    out.write_bytes(render_plan(Workspace().load(plan).model))
    return out


def check(path: Path):
    return CliRunner().invoke(check_command, [str(path)], catch_exceptions=False)


def test_a_blank_number_is_a_warning_that_keeps_exit_zero(plans):
    docx = built(plans / SXD)
    result = check(docx)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{docx}: unsigned: warning: the number is blank ('Số: /KH-SXD'): a draft, not yet issued",
        "1 file(s) checked, 0 problem(s), 1 warning(s)"]
    assert check_docx(docx) == []          # the Decree 30 findings alone: none


def test_a_numbered_signed_plan_has_no_warning(plans):
    docx = built(edit(plans / SXD, 'number: ""', 'number: "12"'))
    assert check(docx).output.splitlines() == ["1 file(s) checked, 0 problem(s)"]


def test_a_blank_signer_is_a_warning(plans):
    edit(plans / SXD, 'number: ""', 'number: "12"')
    docx = built(edit(plans / SXD, 'name: "Nguyễn Quốc Cường"', 'name: ""'))
    result = check(docx)
    assert result.exit_code == 0
    assert f"{docx}: unsigned: warning: the signature has no signer's name under its lines" \
        in result.output.splitlines()


def test_a_placeholder_signer_is_a_warning(plans):
    edit(plans / SXD, 'number: ""', 'number: "12"')
    edit(plans / SXD, '- "PHÓ GIÁM ĐỐC"', '- "CHỨC VỤ NGƯỜI KÝ"')
    docx = built(edit(plans / SXD, 'name: "Nguyễn Quốc Cường"', 'name: "Họ và tên người ký"'))
    lines = check(docx).output.splitlines()
    assert f"{docx}: unsigned: warning: the signature holds the placeholder 'CHỨC VỤ NGƯỜI KÝ'" in lines
    assert f"{docx}: unsigned: warning: the signature holds the placeholder 'Họ và tên người ký'" in lines
    assert lines[-1] == "1 file(s) checked, 0 problem(s), 2 warning(s)"
