"""What `make build` produces from the seed plans: conformant, readable by LibreOffice, faithful."""
import re
import shutil
import subprocess
import sys

import pytest

from generator.check import check_docx
from generator.check.pdf_pages import check_pages, read_pdf
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan

from ..conftest import ROOT, convert_with_libreoffice

PLANS = sorted((ROOT / "plans").glob("*.yaml"))
SHARED = ROOT.parent / "shared"
# name → (seed text, --ascii, the least similarity this build must keep)
FIDELITY = {
    "an-giang-2023": ("003_028372231b4feaf1.txt", False, 0.965),
    "an-giang-so-xay-dung-2023": ("000_a216d05281b46550.txt", False, 0.97),
    "soc-trang-2024": ("002_9a599615258b520c.txt", False, 0.97),
    "cho-vam-2024": ("004_f88f020101287375.txt", True, 0.49),
}
PAGES = {"an-giang-2023": (25, 45), "an-giang-so-xay-dung-2023": (12, 30), "soc-trang-2024": (10, 25),
         "cho-vam-2024": (18, 35), "phu-tan-2024": (15, 40), "an-giang-2024": (15, 45)}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("output")
    workspace = Workspace()
    models = {}
    for path in PLANS:
        models[path.stem] = workspace.load(path).model
        (out / f"{path.stem}.docx").write_bytes(render_plan(models[path.stem]))
    return out, models


@pytest.mark.parametrize("stem", [p.stem for p in PLANS])
def test_every_output_passes_the_decree_30_check(built, stem):
    out, _ = built
    assert [str(f) for f in check_docx(out / f"{stem}.docx")] == []


needs_libreoffice = pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                                       reason="needs LibreOffice")


@pytest.fixture(scope="module")
def pdfs(built):
    """Every output as PDF, laid out by LibreOffice (one start-up for all of them)."""
    out, _ = built
    convert_with_libreoffice((sorted(out.glob("*.docx")), out, "pdf"))
    return out


@needs_libreoffice
def test_libreoffice_lays_out_every_plan(built, pdfs):
    out, models = built
    for stem, model in models.items():
        pdf = out / f"{stem}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
        low, high = PAGES[stem]
        assert low <= pages <= high, (stem, pages)
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        for key in ("KẾ HOẠCH", "PHỤ LỤC", "Nơi nhận:", model.issuer.name[-1], model.document.date.long(),
                    model.signature.lines[0]):
            assert key in text, (stem, key)
        tasks = list(model.tasks())
        for task in (tasks[0], tasks[-1]):
            words = " ".join(task.cell("content")[0].split()[:4]) if task.cell("content") else ""
            assert words in text, (stem, task.id, words)


@pytest.mark.skipif(not (SHARED / "tools" / "fidelity.py").is_file(), reason="../shared not beside the repo")
@pytest.mark.parametrize("stem", sorted(FIDELITY))
def test_fidelity_to_the_seed_does_not_fall(built, stem):
    out, _ = built
    seed, ascii_only, floor = FIDELITY[stem]
    args = [sys.executable, str(SHARED / "tools" / "fidelity.py"), str(out / f"{stem}.docx"),
            str(SHARED / "seeds" / seed), "--show", "0"] + (["--ascii"] if ascii_only else [])
    last = subprocess.run(args, capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    assert float(last.split()[-1]) >= floor, last


@needs_libreoffice
@pytest.mark.parametrize("stem", [p.stem for p in PLANS])
def test_no_appendix_page_is_left_more_than_half_empty_and_every_word_is_printed(built, pdfs, stem):
    """Tall rows break across pages, so a page ends short only at the end of the appendix or
    before a part's heading; and LibreOffice prints every word of the DOCX. The page check of
    ``plangen build --pdf`` and ``plangen check FILE.pdf`` (generator/check/pdf_pages.py)."""
    out, _ = built
    pages = read_pdf(pdfs / f"{stem}.pdf")
    assert [p for p in pages if p.landscape]
    assert [str(f) for f in check_pages(out / f"{stem}.docx", pdfs / f"{stem}.pdf")] == []
