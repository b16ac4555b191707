"""A small plan tree on disk: a province, two departments, two districts with three communes each.

The departments and districts are the fixture department (tests/fixtures/tree) under other
names; the communes extend a district and change a lead, as real communes do.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build.run import BuildRequest, run_build

from ..conftest import ROOT, TREE

COMMUNE = """\
extends: {parent}.yaml
issuer:
  name: ["ỦY BAN NHÂN DÂN", "XÃ {n}"]
  full: "Ủy ban nhân dân xã {n}"
  short: "xã"
  abbr: "UBND"
  place: "An Giang"
document: {{number: "", date: "2023-02-10"}}
units:
  van_phong_xa: "Văn phòng xã {n}"
appendix:
  parts:
    - id: kiem-soat
      groups:
        - id: chi-dao
          tasks:
            - id: kh-tinh
              lead: [van_phong_xa]
signature:
  lines: ["CHỦ TỊCH"]
  name: "Nguyễn Văn {n}"
"""


def make_tree(folder: Path) -> dict[str, Path]:
    """Write the tree into ``folder``; the plans by stem."""
    folder.mkdir(parents=True, exist_ok=True)
    department = (TREE / "department.yaml").read_text(encoding="utf-8")
    plans = {"province": folder / "province.yaml"}
    plans["province"].write_text((TREE / "province.yaml").read_text(encoding="utf-8"),
                                 encoding="utf-8")
    for name in ("so-a", "so-b", "huyen-1", "huyen-2"):
        plans[name] = folder / f"{name}.yaml"
        plans[name].write_text(department.replace("SỞ XÂY DỰNG", name.upper()), encoding="utf-8")
    for district in ("huyen-1", "huyen-2"):
        for n in (1, 2, 3):
            stem = f"{district}-xa-{n}"
            plans[stem] = folder / f"{stem}.yaml"
            plans[stem].write_text(COMMUNE.format(parent=district, n=n), encoding="utf-8")
    return plans


def descendants(plans: dict[str, Path], stem: str) -> set[str]:
    """``stem`` and every plan below it, by the naming of make_tree."""
    if stem == "province":
        return set(plans)
    return {s for s in plans if s == stem or s.startswith(stem + "-")}


def build(folder: Path, out: Path, **options):
    """run_build over every plan in ``folder``."""
    return run_build(BuildRequest(sorted(folder.glob("*.yaml")), out, **options))


def built_stems(summary) -> set[str]:
    return {r.job.path.stem for r in summary.built}


def append(path: Path, text: str = "# edited\n") -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def kill_after_writes(cwd: Path, args: list[str], writes: int) -> int:
    """Run ``plangen ARGS`` in ``cwd`` and SIGKILL it as soon as it has replaced ``writes`` of
    the DOCX files in cwd/output: a kill in the middle of the build, whatever the machine's
    speed, rather than after a guessed delay. Its exit status (-SIGKILL when it was killed).
    """
    out = cwd / "output"
    before = {path: path.stat().st_ino for path in out.glob("*.docx")}

    def replaced() -> int:
        count = 0
        for path, inode in before.items():
            try:
                count += path.stat().st_ino != inode
            except FileNotFoundError:
                pass
        return count

    proc = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while proc.poll() is None and replaced() < writes and time.monotonic() < deadline:
        time.sleep(0.001)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    return proc.wait()


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """The tree under tmp_path/plans, the working directory at tmp_path."""
    monkeypatch.chdir(tmp_path)
    return make_tree(tmp_path / "plans")
