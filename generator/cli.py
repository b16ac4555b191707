"""The ``plangen`` command: parse options, call one function in commands, report."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import commands
from .check.cli import check_command
from .review.cli import diff_command, schema_command, text_command
from .errors import PlanError

PLAN = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group()
@click.version_option(package_name="plangen")
def main() -> None:
    """Plans for controlling administrative procedures: YAML in, Decree 30 DOCX out."""


def _plans(paths: tuple[Path, ...]) -> list[Path]:
    found = list(paths) or commands.default_plans()
    if not found:
        raise click.UsageError(f"no plans given and none in {commands.PLANS_DIR}/")
    return found


def _report(outcomes) -> int:
    for outcome in outcomes:
        for problem in outcome.problems:
            click.echo(str(problem), err=not problem.warning)
    bad = [o for o in outcomes if not o.ok]
    return 1 if bad else 0


@main.command()
@click.argument("plans", nargs=-1, type=PLAN)
def validate(plans):
    """Check plans (default: every plan in plans/); one line per problem."""
    outcomes = commands.validate_plans(_plans(plans))
    code = _report(outcomes)
    valid = sum(o.ok for o in outcomes)
    click.echo(f"{valid} of {len(outcomes)} plan(s) valid", err=bool(code))
    sys.exit(code)


def _one(function, plan: Path) -> None:
    try:
        click.echo(function(plan), nl=False)
    except PlanError as e:
        for problem in e.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)


@main.command()
@click.argument("plan", type=PLAN)
def resolve(plan):
    """Print the fully resolved plan as YAML."""
    _one(commands.resolve_plan, plan)


@main.command()
@click.argument("plan", type=PLAN)
def explain(plan):
    """Print every value of the resolved plan with the file and line it came from."""
    _one(commands.explain_plan, plan)


@main.command()
@click.argument("plans", nargs=-1, type=PLAN)
@click.option("--pdf", is_flag=True, help="Also convert the DOCX files to PDF with LibreOffice.")
@click.option("-o", "--out-dir", type=click.Path(file_okay=False, path_type=Path),
              default=commands.OUTPUT_DIR, show_default=True)
def build(plans, pdf, out_dir):
    """Render plans (default: every plan in plans/) to OUT_DIR/<name>.docx."""
    from .pdf import ConverterMissing
    try:
        outcomes = commands.build_plans(_plans(plans), out_dir, pdf)
    except ConverterMissing as e:
        raise click.ClickException(str(e)) from None
    code = _report(outcomes)
    for outcome in outcomes:
        for path in outcome.written:
            click.echo(f"wrote {path}")
    sys.exit(code)


main.add_command(check_command, "check")
main.add_command(diff_command)
main.add_command(text_command)
main.add_command(schema_command)


if __name__ == "__main__":
    main()
