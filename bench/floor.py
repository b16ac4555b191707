"""The floor a renderer cannot beat, and our renderer measured against it.

The floor of one document is the least work that gives its bytes: serialising the finished
document.xml tree with lxml, and zipping it with the package's other parts. It leaves out
everything a renderer has to do first (reading the plan, building the tree), so
``ours ÷ floor`` says how much a build spends beyond writing the file out.

The floor *process* (``write`` below) is the same work as a whole program, the anchor of
issue 17's "≤ 2× the floor process": start Python, import lxml, read the finished package's
members (bench/anchors.py extracts them), parse document.xml, serialise it, zip, write.

    .venv/bin/python bench/floor.py write PARTS_DIR OUT.docx
"""
from __future__ import annotations

import io
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

COMPRESS_LEVEL = 6


def write_package(parts_dir: Path, out: Path) -> None:
    """The floor process: parse and serialise document.xml, zip every member as plangen does."""
    parts = {p.relative_to(parts_dir).as_posix(): p.read_bytes()
             for p in sorted(parts_dir.rglob("*")) if p.is_file()}
    root = etree.fromstring(parts["word/document.xml"])
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL)


def floor_seconds(docx: Path, repeat: int = 3) -> float:
    """Best of ``repeat``: serialise document.xml with lxml, zip all parts (deflate level 6)."""
    with zipfile.ZipFile(docx) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                    standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for name, data in parts.items():
                archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data,
                                 compress_type=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL)
        best = min(best, time.perf_counter() - start)
    return best


def render_seconds(plans: list[Path], repeat: int = 1) -> tuple[float, float]:
    """Per plan, in one process with parents cached: (load and check, render to bytes).

    CPU seconds of this process (other processes on the machine do not count), the best of
    ``repeat`` passes, with the collector tuned as the ``plangen`` command tunes it.
    """
    from generator.commands import tune_collector
    from generator.plan.workspace import Workspace
    from generator.render.compose import render_plan
    tune_collector()
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        workspace = Workspace()
        load = render = 0.0
        for path in plans:
            start = time.process_time()
            model = workspace.load(path).model
            middle = time.process_time()
            render_plan(model)
            load += middle - start
            render += time.process_time() - middle
        if load + render < sum(best):
            best = (load / len(plans), render / len(plans))
    return best


def mean_floor(docx_files: list[Path]) -> float:
    return sum(floor_seconds(d) for d in docx_files) / len(docx_files)


def fresh_render_seconds(plan: Path, repeat: int = 3) -> tuple[float, float]:
    """render_seconds of one plan, each pass in a new process: nothing cached from before."""
    import subprocess
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        run = subprocess.run([sys.executable, __file__, str(plan)], capture_output=True,
                             text=True, check=True)
        load, render = map(float, run.stdout.split())
        if load + render < sum(best):
            best = (load, render)
    return best


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "write":
        write_package(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        print(*render_seconds([Path(sys.argv[1])]))
