"""--pdf converts in one LibreOffice batch, and only what is new or missing."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess

import pytest

from generator.build.run import BuildRequest, run_build

from ..conftest import edit
from .conftest import append

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                       reason="needs LibreOffice and pdftotext"),
]


@pytest.fixture
def umask027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_only_new_or_missing_pdfs_are_converted(tree, tmp_path, umask027):
    plans = [tree["province"], tree["so-a"], tree["so-b"]]
    out = tmp_path / "output"

    def pdfs():
        return sorted(p.stem for p in run_build(BuildRequest(plans, out, pdf=True)).pdfs)

    assert pdfs() == ["province", "so-a", "so-b"]
    # Under umask 027 the group can read them (not only their owner, as mkstemp would have it).
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.glob("*.pdf")} == {0o640}
    text = subprocess.run(["pdftotext", str(out / "so-a.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "SO-A" in text
    assert pdfs() == []
    append(tree["so-a"])                 # rebuilt, but the same DOCX: its PDF still holds
    assert pdfs() == []
    # An edited plan and a deleted PDF in one build (one LibreOffice start): the province's
    # PDF, current, is left alone.
    edit(tree["so-a"], "Tập huấn nội bộ", "Tập huấn nội bộ hằng năm")
    (out / "so-b.pdf").unlink()
    assert pdfs() == ["so-a", "so-b"]
    text = subprocess.run(["pdftotext", str(out / "so-a.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Tập huấn nội bộ hằng năm" in " ".join(text.split())
    # A PDF changed since it was made (signed, say) is left alone, as an edited DOCX is;
    # --force first keeps a copy.
    signed = b"%PDF-1.7 signed"
    (out / "so-b.pdf").write_bytes(signed)
    edit(tree["so-b"], "Tập huấn nội bộ", "Tập huấn nội bộ hằng quý")
    summary = run_build(BuildRequest(plans, out, pdf=True))
    assert ([r.kept.name for r in summary.kept], summary.pdfs, summary.exit_code) == (["so-b.pdf"], [], 1)
    assert (out / "so-b.pdf").read_bytes() == signed
    summary = run_build(BuildRequest(plans, out, pdf=True, force=True))
    assert ([p.name for p in summary.pdfs], summary.backups) == (["so-b.pdf"], [out / "so-b.pdf.bak"])
    assert (out / "so-b.pdf.bak").read_bytes() == signed
    assert (out / "so-b.pdf").read_bytes().startswith(b"%PDF") and (out / "so-b.pdf").read_bytes() != signed
