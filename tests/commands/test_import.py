"""``plangen import``: what it prints, what it refuses, what it never overwrites."""
from __future__ import annotations

import zipfile

from ..conftest import ROOT, run_cli
from ..ingest.test_foreign import word_plan


def test_it_writes_the_plan_and_prints_a_summary(tmp_path):
    source = word_plan(tmp_path / "word.docx")
    out = tmp_path / "plans" / "thu-nghiem.yaml"
    result = run_cli("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == (f"wrote {out}: 2 parts, 1 groups, 5 tasks, 5 units, 1 items to review\n"
                             "  review: table 3: column \"Nguồn kinh phí\" is not a known heading; "
                             "read as `assignee` (its label kept)\n")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "\n# REVIEW (plangen import):\n# - table 3: column \"Nguồn kinh phí\"" in text
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


def _edit_in_word(source, target, old: str, new: str):
    """The DOCX with one text changed, as a colleague would in Word (every other part kept)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert text.count(old) == 1
                data = text.replace(old, new).encode("utf-8")
            zout.writestr(info, data)
    return target


def test_an_edit_made_in_word_comes_back_as_one_change(tmp_path):
    """--ids-from the plan the DOCX was built from: plangen diff shows only the edit."""
    plan = ROOT / "plans" / "an-giang-2023.yaml"
    assert run_cli("build", "--force", "-o", str(tmp_path), str(plan)).exit_code == 0
    edited = _edit_in_word(tmp_path / "an-giang-2023.docx", tmp_path / "edited.docx",
                           "Trước 28/02/2023", "Trước 15/03/2023")
    out = tmp_path / "plans" / "an-giang-2023.yaml"
    result = run_cli("import", str(edited), "-o", str(out), "--ids-from", str(plan))
    assert result.exit_code == 0, result.output
    diff = run_cli("diff", str(plan), str(out))
    assert "tasks: 0 added, 0 dropped, 0 moved, 1 changed; 0 other change(s)" in diff.output
    assert "kh-kiem-tra-huyen" in diff.output and "15/03/2023" in diff.output
    unchanged = run_cli("import", str(tmp_path / "an-giang-2023.docx"), "-o", str(out), "--force",
                        "--ids-from", str(plan))
    assert unchanged.exit_code == 0
    assert run_cli("diff", str(plan), str(out)).output.endswith("no differences\n")
