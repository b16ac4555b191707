"""The whole way from a plan file to a typed plan: load → inherit → validate → evaluate → check → model.

A Workspace remembers every plan it has loaded, so a build of a whole tree reads and resolves
each parent once, however many children it has.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from generator.plan.rules import check_plan
from generator.errors import PlanError, Problem, fail_if
from generator.plan.identity import identity_context
from generator.plan.inherit import Resolved, Resolver, pop_plan
from generator.plan.model import Plan
from generator.plan.placeholders import evaluate_tree, render_text
from generator.plan.to_model import build_plan
from generator.tree import Map
from generator.plan.validate import validate_tree
from generator.record import Factory, record


@record(frozen=False)
class LoadedPlan:
    path: Path
    label: str
    tree: Map                    # resolved and evaluated, with positions
    model: Plan
    parent: "LoadedPlan | None"
    warnings: list[Problem] = Factory(list)


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
        self.resolver.forget(pop_plan(self._loaded, path))

    def _load(self, resolved: Resolved) -> LoadedPlan:
        """Every stage runs over what it can: all problems of a file come out in one run.

        A child's override that cannot be merged (an unknown id, say) is left out of the tree
        and reported with the rest, so it hides nothing.

        A problem at a position an earlier stage already reported is left out (it is the same
        mistake seen again), a placeholder naming a refused identity value is not judged, and
        a child of another year is one error: every comparison with its parent would be wrong."""
        if resolved.path in self._loaded:
            return self._loaded[resolved.path]
        parent = self._load(resolved.parent) if resolved.parent else None
        fail_if(_other_year(resolved, parent))
        problems = list(resolved.problems)          # a merge that failed leaves the item out
        schema = validate_tree(resolved.tree)
        _add_new(problems, schema)
        valid = not schema
        tree = resolved.tree
        context = _context(tree, parent) if valid else _context_if_readable(tree, parent)
        tree = evaluate_tree(tree, context, later := [])
        _add_new(problems, later)
        _add_new(problems, check_plan(tree, parent.tree if parent else None, tolerant=not valid))
        problems.sort(key=lambda p: (p.pos is None, p.pos or ("", 0, 0)))   # in file order
        fail_if(problems)
        model = build_plan(tree, resolved.label, parent.model if parent else None)
        loaded = LoadedPlan(resolved.path, resolved.label, tree, model, parent,
                            [p for p in problems if p.warning])
        self._loaded[resolved.path] = loaded
        return loaded


def _add_new(problems: list[Problem], more: list[Problem]) -> None:
    """``more``, except what concerns a value a problem already names."""
    taken = {p.pos for p in problems if not p.warning}
    problems += [p for p in more if p.warning or p.pos not in taken]


def _other_year(resolved: Resolved, parent: "LoadedPlan | None") -> list[Problem]:
    if parent is None:
        return []
    mine, theirs = resolved.raw.get("year"), parent.tree.get("year")
    if not isinstance(mine, int) or isinstance(mine, bool) or mine == theirs:
        return []
    return [Problem(resolved.raw.where("year"),
                    f"year {mine} is not the year of the plan it extends ({theirs}, "
                    f"{parent.tree.where('year')}): a plan extends a plan of its own year (the rest of the plan is checked once the years agree)")]


class _Refused:
    """Stands for an identity value the schema refused: a placeholder naming it is not judged
    (the schema's message names the value), every other placeholder still is."""

    def __getattr__(self, name: str) -> "_Refused":
        return self

    def __getitem__(self, key) -> "_Refused":
        return self

    def __str__(self) -> str:
        return ""

    def __iter__(self):
        return iter(())

    def _same(self, *other) -> "_Refused":
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __mod__ = __rmod__ = _same


def _context_if_readable(tree: Map, parent: "LoadedPlan | None") -> dict:
    """The placeholder context of a plan the schema refused: the plan's own when its identity
    still reads, else one where the refused identity stands as _Refused."""
    try:
        return _context(tree, parent)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        pass
    refused = _Refused()
    year = tree.get("year")
    context = {"year": year if type(year) is int else refused, "issuer": refused, "document": refused}
    if parent is not None:
        context["parent"] = identity_context(parent.tree)
    units = tree.get("units")
    context["units"] = {k: v for k, v in units.items() if isinstance(v, str)} \
        if isinstance(units, dict) else refused
    return context


def _context(tree: Map, parent: LoadedPlan | None) -> dict:
    """What placeholders may name; unit names are evaluated first, so they read as printed."""
    context = identity_context(tree)
    if parent is not None:
        context["parent"] = identity_context(parent.tree)
    context["units"] = {key: render_text(name, context, None)[0]
                        for key, name in (tree.get("units") or {}).items()}
    return context


@record(frozen=False)
class Outcome:
    """What happened to one plan: its problems (errors and warnings)."""

    path: Path
    problems: list[Problem] = Factory(list)

    @property
    def ok(self) -> bool:
        return not any(not p.warning for p in self.problems)


def validate_plans(paths: list[Path],
                   problems: Callable[[LoadedPlan], list[Problem]] | None = None) -> list[Outcome]:
    """Every plan loaded through one workspace (parents read once); problems, never raised:
    a loaded plan's warnings, or what ``problems`` finds in it (the final gate)."""
    workspace = Workspace()
    outcomes = []
    for path in paths:
        outcome = Outcome(path)
        try:
            loaded = workspace.load(path)
            outcome.problems = loaded.warnings if problems is None else problems(loaded)
        except PlanError as e:
            outcome.problems = e.problems
        outcomes.append(outcome)
    return outcomes


def load_plan(path: Path | str) -> Plan:
    """The typed plan at ``path`` (raises PlanError)."""
    return Workspace().load(path).model


__all__ = ["LoadedPlan", "Outcome", "PlanError", "Workspace", "load_plan", "validate_plans"]
