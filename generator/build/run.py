"""``plangen build``: find what is stale, build it serially or in a process pool, record it.

The steps, each in its own function: read and hash the given plans (state), decide
which DOCX files are out of date, order the stale plans so that each subtree travels as one
chunk (a worker then resolves a parent once for all its children), build the chunks
(worker), convert the new DOCX files to PDF in one LibreOffice batch (pdf), and
record the hashes atomically under the output folder. A serial build runs the very same
chunks in this process, which is why ``-j N`` output is byte-identical to ``-j 1``. A DOCX or
PDF changed by hand since a build wrote it is never overwritten (state.edited): its plan is
reported, the others build, and --force replaces it after keeping a ``.bak`` copy.
"""
from __future__ import annotations

import math
import os
import time
from pathlib import Path
from typing import Iterable, Iterator

from generator.build.state import (Entry, FileStamp, Hashes, Source, State, docx_current,
                                   edited, keep_copy, kept_message, pdf_current, sha,
                                   SourceReader)
from generator.build.worker import Job, Result
from generator.errors import Pos, Problem, file_problem
from generator.folders import OUTPUT_DIR, PLANS_DIR
from generator.plan.extends import extends_chain
from generator.record import Factory, record
from generator.render.cache import fingerprint

# A chunk is at most this many plans: a whole province of the nation tree (~100 communes) is
# one, so one worker loads its root once and its communes share the root's Tasks (and the
# table rows made from them); 32 split each province in three, loaded by both workers.
MAX_CHUNK = 128
MAX_DEPTH = 64             # plans a scheduling chain follows, at most
TAIL_CUT = 4               # the pieces each of a parallel build's last chunks is cut into


@record(frozen=False)
class BuildRequest:
    plans: list[Path]
    out_dir: Path = OUTPUT_DIR
    pdf: bool = False
    jobs: int | None = None          # None: one process per core
    force: bool = False
    keep_going: bool = False


@record(frozen=False)
class Summary:
    """Everything a report needs: each plan's result, the plans skipped, the time taken."""

    results: list[Result] = Factory(list)
    current: list[Source] = Factory(list)       # up to date, not rebuilt
    not_built: list[Job] = Factory(list)        # after the first failure
    pdfs: list[Path] = Factory(list)
    pdf_failures: list[Result] = Factory(list)
    backups: list[Path] = Factory(list)         # edited files --force replaced
    seconds: float = 0.0

    @property
    def built(self) -> list[Result]:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results + self.pdf_failures if r.failed]

    @property
    def kept(self) -> list[Result]:
        """Plans whose DOCX or PDF was edited since it was written, and left alone."""
        return [r for r in self.results + self.pdf_failures if r.kept is not None]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.kept else 0

    def failure_lines(self) -> list[str]:
        """One line per broken plan: a plan that failed only on another failed plan's
        problems (a child of a broken parent) is counted under that plan, not listed."""
        failures = self.failed
        names = {str(r.job.arg) for r in failures}
        blocked: dict[str, int] = {}
        own = []
        for result in failures:
            files = {p.pos.file for p in result.problems if not p.warning and p.pos is not None}
            causes = files - {str(result.job.arg)}
            if files and files == causes and causes <= names:
                for cause in causes:
                    blocked[cause] = blocked.get(cause, 0) + 1
            else:
                own.append(str(result.job.arg))
        return [f"failed {name}" + (f" (and {blocked[name]} plan(s) that extend it)"
                                    if blocked.get(name) else "") for name in own] + \
            [f"failed {name}" for name in sorted(set(blocked) - set(own))]


class Listener:
    """What a build tells its caller as it goes (the CLI draws progress from it)."""

    def started(self, stale: int, current: int) -> None: ...
    def built(self, result: Result) -> None: ...
    def converting(self, count: int) -> None: ...


def expand(paths: Iterable[Path], default: Path = PLANS_DIR) -> list[Path]:
    """Files as given, folders as the *.yaml files in them; nothing given: ``default``."""
    out: list[Path] = []
    for path in list(paths) or [default]:
        out += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return out


def run_build(request: BuildRequest, listener: Listener | None = None) -> Summary:
    """Bring every given plan's DOCX (and PDF) up to date; see the module docstring."""
    listener = listener or Listener()
    start = time.perf_counter()
    summary = Summary()
    try:
        request.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise file_problem(e, request.out_dir, "cannot create the output folder") from None
    sources = _sources(request.plans, summary)
    state = State.load(request.out_dir, fingerprint())
    hashes = Hashes(sources)
    jobs = []
    for source in sources:
        target = request.out_dir / f"{source.path.stem}.docx"
        job = Job(source.path, source.arg, target, state.written.get(target.name), request.force)
        entry = state.entries.get(str(source.path))
        if not request.force and docx_current(entry, source, job.target, hashes):
            summary.current.append(source)
        else:
            jobs.append(job)
    listener.started(len(jobs), len(summary.current))
    for result in summary.results:          # refused before building (a name taken twice)
        listener.built(result)
    by_path = {s.path: s for s in sources}
    try:
        for result in _execute(jobs, sources, request, summary):
            _record(state, by_path[result.job.path], result, hashes)
            if result.backup is not None:
                summary.backups.append(result.backup)
            listener.built(result)
        if request.pdf:
            _convert(request, sources, state, summary, listener)
    finally:
        if jobs or request.pdf:
            state.save()
    summary.seconds = time.perf_counter() - start
    return summary


