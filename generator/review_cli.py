"""The click commands ``redline`` and ``new``; registered on the ``plangen`` group by cli.py.

Each is thin over one function (redline.py, newplan.py). Exit status: 0 done, 1 a plan is
invalid, 2 a usage problem (a side that cannot be read, an output that exists).
"""
from __future__ import annotations

from pathlib import Path

import click

from .newplan import NewPlanError, check_target, write_new_plan
from .newplan_child import child_plan
from .newplan_year import next_year_plan
from .redline import RedlineError, default_output, redline_specs
from .render.redline import AUTHOR
from .write import write_atomic

EXIT_INVALID, EXIT_USAGE = 1, 2
PLAN = click.Path(exists=True, dir_okay=False, path_type=Path)
OUTPUT = click.Path(dir_okay=False, path_type=Path)


@click.command("redline")
@click.argument("old")
@click.argument("new")
@click.option("-o", "--output", type=OUTPUT,
              help="The DOCX to write (default: output/<NEW's name>.redline.docx).")
@click.option("--author", default=AUTHOR, show_default=True, help="Author of the changes.")
@click.pass_context
def redline_command(ctx: click.Context, old: str, new: str, output: Path | None,
                    author: str) -> None:
    """Write NEW's documents with every change from OLD as a tracked change.

    OLD and NEW are plan files or REV:path (read from git at that revision, parents
    included), e.g. plangen redline HEAD~1:plans/x.yaml plans/x.yaml -o x.redline.docx.
    Word and LibreOffice list the changes (Review → Track Changes) to accept or reject.
    """
    try:
        data = redline_specs(old, new, author)
    except RedlineError as e:
        for line in e.lines:
            click.echo(line, err=True)
        ctx.exit(EXIT_USAGE if e.usage else EXIT_INVALID)
    target = output or default_output(new)
    write_atomic(target, data)
    click.echo(f"wrote {target}")


@click.command("new")
@click.option("--extends", "parent", type=PLAN,
              help="Scaffold a child of this plan (with --issuer).")
@click.option("--issuer", help="The child's issuing agency, e.g. \"Sở Xây dựng\".")
@click.option("--next-year", "previous", type=PLAN,
              help="Roll this plan forward one year (with --extends: the new parent).")
@click.option("-o", "--output", type=OUTPUT, required=True, help="The plan file to write.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.pass_context
def new_command(ctx: click.Context, parent: Path | None, issuer: str | None,
                previous: Path | None, output: Path, force: bool) -> None:
    """Start a plan: a child of a plan (--extends PARENT --issuer NAME), or next year's
    plan from this year's (--next-year PLAN).

    The file validates and builds as written; lines to fill in are marked # TODO, lines to
    check # REVIEW. For a child plan, --next-year needs the parent rolled forward first
    (found by its name with the next year, e.g. phu-tan-2025.yaml) or named by --extends.
    """
    if previous is None and (parent is None or issuer is None):
        raise click.UsageError("give --extends PARENT --issuer NAME, or --next-year PLAN")
    if previous is not None and issuer is not None:
        raise click.UsageError("--issuer names a child's agency: it goes with --extends alone")
    if issuer is not None and not issuer.strip():
        raise click.UsageError("--issuer must name the agency, e.g. --issuer \"Sở Xây dựng\"")
    try:
        check_target(output, force)
        if previous is not None:
            draft = next_year_plan(previous, output, parent)
        else:
            draft = child_plan(parent, " ".join(issuer.split()), output)
        write_new_plan(output, draft, force)
    except NewPlanError as e:
        for line in e.lines:
            click.echo(line, err=True)
        ctx.exit(EXIT_USAGE if e.usage else EXIT_INVALID)
    click.echo(f"wrote {output}")
