"""The ``plangen`` command group; each command lives in a module of this package.

A command only parses options, calls one function and reports. Errors reach the user one
way: a ``PlangenError`` (generator/errors.py) raised anywhere below is printed here, one
problem per line, with its exit code; an ``OSError`` becomes one such line naming the path.
Command modules are imported only when named, so a build does not pay for the review tools.
"""
from __future__ import annotations

import importlib

import click

from generator.errors import file_problem

COMMANDS = {
    "build": "generator.commands.build:build_command",
    "check": "generator.commands.check:check_command",
    "diff": "generator.commands.review:diff_command",
    "explain": "generator.commands.plans:explain_command",
    "new": "generator.commands.scaffold:new_command",
    "redline": "generator.commands.review:redline_command",
    "resolve": "generator.commands.plans:resolve_command",
    "schema": "generator.commands.review:schema_command",
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
    from generator.plan.workspace import tune_collector
    tune_collector()
