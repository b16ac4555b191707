"""Problems found in a plan, and the one family of exceptions that carries them to the CLI.

A problem is a record, not a string, so that every stage can collect all of them and the CLI
prints them one per line as ``file:line:col: message (task id)``. Every error a user should
see is a ``PlangenError``: its lines and exit code travel up untouched, and only the command
layer (generator/commands) prints them. Exit codes: 1 invalid input, 2 a request that cannot
be carried out (a missing file, an unknown revision, a folder that cannot be written).
"""
from __future__ import annotations

import errno
from typing import Iterable, NamedTuple

import click

from generator.record import record

EXIT_INVALID, EXIT_USAGE = 1, 2


class Pos(NamedTuple):
    """Where a value came from: file name and 1-based line and column."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@record
class Problem:
    pos: Pos | None
    message: str
    task: str | None = None
    warning: bool = False
    answered: bool = False      # a warning the plan already answered (deadline_reason:)

    def __str__(self) -> str:
        where = f"{self.pos}: " if self.pos else ""
        kind = "warning: " if self.warning else ""
        task = f" (task {self.task})" if self.task else ""
        return f"{where}{kind}{self.message}{task}"


class PlangenError(click.ClickException):
    """Something the user must fix: ``lines`` to print, one problem each, and an exit code."""

    exit_code = EXIT_INVALID

    def __init__(self, lines: Iterable[str] | str, exit_code: int | None = None):
        self.lines = [lines] if isinstance(lines, str) else list(dict.fromkeys(lines))
        super().__init__("\n".join(self.lines))
        if exit_code is not None:
            self.exit_code = exit_code

    def show(self, file=None) -> None:
        for line in self.lines:
            click.echo(line, err=file is None, file=file)


class UsageProblem(PlangenError):
    """A request that cannot be carried out as given: no such file, revision or folder."""

    exit_code = EXIT_USAGE


class PlanError(PlangenError):
    """One or more problems that make a plan unusable."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=_order)
        super().__init__([str(p) for p in self.problems])


def _order(p: Problem):
    return (p.pos or Pos("", 0, 0), p.message)


def fail_if(problems: list[Problem]) -> None:
    """Raise when any problem is an error; warnings alone pass."""
    if any(not p.warning for p in problems):
        raise PlanError(problems)


_REASONS = {
    errno.ENOENT: "no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.EROFS: "the disk is read-only",
    errno.EEXIST: "already exists",
    errno.ENAMETOOLONG: "the name is too long",
}


def reason(error: OSError) -> str:
    """Why a file operation failed, in plain words rather than the system's."""
    return _REASONS.get(error.errno) or (error.strerror or str(error)).lower()


def file_problem(error: OSError, path: object = None, doing: str = "") -> UsageProblem:
    """An ``OSError`` as one line naming the path: ``cannot write x.docx: the disk is full``."""
    where = path if path is not None else (error.filename or "a file")
    return UsageProblem(f"{doing} {where}: {reason(error)}" if doing else f"{where}: {reason(error)}")
