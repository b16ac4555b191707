"""The ``plangen`` command group; each command lives in a module of this package.

A command only parses options, calls one function and reports. Errors reach the user one
way: a ``PlangenError`` (generator/errors.py) raised anywhere below is printed here, one
problem per line, with its exit code; an ``OSError`` becomes one such line naming the path.
Command modules are imported only when named, so a build does not pay for the review tools.
"""
from __future__ import annotations

import gc
import importlib
import os
import sys
from pathlib import Path

# Cyclic garbage collection, less often: a plan is a tree of many small objects with no
# cycles, and at the default thresholds the collector rescanned the growing heap so often
# that a 10,000-task plan loaded 60% slower than ten 1,000-task plans (bench/run.py, growth).
GC_THRESHOLDS = (100_000, 50, 1000)


def tune_collector() -> None:
    """Set GC_THRESHOLDS for this process (and the build workers forked from it)."""
    gc.set_threshold(*GC_THRESHOLDS)


tune_collector()    # before click, the libraries and a command's modules are imported: their
                    # thousands of classes and functions made the collector run a dozen times

import click  # noqa: E402

from generator.errors import file_problem  # noqa: E402

PLAN = click.Path(exists=True, dir_okay=False, path_type=Path)       # a plan file that exists
OUTPUT = click.Path(dir_okay=False, path_type=Path)                  # a file to write

COMMANDS = {
    "amend": "generator.commands.amend:amend_command",
    "build": "generator.commands.build:build_command",
    "check": "generator.commands.check:check_command",
    "diff": "generator.commands.review:diff_command",
    "explain": "generator.commands.plans:explain_command",
    "export": "generator.commands.track:export_command",
    "import": "generator.commands.ingest:import_command",
    "import-status": "generator.commands.track:import_status_command",
    "new": "generator.commands.scaffold:new_command",
    "redline": "generator.commands.review:redline_command",
    "report": "generator.commands.report:report_command",
    "resolve": "generator.commands.plans:resolve_command",
    "schema": "generator.commands.review:schema_command",
    "status": "generator.commands.track:status_command",
    "text": "generator.commands.review:text_command",
    "validate": "generator.commands.plans:validate_command",
}


class Plangen(click.Group):
    """A group whose commands are imported when named, and whose file errors are one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OSError as e:
            raise file_problem(e) from None


@click.group(cls=Plangen)
@click.version_option(package_name="plangen")
def main() -> None:
    """Plans for controlling administrative procedures: YAML in, Decree 30 DOCX out."""


def run(prog_name: str | None = None) -> None:
    """The ``plangen`` program: ``main``, then the process ends without tearing down the
    interpreter (freeing every module and object one by one was ~15% of a one-plan build's
    CPU; the system reclaims it at once). Output is flushed first; an exception other than
    the exit ends the ordinary way, with its traceback."""
    try:
        main(prog_name=prog_name)
    except SystemExit as e:
        code = e.code
    else:
        code = 0
    if not isinstance(code, int):
        sys.exit(code)                          # a message or None: Python's own handling
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        sys.exit(code)                          # a closed pipe: Python reports it as usual
    os._exit(code)
