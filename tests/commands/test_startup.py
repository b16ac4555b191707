"""A plain ``plangen build`` imports only what it uses: start-up is most of a one-plan build
(issue 17), so the PDF tools, the DOCX checker and dataclasses stay out unless asked for."""
from __future__ import annotations

import subprocess
import sys

from ..conftest import ROOT

NOT_ON_A_BUILD = ("generator.build.pdf", "generator.check", "subprocess", "tempfile",
                  "dataclasses")
PROBE = """
import gc, sys
from generator.commands import GC_THRESHOLDS, main
assert gc.get_threshold() == GC_THRESHOLDS, gc.get_threshold()
try:
    main(sys.argv[1:])
except SystemExit as e:
    assert not e.code, e.code
print("imported:", *(m for m in {names!r} if m in sys.modules))
"""


def test_a_build_imports_neither_pdf_nor_checker_nor_dataclasses(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PLANGEN_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-c", PROBE.format(names=NOT_ON_A_BUILD), "build",
           str(ROOT / "plans" / "an-giang-2023.yaml"), "--force", "-o", str(tmp_path / "out")]
    subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=True)  # fills the cache
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "imported:"


def test_the_program_flushes_its_output_and_exit_code_before_its_quick_exit(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PLANGEN_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "out"
    built = subprocess.run([sys.executable, "-m", "generator", "build", "plans/an-giang-2023.yaml",
                            "-o", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    wrote, summary = built.stdout.splitlines()
    assert (built.returncode, wrote) == (0, f"wrote {out / 'an-giang-2023.docx'}")
    assert summary.startswith("built 1, up to date 0, failed 0")
    assert "warning: deadline 'Tháng 12/2022' falls before the plan year 2023" in built.stderr
    again = subprocess.run([sys.executable, "-m", "generator", "build", "plans/an-giang-2023.yaml",
                            "-o", str(out), "-j", "0"], cwd=ROOT, env=env, capture_output=True,
                           text=True)
    assert again.returncode == 2 and "Invalid value for '-j' / '--jobs'" in again.stderr
