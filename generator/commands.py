"""What each CLI command does, as functions that return results instead of printing.

The pipeline is imported inside the functions: every command, and a no-op build above all,
starts without paying for YAML, Jinja and the schema (build lives in generator.build).
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PlanError, Pos, Problem

PLANS_DIR = Path("plans")
OUTPUT_DIR = Path("output")


# Cyclic garbage collection, less often: a plan is a tree of many small objects with no
# cycles, and at the default thresholds the collector rescanned the growing heap so often
# that a 10,000-task plan loaded 60% slower than ten 1,000-task plans (bench/run.py, growth).
GC_THRESHOLDS = (100_000, 50, 1000)


def tune_collector() -> None:
    """Set GC_THRESHOLDS for this process (and the build workers forked from it)."""
    gc.set_threshold(*GC_THRESHOLDS)


def default_plans(directory: Path = PLANS_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


@dataclass
class Outcome:
    """What happened to one plan: its problems (errors and warnings) and what was written."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(not p.warning for p in self.problems)


def validate_plans(paths: list[Path]) -> list[Outcome]:
    from .pipeline import Workspace
    workspace = Workspace()
    outcomes = []
    for path in paths:
        outcome = Outcome(path)
        try:
            outcome.problems = workspace.load(path).warnings
        except PlanError as e:
            outcome.problems = e.problems
        outcomes.append(outcome)
    return outcomes


def resolve_plan(path: Path) -> str:
    from .explain import resolved_yaml
    from .pipeline import Workspace
    return resolved_yaml(Workspace().load(path).tree)


def explain_plan(path: Path) -> str:
    from .explain import explain_lines
    from .pipeline import Workspace
    loaded = Workspace().load(path)
    return "\n".join(explain_lines(loaded.tree, loaded.label)) + "\n"


def build_plans(paths: list[Path], out_dir: Path = OUTPUT_DIR, pdf: bool = False) -> list[Outcome]:
    """Render each valid plan to ``out_dir/<stem>.docx``; a failed plan keeps its old output.

    Kept for callers of the old API; batch builds (incremental, parallel) are generator.build.
    """
    from .build import build_plans as build
    return build(paths, out_dir, pdf)


def usage_problem(path: Path, message: str) -> Problem:
    return Problem(Pos(str(path), 1, 1), message)
