"""Files that are no plan: one clear line, exit 1, nothing written; a table it cannot map is kept."""
from __future__ import annotations

import zipfile

import docx
import pytest

from generator.ingest import wordfile

from ..conftest import run_cli
from .test_foreign import word_plan


def _run(source, tmp_path):
    out = tmp_path / "out.yaml"
    result = run_cli("import", str(source), "-o", str(out))
    assert not out.exists()
    assert list(tmp_path.glob(".out.yaml.*")) == []           # no temporary file left either
    return result


def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_text("Kế hoạch năm 2024", encoding="utf-8"),
     "not a DOCX file (a .docx is a zip package)"),
    (lambda p: p.write_bytes(wordfile.OLE_MAGIC + b"\0" * 512),
     "an encrypted or old-format (.doc) Word file; open it in Word and save it as an unprotected .docx"),
    (lambda p: _zip(p, {"[Content_Types].xml": b"<Types/>"}),
     "not a Word document (no word/document.xml)"),
    (lambda p: _zip(p, {"word/document.xml": b"<w:document xmlns:w='x'><w:body>"}),
     "a damaged DOCX (its XML does not parse: "),
    (lambda p: _zip(p, {"word/document.xml": b"\0" * (wordfile.MAX_PART + 1)}),
     "refused: its parts would expand to more than 256 MB (not a plan, or a zip bomb)"),
])
def test_a_file_that_is_no_docx_is_one_line(tmp_path, make, message):
    source = tmp_path / "plan.docx"
    make(source)
    result = _run(source, tmp_path)
    assert result.exit_code == 1
    assert result.output.startswith(f"{source}: {message}")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_a_truncated_docx_is_damaged(tmp_path):
    whole = word_plan(tmp_path / "whole.docx").read_bytes()
    source = tmp_path / "cut.docx"
    source.write_bytes(whole[: len(whole) // 2])
    result = _run(source, tmp_path)
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert f"{source}: " in result.output


def test_a_zip_bomb_is_refused_by_its_declared_sizes(tmp_path, monkeypatch):
    """The sizes are checked before a byte is inflated: a smaller limit refuses a real plan."""
    monkeypatch.setattr(wordfile, "MAX_TOTAL", 1000)
    source = word_plan(tmp_path / "plan.docx")
    result = _run(source, tmp_path)
    assert result.exit_code == 1 and "zip bomb" in result.output


def test_a_word_file_without_a_plan_says_so(tmp_path):
    document = docx.Document()
    document.add_paragraph("Biên bản họp giao ban tháng 3.")
    document.save(tmp_path / "minutes.docx")
    result = _run(tmp_path / "minutes.docx", tmp_path)
    assert result.exit_code == 1
    assert result.output == (f"{tmp_path / 'minutes.docx'}: no plan found: "
                             "no \"KẾ HOẠCH\" heading followed by its title\n")


@pytest.mark.parametrize("header, merge, why", [
    (["TT", "Nội dung", "Cơ quan chủ trì", ""], True, "its header row has merged cells"),
    (["Tên", "Địa chỉ", "Số tiền", "Năm"], False,
     "its first row is not a header of known columns (Stt, Nội dung, Cơ quan chủ trì, …)"),
])
def test_a_table_it_cannot_map_is_reported_with_its_place_and_kept(tmp_path, header, merge, why):
    source = word_plan(tmp_path / "plan.docx")
    document = docx.Document(str(source))
    odd = document.add_table(rows=2, cols=4)
    for j, (label, value) in enumerate(zip(header, ["1", "Mua sắm", "Sở A", "10"])):
        odd.cell(0, j).text, odd.cell(1, j).text = label, value
    if merge:
        odd.cell(0, 2).merge(odd.cell(0, 3))
    document.save(source)
    out = tmp_path / "plan.yaml"
    result = run_cli("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "2 items to review" in result.output
    assert f"review: table 5, row 1: {why}; kept as text in a comment" in result.output
    text = out.read_text(encoding="utf-8")
    assert f"# table 5 (not imported: {why}):" in text
    assert "# 1 | Mua sắm | Sở A | 10\n" in text
