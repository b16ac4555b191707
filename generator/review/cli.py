"""The click commands of the review tools: ``diff``, ``text`` and ``schema``.

Registered on the ``plangen`` group by generator/cli.py; each is thin over one function.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..docx_text import DocxTextError, docx_text
from ..jsonschema import schema_text
from ..write import write_atomic
from .command import FORMATS, DiffError, diff_specs, format_diff

EXIT_EQUAL, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for a terminal, markdown for a merge request, json for tools.")
@click.option("--color/--no-color", default=None,
              help="Colour the text format (default: only when stdout is a terminal).")
@click.pass_context
def diff_command(ctx: click.Context, old: str, new: str, fmt: str, color: bool | None) -> None:
    """Show what changed between two resolved plans, task by task, grouped by appendix part.

    OLD and NEW are plan files or REV:path (read from git at that revision, parents
    included, without a checkout), e.g. plangen diff HEAD~1:plans/x.yaml plans/x.yaml.
    Exit status: 0 when equal, 1 when different, 2 when a side cannot be read or is invalid.
    """
    try:
        diff = diff_specs(old, new)
    except DiffError as e:
        for line in e.lines:
            click.echo(line, err=True)
        ctx.exit(EXIT_TROUBLE)
    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(format_diff(diff, fmt, color), nl=False, color=color)
    ctx.exit(EXIT_EQUAL if diff.equal else EXIT_DIFFERENT)


@click.command("text")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def text_command(ctx: click.Context, file: Path) -> None:
    """Print a DOCX as plain text: paragraphs, then table rows with cells joined by " | ".

    Meant as git's textconv filter, so that git diff shows what changed in a document
    (see docs/git-diff.md). Written as UTF-8 whatever the locale, as git expects bytes.
    """
    try:
        text = docx_text(file)
    except DocxTextError as e:
        click.echo(f"plangen text: {e}", err=True)
        ctx.exit(EXIT_TROUBLE)
    click.echo(text.encode("utf-8"), nl=False)   # bytes go out as they are


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (e.g. schema/plan.schema.json) instead of stdout.")
def schema_command(output: Path | None) -> None:
    """Write the JSON Schema of plan files, converted from the validator's schema.

    Editors with yaml-language-server use it for completion and errors while typing; each
    plan names it in its first line (# yaml-language-server: $schema=../schema/plan.schema.json).
    """
    text = schema_text()
    if output is None:
        click.echo(text.encode("utf-8"), nl=False)   # bytes go out as they are
        return
    write_atomic(output, text.encode("utf-8"))
    click.echo(f"wrote {output}")
