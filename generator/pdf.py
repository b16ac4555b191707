"""Convert DOCX files to PDF with LibreOffice, all files in one start-up."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .write import write_atomic


class ConverterMissing(RuntimeError):
    pass


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ConverterMissing("LibreOffice (soffice) is not installed: "
                               "apt-get install libreoffice-writer-nogui, or build without --pdf")
    return found


def convert_to_pdf(docx_files: list[Path], out_dir: Path, timeout: int = 900) -> list[Path]:
    """PDFs of ``docx_files`` in ``out_dir``, written atomically; one soffice process for all."""
    if not docx_files:
        return []
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="plangen-pdf-") as work:
        profile = Path(work, "profile").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", work, *map(str, docx_files)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                env={**os.environ, "HOME": work})
        outputs = []
        for docx in docx_files:
            made = Path(work, docx.stem + ".pdf")
            if not made.is_file():
                raise RuntimeError(f"LibreOffice did not convert {docx}: {result.stderr.strip()[:500]}")
            target = out_dir / made.name
            write_atomic(target, made.read_bytes())
            outputs.append(target)
        return outputs
