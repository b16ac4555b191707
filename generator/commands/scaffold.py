"""``plangen new``: start a plan file from a parent plan or from last year's plan.

Exit status: 0 done, 1 a plan is invalid, 2 a usage problem (an output that exists).
"""
from __future__ import annotations

from pathlib import Path

import click

from generator.commands import OUTPUT, PLAN
from generator.scaffold.child import child_plan, refreshed_index
from generator.scaffold.draft import check_target, write_new_plan
from generator.scaffold.next_year import next_year_plan


@click.command("new")
@click.option("--extends", "parent", type=PLAN,
              help="Scaffold a child of this plan (with --issuer).")
@click.option("--issuer", help="The child's issuing agency, e.g. \"Sở Xây dựng\".")
@click.option("--next-year", "previous", type=PLAN,
              help="Roll this plan forward one year (with --extends: the new parent).")
@click.option("--refresh", type=PLAN,
              help="Rewrite this child plan's index of its parent's tasks from the parent as "
                   "it is now; nothing else in the file changes.")
@click.option("-o", "--output", type=OUTPUT, help="The plan file to write.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def new_command(parent: Path | None, issuer: str | None,
                previous: Path | None, refresh: Path | None, output: Path | None,
                force: bool) -> None:
    """Start a plan: a child of a plan (--extends PARENT --issuer NAME), or next year's
    plan from this year's (--next-year PLAN); --refresh PLAN rewrites a child plan's index
    of its parent's tasks after the parent changed.

    The file validates and builds as written; lines to fill in are marked # TODO, lines to
    check # REVIEW. For a child plan, --next-year needs the parent rolled forward first
    (found by its name with the next year, e.g. phu-tan-2025.yaml) or named by --extends.
    """
    if refresh is not None:
        if parent or issuer or previous or output:
            raise click.UsageError("--refresh PLAN takes no other option")
        write_new_plan(refresh, refreshed_index(refresh), force=True)
        click.echo(f"wrote {refresh}")
        return
    if output is None:
        raise click.UsageError("give -o/--output: the plan file to write")
    if previous is None and (parent is None or issuer is None):
        raise click.UsageError("give --extends PARENT --issuer NAME, or --next-year PLAN")
    if previous is not None and issuer is not None:
        raise click.UsageError("--issuer names a child's agency: it goes with --extends alone")
    if issuer is not None and not issuer.strip():
        raise click.UsageError("--issuer must name the agency, e.g. --issuer \"Sở Xây dựng\"")
    check_target(output, force)
    if previous is not None:
        draft = next_year_plan(previous, output, parent)
    else:
        draft = child_plan(parent, " ".join(issuer.split()), output)
    write_new_plan(output, draft, force)
    click.echo(f"wrote {output}")