def _sources(paths: list[Path], summary: Summary) -> list[Source]:
    """Each plan read and hashed once; an unreadable plan, or a second plan with the same
    output name, fails before anything is built."""
    sources, seen, stems = [], set(), {}
    reader = SourceReader()
    for arg in paths:
        try:
            source = reader.read(arg)
        except OSError as e:
            job = Job(Path(os.path.abspath(arg)), Path(arg), Path(Path(arg).stem + ".docx"))
            summary.results.append(_refused(job, f"cannot read file: {e.strerror}"))
            continue
        if source.path in seen:
            continue
        other = stems.setdefault(source.path.stem, source)
        if other is not source:
            job = Job(source.path, source.arg, Path(source.path.stem + ".docx"))
            summary.results.append(_refused(job, f"same output name as {other.arg}: "
                                                 "rename one of the two plans"))
            continue
        seen.add(source.path)
        sources.append(source)
    return sources


def _refused(job: Job, message: str) -> Result:
    return Result(job, [Problem(Pos(str(job.arg), 1, 1), message)])


def _record(state: State, source: Source, result: Result, hashes: Hashes) -> None:
    """Remember a built plan's inputs; forget a failed one so the next build retries it.
    What a build wrote is remembered for good (``written``): a DOCX edited after it was
    built stays protected while its plan fails."""
    key = str(source.path)
    old = state.entries.pop(key, None)
    if not result.ok:
        return
    state.written[result.job.target.name] = result.docx_sha
    docx = FileStamp(*result.docx_stat, result.docx_sha)
    pdf = old.pdf if old is not None and old.pdf is not None and old.pdf.sha == docx.sha else None
    deps = {a: hashes(a) for a in result.ancestors}
    state.entries[key] = Entry(source.sha, deps, docx, pdf)


# --- scheduling -------------------------------------------------------------------------------

def chunks(jobs: list[Job], sources: list[Source], workers: int) -> list[list[Job]]:
    """The stale plans in subtree order, cut into chunks that never mix two provinces.

    A chunk is a run of plans under the same first-level parent (a district and its
    communes) or, failing that, the same root; plans with no known parent stand alone.
    """
    parent = {s.path: s.parent for s in sources}
    chain = {job.path: _chain(job.path, parent) for job in jobs}
    ordered = sorted(jobs, key=lambda j: chain[j.path])
    size = max(1, min(MAX_CHUNK, math.ceil(len(jobs) / (max(workers, 1) * 4))))
    out: list[list[Job]] = []
    for group in _groups(ordered, chain):
        for i in range(0, len(group), size):
            piece = group[i:i + size]
            last = out[-1] if out else None
            if (last and len(last) + len(piece) <= size
                    and chain[last[0].path][0] == chain[piece[0].path][0]):
                last.extend(piece)
            else:
                out.append(list(piece))
    return _fold_tails(out, chain, size)


def _fold_tails(parts: list[list[Job]], chain: dict, size: int) -> list[list[Job]]:
    """A chunk of a few plans left over from a subtree (99 plans: 32 + 32 + 32 + 3) joins the
    chunk before it: alone it would be run last (largest first) by a worker that has long
    forgotten the subtree's parents, and load them again."""
    out: list[list[Job]] = []
    for part in parts:
        if (out and len(part) < size // 4
                and chain[out[-1][0].path][0] == chain[part[0].path][0]):
            out[-1].extend(part)
        else:
            out.append(part)
    return out


def tapered(parts: list[list[Job]], workers: int) -> list[list[Job]]:
    """The chunks in the order a pool runs them: largest first, and the last ``workers``
    of them (the last round) each cut in TAIL_CUT pieces.

    When the queue runs dry each worker is somewhere in a chunk of its own, and the one that
    ends first waits for the others: a whole chunk at worst, ~0.9 s of the nation tree's 34
    chunks of 99 plans, half of it on average (~3% of the build). Pieces of a quarter keep
    the wait to a quarter; a piece a worker takes without the parents it needs loads them
    again (~8 ms each).
    """
    ordered = sorted(parts, key=len, reverse=True)
    cut = max(0, len(ordered) - workers)
    pieces = []
    for part in ordered[cut:]:
        step = math.ceil(len(part) / TAIL_CUT)
        pieces += [part[i:i + step] for i in range(0, len(part), step)]
    return ordered[:cut] + pieces


def _chain(path: Path, parent: dict[Path, Path | None]) -> tuple[str, ...]:
    """Root first, the plan last, following ``extends`` hints (cycles cut short)."""
    return tuple(str(p) for p in reversed(list(extends_chain(path, parent.get, MAX_DEPTH))))


