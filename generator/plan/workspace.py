"""The whole way from a plan file to a typed plan: load → inherit → validate → evaluate → check → model.

A Workspace remembers every plan it has loaded, so a build of a whole tree reads and resolves
each parent once, however many children it has.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.plan.rules import check_plan
from generator.errors import PlanError, Problem, fail_if
from generator.plan.identity import identity_context
from generator.plan.inherit import Resolved, Resolver
from generator.plan.model import Plan
from generator.plan.placeholders import evaluate_tree, render_text
from generator.plan.to_model import build_plan
from generator.tree import Map
from generator.plan.validate import validate_tree


@dataclass
class LoadedPlan:
    path: Path
    label: str
    tree: Map                    # resolved and evaluated, with positions
    model: Plan
    parent: "LoadedPlan | None"
    warnings: list[Problem] = field(default_factory=list)


class Workspace:
    def __init__(self) -> None:
        self.resolver = Resolver()
        self._loaded: dict[Path, LoadedPlan] = {}

    def load(self, path: Path | str) -> LoadedPlan:
        """The plan at ``path``; PlanError with every problem when it is not valid."""
        resolved = self.resolver.resolve(Path(path))
        return self._load(resolved)

    def forget(self, path: Path | str) -> None:
        """Drop one plan from the caches: a long batch keeps its parents, not every leaf."""
        key = Path(path).resolve()
        self._loaded.pop(key, None)
        self.resolver.forget(key)

    def _load(self, resolved: Resolved) -> LoadedPlan:
        if resolved.path in self._loaded:
            return self._loaded[resolved.path]
        parent = self._load(resolved.parent) if resolved.parent else None
        fail_if(validate_tree(resolved.tree))
        problems: list[Problem] = []
        tree = evaluate_tree(resolved.tree, _context(resolved.tree, parent), problems)
        fail_if(problems)
        problems += check_plan(tree, parent.tree if parent else None)
        fail_if(problems)
        model = build_plan(tree, resolved.label, parent.model if parent else None)
        loaded = LoadedPlan(resolved.path, resolved.label, tree, model, parent,
                            [p for p in problems if p.warning])
        self._loaded[resolved.path] = loaded
        return loaded


def _context(tree: Map, parent: LoadedPlan | None) -> dict:
    """What placeholders may name; unit names are evaluated first, so they read as printed."""
    context = identity_context(tree)
    if parent is not None:
        context["parent"] = identity_context(parent.tree)
    context["units"] = {key: render_text(name, context, None)[0]
                        for key, name in (tree.get("units") or {}).items()}
    return context


@dataclass
class Outcome:
    """What happened to one plan: its problems (errors and warnings)."""

    path: Path
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(not p.warning for p in self.problems)


def validate_plans(paths: list[Path]) -> list[Outcome]:
    """Every plan loaded through one workspace (parents read once); problems, never raised."""
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


def load_plan(path: Path | str) -> Plan:
    """The typed plan at ``path`` (raises PlanError)."""
    return Workspace().load(path).model


__all__ = ["LoadedPlan", "Outcome", "PlanError", "Workspace", "load_plan", "validate_plans"]
