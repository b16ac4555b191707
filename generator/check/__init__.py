"""Conformance checker for the layout rules of Decree 30/2020/NĐ-CP (docs: nd30.md).

``check_docx(path)`` reads any DOCX straight from its XML and returns findings;
``run_check(paths)`` prints them for the command line.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, TextIO

from .rules import FILE_RULE, RULES, Finding, check_docx

__all__ = ["FILE_RULE", "RULES", "Finding", "check_docx", "run_check"]


def run_check(paths: Iterable[str | Path], out: TextIO | None = None) -> int:
    """Print each finding on its own line, then a summary; return the exit status (0 or 1)."""
    stream = out or sys.stdout
    files = problems = 0
    for path in paths:
        files += 1
        for finding in check_docx(path):
            problems += 1
            print(finding, file=stream)
    print(f"{files} file(s) checked, {problems} problem(s)", file=stream)
    return 1 if problems else 0