def _groups(ordered: list[Job], chain: dict) -> Iterator[list[Job]]:
    group: list[Job] = []
    for job in ordered:
        key = chain[job.path][:2]
        if group and chain[group[0].path][:2] != key:
            yield group
            group = []
        group.append(job)
    if group:
        yield group


def _workers(request: BuildRequest) -> int:
    return request.jobs or os.cpu_count() or 1


# --- running ----------------------------------------------------------------------------------

def _execute(jobs: list[Job], sources: list[Source], request: BuildRequest,
             summary: Summary) -> Iterator[Result]:
    """Every job's result as it completes; after a failure (without keep_going) no new work."""
    if not jobs:
        return
    parts = chunks(jobs, sources, _workers(request))
    parents = frozenset(s.parent for s in sources if s.parent is not None)
    workers = min(_workers(request), len(parts))
    run = _serial if workers <= 1 else _parallel
    done: set[Path] = set()
    for result in run(parts, parents, workers, request.keep_going):
        done.add(result.job.path)
        summary.results.append(result)
        yield result
    summary.not_built = [j for j in jobs if j.path not in done]


def _serial(parts, parents, workers, keep_going) -> Iterator[Result]:
    from generator.build.worker import Builder, run_chunk
    builder = Builder(parents)
    for part in parts:
        results = run_chunk(builder, part, keep_going)
        yield from results
        if not keep_going and any(r.failed for r in results):
            return


def _parallel(parts, parents, workers, keep_going) -> Iterator[Result]:
    """Chunks in a fork pool, largest first and the last ones cut smaller (``tapered``);
    each worker keeps one Builder for the build.

    After a failure (without keep_going) the chunks not yet started are cancelled; those
    running finish their current chunk, which each stops at its own first failure.
    """
    import multiprocessing
    from concurrent.futures import CancelledError, ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    from generator.build.worker import build_chunk, crash_result, start_worker
    _preload()
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    parts = tapered(parts, workers)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker,
                               initargs=(parents,))
    try:
        futures = {pool.submit(build_chunk, part, keep_going): part for part in parts}
        for future in as_completed(futures):
            try:
                results = future.result()
            except CancelledError:
                continue
            except BrokenProcessPool as e:
                results = [crash_result(job, e) for job in futures[future]]
            yield from results
            if not keep_going and any(r.failed for r in results):
                for other in futures:
                    other.cancel()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _preload() -> None:
    """Import the pipeline and renderer, and read the template, once before forking, so
    workers share them."""
    from generator.plan import workspace  # noqa: F401
    from generator.render import skeleton
    from generator.render.compose import DEFAULT_TEMPLATE
    from generator.render.skeleton import TemplateError
    try:
        skeleton.plain(DEFAULT_TEMPLATE)
    except (TemplateError, OSError):
        pass                                    # each plan reports what is wrong with it


# --- PDF --------------------------------------------------------------------------------------

def _convert(request: BuildRequest, sources: list[Source], state: State, summary: Summary,
             listener: Listener) -> None:
    """One LibreOffice batch for every DOCX whose PDF is missing or older than it; a PDF
    changed since a build wrote it (signed, annotated) is left alone as an edited DOCX is."""
    from generator.build.pdf import convert_batch
    failed = {r.job.path for r in summary.failed}
    todo = []
    for source in sources:
        entry = state.entries.get(str(source.path))
        pdf = request.out_dir / f"{source.path.stem}.pdf"
        docx = request.out_dir / f"{source.path.stem}.docx"
        if source.path in failed or entry is None or pdf_current(entry, pdf):
            continue
        refused = _guard_pdf(Job(source.path, source.arg, docx), pdf,
                             state.written.get(pdf.name), request.force, summary)
        if refused is None:
            todo.append((source, entry, docx))
        else:
            summary.pdf_failures.append(refused)
    listener.converting(len(todo))
    made = convert_batch([docx for _, _, docx in todo], request.out_dir, _workers(request))
    for source, entry, docx in todo:
        outcome = made[docx]
        if isinstance(outcome, Path):
            entry.pdf = FileStamp.of(outcome, entry.docx.sha)
            state.written[outcome.name] = sha(outcome.read_bytes())
            summary.pdfs.append(outcome)
        else:
            job = Job(source.path, source.arg, docx)
            summary.pdf_failures.append(Result(job, [Problem(Pos(str(source.arg), 1, 1), outcome)]))


def _guard_pdf(job: Job, pdf: Path, recorded: str | None, force: bool,
               summary: Summary) -> Result | None:
    """None when the PDF may be converted again; else why not: edited since it was written
    (without --force), or unreadable. With --force an edited PDF is copied aside first."""
    doing = "cannot read"
    try:
        if not edited(pdf, recorded):
            return None
        if force:
            doing = "cannot keep a copy of"
            summary.backups.append(keep_copy(pdf))
            return None
    except OSError as e:
        return Result(job, [Problem(None, file_problem(e, pdf, doing).lines[0])])
    return Result(job, [Problem(None, kept_message(pdf, "convert it again"))], kept=pdf)

