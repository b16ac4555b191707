"""The review commands: ``diff``, ``redline``, ``text`` (git's textconv) and ``schema``."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.commands import OUTPUT
from generator.review.formats import FORMATS, format_diff

EXIT_EQUAL, EXIT_DIFFERENT = 0, 1


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="text for a terminal, markdown for a merge request, json for tools.")
@click.option("--color/--no-color", default=None,
              help="Colour the text format (default: only when stdout is a terminal).")
@click.pass_context
def diff_command(ctx: click.Context, old: str, new: str, fmt: str, color: bool | None) -> None:
    """Show what changed between two resolved plans, task by task, grouped by appendix part.

    OLD and NEW are plan files or REV:path (read from git at that revision, parents
    included, without a checkout), e.g. plangen diff HEAD~1:plans/x.yaml plans/x.yaml.
    Exit status: 0 when equal, 1 when different, 2 when a side cannot be read or is invalid.
    """
    from generator.review.diff import diff_specs
    diff = diff_specs(old, new)
    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(format_diff(diff, fmt, color), nl=False, color=color)
    ctx.exit(EXIT_EQUAL if diff.equal else EXIT_DIFFERENT)


@click.command("redline")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--since", metavar="REV",
              help="Instead of OLD and NEW: every plan in plans/ changed since REV, each to "
                   "output/<name>.redline.docx.")
@click.option("-o", "--output", type=OUTPUT,
              help="The DOCX to write (default: output/<NEW's name>.redline.docx).")
@click.option("--author", default=None, help="Author of the changes  [default: plangen]")
@click.option("--date", "when", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
              help="Date the changes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, UTC (the same plans "
                   "and date give the same bytes)  [default: now]")
@click.pass_context
def redline_command(ctx: click.Context, old: str | None, new: str | None, since: str | None,
                    output: Path | None, author: str | None, when) -> None:
    """Write NEW's documents with every change from OLD as a tracked change.

    OLD and NEW are plan files or REV:path (read from git at that revision, parents
    included), e.g. plangen redline HEAD~1:plans/x.yaml plans/x.yaml -o x.redline.docx.
    Word and LibreOffice list the changes (Review → Track Changes) to accept or reject.
    """
    from generator.review.redline.document import AUTHOR
    from generator.review.redline.make import default_output, redline_changed, redline_specs
    from generator.write import write_atomic
    stamp = change_date(when)
    if since is not None:
        if old or new or output:
            raise click.UsageError("--since REV takes no OLD, NEW or --output")
        done = redline_changed(since, when=stamp)
        for path in done.new:
            click.echo(f"{path}: new since {since}, no redline")
        for failure in done.failed:
            failure.show()
        for target in done.written:
            click.echo(f"wrote {target}")
        if not (done.written or done.failed):
            click.echo(f"no plan changed since {since}")
        ctx.exit(done.exit_code)
    if not (old and new):
        raise click.UsageError("give OLD and NEW, or --since REV")
    data = redline_specs(old, new, author or AUTHOR, when=stamp)
    target = output or default_output(new)
    write_atomic(target, data)
    click.echo(f"wrote {target}")


def change_date(when) -> str:
    """The w:date of the redline's changes: ``when`` as given, else now (UTC, to the second)."""
    from datetime import datetime, timezone
    moment = when or datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@click.command("text")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def text_command(file: Path) -> None:
    """Print a DOCX as plain text: paragraphs, then table rows with cells joined by " | ".

    Meant as git's textconv filter, so that git diff shows what changed in a document
    (see docs/git-diff.md). Written as UTF-8 whatever the locale, as git expects bytes.
    """
    from generator.review.docx_text import docx_text
    click.echo(docx_text(file).encode("utf-8"), nl=False)   # bytes go out as they are


@click.command("schema")
@click.option("-o", "--output", type=OUTPUT,
              help="Write to this file (e.g. schema/plan.schema.json) instead of stdout.")
def schema_command(output: Path | None) -> None:
    """Write the JSON Schema of plan files, generated from the validator's schema.

    Editors with yaml-language-server use it for completion and errors while typing; each
    plan names it in its first line (# yaml-language-server: $schema=../schema/plan.schema.json).
    """
    from generator.plan.jsonschema import schema_text
    from generator.write import write_atomic
    text = schema_text()
    if output is None:
        click.echo(text.encode("utf-8"), nl=False)   # bytes go out as they are
        return
    write_atomic(output, text.encode("utf-8"))
    click.echo(f"wrote {output}")
