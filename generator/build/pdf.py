"""Convert DOCX files to PDF with LibreOffice: one start-up per batch, not one per file.

LibreOffice takes seconds to start and then converts a plan in a fraction of a second, so a
build hands it every file at once. On a machine with several cores the batch is split over
a few soffice processes, each with its own profile folder (two instances sharing a profile
wait on each other's lock). Each PDF lands in the output folder atomically.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import UsageProblem
from generator.write import write_atomic

FILES_PER_PROCESS = 6       # below this many files per process, another start-up does not pay


class ConverterMissing(UsageProblem):
    """No LibreOffice to make PDFs with."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ConverterMissing("LibreOffice (soffice) is not installed: "
                               "apt-get install libreoffice-writer-nogui, or build without --pdf")
    return found


def convert_batch(docx_files: list[Path], out_dir: Path, processes: int = 1,
                  timeout: int = 3600) -> dict[Path, Path | str]:
    """Each DOCX's PDF in ``out_dir``, or the reason it has none; at most ``processes`` soffice."""
    if not docx_files:
        return {}
    exe = soffice()
    count = max(1, min(processes, len(docx_files) // FILES_PER_PROCESS))
    groups = [docx_files[i::count] for i in range(count)]
    with tempfile.TemporaryDirectory(prefix="plangen-pdf-") as work:
        runs = [_start(exe, group, Path(work, f"lo{n}")) for n, group in enumerate(groups)]
        results: dict[Path, Path | str] = {}
        for (proc, outdir), group in zip(runs, groups):
            try:
                _, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
            for docx in group:
                results[docx] = _collect(docx, outdir, out_dir, err)
        return results


def _start(exe: str, files: list[Path], work: Path) -> tuple[subprocess.Popen, Path]:
    """One soffice converting ``files``, with a profile and HOME of its own under ``work``."""
    outdir = work / "out"
    outdir.mkdir(parents=True)
    cmd = [exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
           "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "HOME": str(work)})
    return proc, outdir


def _collect(docx: Path, made_dir: Path, out_dir: Path, err: str) -> Path | str:
    made = made_dir / (docx.stem + ".pdf")
    if not made.is_file():
        return f"LibreOffice did not convert {docx} to PDF: {err.strip()[:300] or 'no reason given'}"
    target = out_dir / made.name
    write_atomic(target, made.read_bytes())
    return target
