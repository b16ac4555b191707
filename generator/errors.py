"""Problems found in a plan, and the one exception that carries them to the CLI.

A problem is a record, not a string, so that every stage can collect all of them and the CLI
prints them one per line as ``file:line:col: message (task id)``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple


class Pos(NamedTuple):
    """Where a value came from: file name and 1-based line and column."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    pos: Pos | None
    message: str
    task: str | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.pos}: " if self.pos else ""
        kind = "warning: " if self.warning else ""
        task = f" (task {self.task})" if self.task else ""
        return f"{where}{kind}{self.message}{task}"


class PlanError(Exception):
    """One or more problems that make a plan unusable."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=_order)
        super().__init__("\n".join(map(str, self.problems)))


def _order(p: Problem):
    return (p.pos or Pos("", 0, 0), p.message)


def fail_if(problems: list[Problem]) -> None:
    """Raise when any problem is an error; warnings alone pass."""
    if any(not p.warning for p in problems):
        raise PlanError(problems)
