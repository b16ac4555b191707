"""What each CLI command does, as functions that return results instead of printing."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import PlanError, Pos, Problem
from .explain import explain_lines, resolved_yaml
from .pipeline import Workspace

PLANS_DIR = Path("plans")
OUTPUT_DIR = Path("output")


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
    return resolved_yaml(Workspace().load(path).tree)


def explain_plan(path: Path) -> str:
    loaded = Workspace().load(path)
    return "\n".join(explain_lines(loaded.tree, loaded.label)) + "\n"


def build_plans(paths: list[Path], out_dir: Path = OUTPUT_DIR, pdf: bool = False) -> list[Outcome]:
    """Render each valid plan to ``out_dir/<stem>.docx``; a failed plan keeps its old output."""
    from .render import TemplateError, render_plan
    from .write import write_atomic

    workspace = Workspace()
    outcomes = []
    for path in paths:
        outcome = Outcome(path)
        try:
            loaded = workspace.load(path)
            outcome.problems = loaded.warnings
            target = out_dir / f"{Path(path).stem}.docx"
            write_atomic(target, render_plan(loaded.model))
            outcome.written.append(target)
        except PlanError as e:
            outcome.problems = e.problems
        except TemplateError as e:
            outcome.problems = [Problem(None, str(e))]
        outcomes.append(outcome)
    if pdf:
        from .pdf import convert_to_pdf
        docx = [o.written[0] for o in outcomes if o.written]
        for outcome, made in zip([o for o in outcomes if o.written], convert_to_pdf(docx, out_dir)):
            outcome.written.append(made)
    return outcomes


def usage_problem(path: Path, message: str) -> Problem:
    return Problem(Pos(str(path), 1, 1), message)
