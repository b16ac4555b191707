"""Open one side of a diff: a plan file, or ``REV:path`` read from git without a checkout.

A plan at a revision may extend a parent, and that parent must come from the same revision,
not from the working tree, or the diff would compare a mixture of two versions. So the file
and every parent it names are copied out of git (``git show REV:path``) into a temporary
folder that mirrors the repository's layout, and the ordinary pipeline loads them from there.
Problems found in those copies are reported under their git names (``HEAD~1:plans/x.yaml:3:5``).
"""
from __future__ import annotations

import posixpath
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import EXIT_INVALID, EXIT_USAGE, PlanError, PlangenError, Problem, UsageProblem
from generator.plan.extends import extends_chain, parent_in
from generator.plan.inherit import display_name
from generator.plan.workspace import LoadedPlan, Workspace
from generator.record import replace


class SourceError(UsageProblem):
    """A side that cannot be read at all: no such file, unknown revision, no git."""


@dataclass(frozen=True)
class Spec:
    """One side as the user wrote it: ``rev`` is None for a file in the working tree."""

    text: str
    rev: str | None
    path: str


def parse_spec(text: str) -> Spec:
    """A file when it exists or has no colon; otherwise ``REV:path`` (split at the last colon)."""
    if Path(text).is_file() or ":" not in text:
        return Spec(text, None, text)
    rev, _, path = text.rpartition(":")
    if not rev or not path:
        raise SourceError(f"{text}: write a git side as REV:path, e.g. HEAD~1:plans/x.yaml")
    return Spec(text, rev, path)


def open_plan(text: str, workspace: Workspace | None = None) -> LoadedPlan:
    """The resolved plan named by ``text``; SourceError or PlanError when it cannot be had."""
    spec = parse_spec(text)
    workspace = workspace or Workspace()
    if spec.rev is None:
        if not Path(spec.path).is_file():
            raise SourceError(f"{spec.path}: no such file")
        return workspace.load(spec.path)
    return _open_revision(spec)


def open_sides(old: str, new: str) -> tuple[LoadedPlan, LoadedPlan]:
    """Both sides of a comparison, opened before giving up so one run reports both sides'
    problems; exit 2 when a side cannot be read at all, 1 when a side is invalid."""
    workspace, loaded, lines, code = Workspace(), [], [], EXIT_INVALID
    for spec in (old, new):
        try:
            loaded.append(open_plan(spec, workspace))
        except PlanError as e:
            lines += [str(p) for p in e.problems if not p.warning]
        except PlangenError as e:
            lines += e.lines
            code = EXIT_USAGE
    if lines:
        raise PlangenError(lines, code)   # a parent shared by both sides is said once
    return loaded[0], loaded[1]


def _open_revision(spec: Spec) -> LoadedPlan:
    path = repo_path(spec.path)
    with tempfile.TemporaryDirectory(prefix="plangen-diff-") as tmp:
        root = Path(tmp).resolve()
        local = _materialise(spec.rev, path, root)
        try:
            return Workspace().load(local)
        except PlanError as e:
            raise PlanError(_renamed(p, root, spec.rev) for p in e.problems) from None


def repo_path(path: str) -> str:
    """The path from the repository's top, as git reads ``REV:path`` (``./x`` is cwd-relative)."""
    if path.startswith(("./", "../")):
        prefix = git("rev-parse", "--show-prefix").decode().strip()
        path = prefix + path
    normal = posixpath.normpath(path)
    if normal.startswith("../") or normal == "..":
        raise SourceError(f"{path}: outside the git repository")
    return normal


def _materialise(rev: str, path: str, root: Path) -> Path:
    """Copy the plan at ``rev`` and its chain of parents under ``root``; return the plan's copy."""
    def copy_out(current: PurePosixPath) -> bytes | None:
        name = current.as_posix()
        if name.startswith("../"):
            return None        # a parent outside the repository: the pipeline says so
        try:
            data = git("show", f"{rev}:{name}")
        except SourceError:
            if name == path:
                raise
            return None        # a missing parent: the pipeline reports it at `extends`
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return data

    for _ in extends_chain(PurePosixPath(path), parent_in(copy_out)):
        pass
    return root / path


def git(*args: str) -> bytes:
    """Run git in the current directory; its first error line becomes a SourceError."""
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise SourceError("git is not installed (needed for REV:path sides)") from None
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines() or ["git failed"]
        raise SourceError(f"git {' '.join(args)}: {lines[0]}")
    return done.stdout


def own_text(side: str) -> bytes:
    """The bytes of a side's own file (not its parents'): from the working tree or from git."""
    spec = parse_spec(side)
    if spec.rev is None:
        return Path(spec.path).read_bytes()
    return git("show", f"{spec.rev}:{repo_path(spec.path)}")


def _renamed(problem: Problem, root: Path, rev: str) -> Problem:
    """The problem with the temporary copy's name replaced by the git name ``rev:path``."""
    message = problem.message
    for shown in {display_name(root), root.as_posix()}:
        message = message.replace(shown + "/", f"{rev}:")
    pos = problem.pos
    if pos is not None:
        try:
            rel = Path(pos.file).resolve().relative_to(root)
            pos = pos._replace(file=f"{rev}:{rel.as_posix()}")
        except ValueError:
            pass
    return replace(problem, pos=pos, message=message)
