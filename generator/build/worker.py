"""Build plans in one process: the work a pool worker (or a serial build) does.

Each process keeps one Workspace for the whole build, so a parent is resolved and checked
once per process however many of its children the process builds. Leaves are forgotten as
soon as they are written and only the most recently used parents are kept, so a worker's
memory stays flat across a nation-sized build. Plans arrive in chunks of one subtree
(see ``chunks``), which is what makes the parents worth keeping.
"""
from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from pathlib import Path

from generator.build.state import edited, keep_copy, kept_message, sha
from generator.errors import PlanError, Pos, Problem, UsageProblem, file_problem
from generator.record import Factory, record
from generator.write import Flusher

KEPT_PARENTS = 6


@record
class Job:
    """One plan to build: the file as the user named it, where its DOCX goes, the hash of
    what the last build wrote there, and whether to replace a DOCX edited since (--force)."""

    path: Path           # absolute
    arg: Path
    target: Path
    written: str | None = None
    force: bool = False


@record(frozen=False)
class Result:
    """What building one plan gave: problems, the DOCX written, the ancestors it used."""

    job: Job
    problems: list[Problem] = Factory(list)
    written: list[Path] = Factory(list)
    ancestors: list[str] = Factory(list)
    docx_sha: str | None = None
    docx_stat: tuple[int, int] | None = None
    kept: Path | None = None        # an edited DOCX (or PDF) left as it was
    backup: Path | None = None      # the copy of an edited DOCX that --force replaced

    @property
    def ok(self) -> bool:
        return self.docx_sha is not None and not any(not p.warning for p in self.problems)

    @property
    def failed(self) -> bool:
        """Not built for a fault of the plan (an edited DOCX kept is no such fault: the
        build goes on with the other plans)."""
        return not self.ok and self.kept is None


class Builder:
    """A Workspace that keeps the parents of this build and forgets everything else."""

    def __init__(self, parents: frozenset[Path], keep: int = KEPT_PARENTS):
        from generator.plan.workspace import Workspace
        self.workspace = Workspace()
        self.parents = parents
        self.keep = keep
        self._recent: OrderedDict[Path, None] = OrderedDict()

    def build(self, job: Job, flusher: Flusher) -> Result:
        """Load, check and render ``job``'s plan and hand its DOCX to ``flusher``: the result
        is complete once the flusher reports the write (run_chunk waits for it)."""
        from generator.render.compose import render_plan
        from generator.render.skeleton import TemplateError
        result = Result(job)
        try:
            loaded = self.workspace.load(job.path)
            data = render_plan(loaded.model)
            digest = sha(data)
            if _hand_edited(job, digest, result):
                result.problems = [*loaded.warnings, Problem(None, kept_message(
                    job.target, f"build {job.arg} again"))]
                return self._done(job, result)
        except PlanError as e:
            result.problems = e.problems
        except TemplateError as e:
            result.problems = [Problem(None, str(e))]
        except UsageProblem as e:         # the DOCX could not be read
            result.problems = _at_plan(job, e.lines)
        else:
            result.problems = list(loaded.warnings)
            result.docx_sha = digest
            result.ancestors = _ancestors(loaded)
            self._remember([Path(a) for a in reversed(result.ancestors)])
            flusher.write(job.target, data, lambda error: _written(result, error))
        return self._done(job, result)

    def _done(self, job: Job, result: Result) -> Result:
        if job.path in self.parents:
            self._remember([job.path])
        else:
            self.workspace.forget(job.path)
        return result

    def _remember(self, paths: list[Path]) -> None:
        """Mark parents as recently used; forget the least recently used beyond ``keep``."""
        for path in paths:
            self._recent[path] = None
            self._recent.move_to_end(path)
        while len(self._recent) > self.keep:
            old, _ = self._recent.popitem(last=False)
            self.workspace.forget(old)


def _written(result: Result, error: Exception | None) -> None:
    """Complete ``result`` once its DOCX is written, or turn it into the failure to write it."""
    job = result.job
    if error is None:
        result.written.append(job.target)
        st = job.target.stat()
        result.docx_stat = (st.st_size, st.st_mtime_ns)
        return
    result.docx_sha = None
    result.problems = _at_plan(job, error.lines if isinstance(error, UsageProblem) else
                               [f"internal error while writing: {type(error).__name__}: {error}"])


def _at_plan(job: Job, lines: list[str]) -> list[Problem]:
    """Lines about a plan as a whole (its file, unreadable DOCX, a crash), at its first line."""
    return [Problem(Pos(str(job.arg), 1, 1), line) for line in lines]


def _hand_edited(job: Job, digest: str, result: Result) -> bool:
    """Whether the DOCX at the target (``digest``: the hash of the bytes about to be written)
    was edited since it was built and is to be left alone; with --force an edited DOCX is
    copied aside first (``result.backup``)."""
    doing = "cannot read"
    try:
        if not edited(job.target, job.written, digest):
            return False
        if job.force:
            doing = "cannot keep a copy of"
            result.backup = keep_copy(job.target)
            return False
    except OSError as e:
        raise file_problem(e, job.target, doing) from None
    result.kept = job.target
    return True


def _ancestors(loaded) -> list[str]:
    out, node = [], loaded.parent
    while node is not None:
        out.append(str(node.path))
        node = node.parent
    return out


# --- in a pool worker -------------------------------------------------------------------------

_BUILDER: Builder | None = None
_PARENT_PID: int | None = None
_BUSY = False


def start_worker(parents: frozenset[Path]) -> None:
    """Pool initializer: one Builder per process for the whole build, and a watchdog."""
    global _BUILDER, _PARENT_PID
    _BUILDER = Builder(parents)
    _PARENT_PID = os.getppid()
    threading.Thread(target=_watch, name="plangen-orphan-watch", daemon=True).start()


def _alive() -> bool:
    return os.getppid() == _PARENT_PID


def _watch() -> None:
    """Exit once the build that started this worker is gone (killed with SIGKILL, say).

    An idle worker waits on the task queue, whose pipe its sibling workers keep open, so it
    would never see end-of-file; a busy one first finishes the file it is writing.
    """
    while _alive():
        time.sleep(0.2)
    while _BUSY:
        time.sleep(0.05)
    os._exit(1)


def build_chunk(jobs: list[Job], keep_going: bool) -> list[Result]:
    """Pool task: build a chunk with this process's Builder, stopping if the build is gone."""
    global _BUSY
    _BUSY = True
    try:
        return run_chunk(_BUILDER, jobs, keep_going, _alive)
    finally:
        _BUSY = False


def run_chunk(builder: Builder, jobs: list[Job], keep_going: bool,
              alive=lambda: True) -> list[Result]:
    """Build a chunk in order, each plan's DOCX written while the next is built (Flusher);
    without keep_going stop after the first failure (a failed write is seen when the next
    plan's is handed over, so one more plan may be written)."""
    results: list[Result] = []
    with Flusher() as flusher:
        for job in jobs:
            if not alive():
                break
            try:
                result = builder.build(job, flusher)
            except Exception as e:          # a bug must not take the other plans down with it
                result = crash_result(job, e)
            results.append(result)
            if not keep_going and any(r.failed for r in results[-2:]):
                break
    return results


def crash_result(job: Job, error: BaseException) -> Result:
    """A plan whose build raised something unexpected still ends as a reported failure."""
    return Result(job, _at_plan(job, [f"internal error while building: {type(error).__name__}: {error}"]))
