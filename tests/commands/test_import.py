"""``plangen import``: what it prints, what it refuses, what it never overwrites."""
from __future__ import annotations

import importlib.util

import pytest

from ..conftest import run_cli
from ..ingest.test_foreign import word_plan


def test_it_writes_the_plan_and_prints_a_summary(tmp_path):
    source = word_plan(tmp_path / "word.docx")
    out = tmp_path / "plans" / "thu-nghiem.yaml"
    result = run_cli("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == (f"wrote {out}: 2 parts, 1 groups, 5 tasks, 5 units, 0 items to review\n")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert '  title: "Kiểm soát thủ tục hành chính năm 2024"\n' in text
    assert "\\u" not in text                                   # Vietnamese as it reads


def test_it_never_overwrites_a_file_without_force(tmp_path):
    source = word_plan(tmp_path / "word.docx")
    out = tmp_path / "plan.yaml"
    out.write_text("# edited by hand\n", encoding="utf-8")
    result = run_cli("import", str(source), "-o", str(out))
    assert result.exit_code == 2
    assert result.output == f"{out}: exists; use --force to overwrite it\n"
    assert out.read_text(encoding="utf-8") == "# edited by hand\n"
    assert run_cli("import", str(source), "-o", str(out), "--force").exit_code == 0
    assert "year: 2024" in out.read_text(encoding="utf-8")


def test_output_is_required(tmp_path):
    result = run_cli("import", str(word_plan(tmp_path / "word.docx")))
    assert result.exit_code == 2 and "Missing option '-o' / '--output'" in result.output


@pytest.mark.skipif(importlib.util.find_spec("generator.ingest.child") is not None,
                    reason="the child importer is here")
def test_extends_says_it_is_not_available_yet(tmp_path):
    parent = tmp_path / "parent.yaml"
    parent.write_text("year: 2024\n", encoding="utf-8")
    out = tmp_path / "child.yaml"
    result = run_cli("import", str(word_plan(tmp_path / "word.docx")), "-o", str(out),
                     "--extends", str(parent))
    assert result.exit_code == 2
    assert "--extends is not available yet" in result.output and not out.exists()
