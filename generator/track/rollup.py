"""The roll-up: how a plan's tasks stand across every plan below it, from their status files.

A descendant is a plan in the same folder whose ``extends`` chain reaches the plan. Children
inherit tasks by id, so a task of the plan is the same task in every descendant that kept it;
a descendant that dropped it is not counted for it (neither for nor against). Each descendant
is judged by its own task (its deadline may be earlier than the parent's) against its own
status file, status/<name>/<period>.yaml; one without a file counts every task as not reported.

A province has some 180 descendants. Finding them reads only each file's ``extends`` line;
loading them goes through one Workspace per process, which resolves each parent once, and on
more than one core the descendants are shared out, a subtree to a process, in a fork pool.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.errors import PlanError, Problem
from generator.folders import plan_files
from generator.plan.extends import extends_chain, parent_in, quick_extends
from generator.plan.model import Part, Plan, Task
from generator.plan.workspace import Workspace
from generator.track.period import Period
from generator.track.reporting import NO_STATUS, OVERDUE, Counts, category
from generator.track.standing import standing_of
from generator.track.status import load_status, plan_name, status_path

PARALLEL_FROM = 24           # descendants: fewer load faster in one process than a pool starts


@dataclass(frozen=True)
class PlanResult:
    """One descendant at the period: the category of each of its tasks."""

    name: str                    # the file's stem, as status files name it
    agency: str                  # the issuer, as a reader knows it
    parent: str                  # the name of the plan it extends
    depth: int                   # 1 for a child of the plan, 2 for a grandchild …
    status: str | None           # its status file, None when it has none
    categories: dict[str, str]   # task id → category, in the plan's order
    parent_agency: str = ""      # the issuer of the plan it extends

    @property
    def counts(self) -> Counts:
        return Counts.of(self.categories.values())

    @property
    def label(self) -> str:
        """The agency, and below the first level the agency above it: communes of two
        districts may share a name."""
        return self.agency if self.depth == 1 else f"{self.agency} ({self.parent_agency})"


@dataclass(frozen=True)
class TaskResult:
    """One task of the plan across the descendants that kept it."""

    task: Task
    part: Part
    counts: Counts
    overdue: tuple[PlanResult, ...]   # the plans where it is overdue


@dataclass(frozen=True)
class Rollup:
    plan: Plan
    period: Period
    plans: tuple[PlanResult, ...]   # depth first: each plan before its children
    tasks: tuple[TaskResult, ...]


# --- finding the descendants ------------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    """One descendant to judge: where it is, the plan it extends, how deep, and whether any
    plan extends it in turn (a leaf is dropped from the workspace once judged)."""

    path: Path
    parent: Path
    depth: int
    leaf: bool


def descendants(plan: Path, folder: Path | None = None) -> list[Job]:
    """Every plan in ``folder`` (the plan's own by default) whose extends chain reaches
    ``plan``, depth first: each before its own children."""
    top = plan.resolve()
    texts: dict[Path, bytes | None] = {}

    def read(path: Path) -> bytes | None:
        if path not in texts:
            try:
                texts[path] = path.read_bytes()
            except OSError:
                texts[path] = None
        return texts[path]

    parent_of = parent_in(read, quick_extends)
    children: dict[Path, list[Path]] = {}
    for path in plan_files(folder or plan.parent):
        path = path.resolve()
        chain = list(extends_chain(path, parent_of))
        if path != top and top in chain:
            children.setdefault(chain[1], []).append(path)
    out: list[Job] = []

    def walk(parent: Path, depth: int) -> None:
        for child in sorted(children.get(parent, ())):
            out.append(Job(child, parent, depth, child not in children))
            walk(child, depth + 1)
    walk(top, 1)
    return out


# --- judging one descendant -------------------------------------------------------------------

_WORKSPACE: Workspace | None = None     # one per process: parents resolved once


def judge(job: Job, period: Period, root: Path) -> PlanResult | list[Problem]:
    """The categories of one descendant's tasks, or the problems of its plan or status file."""
    path = job.path
    workspace = _WORKSPACE if _WORKSPACE is not None else Workspace()
    try:
        loaded = workspace.load(path)
        model = loaded.model
        where = status_path(root, plan_name(model), period)
        status = load_status(where, model) if where.is_file() else None
    except PlanError as e:
        return list(e.problems)
    finally:
        if _WORKSPACE is not None and job.leaf:
            _WORKSPACE.forget(path)          # a leaf is not needed again; its parents are
    categories = {}
    for task in model.tasks():
        if status is None:
            categories[task.id] = NO_STATUS
        else:
            entry = status.entries.get(task.id)
            categories[task.id] = category(standing_of(task, entry, status), entry)
    above = loaded.parent.model.issuer.full if loaded.parent else ""
    return PlanResult(plan_name(model), model.issuer.full, job.parent.stem, job.depth,
                      str(where) if status is not None else None, categories, above)


def _judge_chunk(jobs: list[Job], period: Period,
                 root: Path) -> list[PlanResult | list[Problem]]:
    return [judge(job, period, root) for job in jobs]


def _chunks(jobs: list, count: int) -> list[list]:
    """``count`` runs of neighbouring jobs (depth first, so a subtree stays together)."""
    size = -(-len(jobs) // count)
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


def _judge_all(jobs: list[Job], period: Period, root: Path,
               workers: int) -> list[PlanResult | list[Problem]]:
    if workers <= 1 or len(jobs) < PARALLEL_FROM or os.name != "posix":
        return [judge(job, period, root) for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(_judge_chunk, chunk, period, root)
                   for chunk in _chunks(jobs, workers)]
        return [result for future in futures for result in future.result()]


def rollup(plan_path: Path, period: Period, root: Path = Path("."), folder: Path | None = None,
           workers: int | None = None, workspace: Workspace | None = None) -> Rollup:
    """The plan at ``plan_path`` rolled up over its descendants' status files for ``period``
    (under ``root``/status). Every problem of every descendant's plan or status file is
    raised together, in one PlanError."""
    global _WORKSPACE
    jobs = descendants(Path(plan_path), folder)
    _WORKSPACE = workspace or Workspace()
    try:
        top = _WORKSPACE.load(plan_path).model        # loaded before a fork: shared by workers
        results = _judge_all(jobs, period, Path(root), workers or os.cpu_count() or 1)
    finally:
        _WORKSPACE = None
    problems = [p for r in results if isinstance(r, list) for p in r]
    if problems:
        raise PlanError(problems)
    plans = tuple(r for r in results if isinstance(r, PlanResult))
    return Rollup(top, period, plans, tuple(_tasks(top, plans)))


def _tasks(top: Plan, plans: tuple[PlanResult, ...]):
    """Each task of the plan, counted over the descendants that have it."""
    for part in top.appendix.parts if top.appendix else ():
        for task in part.tasks():
            held = [(p, p.categories[task.id]) for p in plans if task.id in p.categories]
            yield TaskResult(task, part, Counts.of(c for _, c in held),
                             tuple(p for p, c in held if c == OVERDUE))


__all__ = ["PlanResult", "Rollup", "TaskResult", "descendants", "rollup"]
