"""The ``plangen`` command: parse options, call one function in commands, report."""
from __future__ import annotations

import sys
from pathlib import Path

import click

import importlib

from . import commands
from .errors import PlanError

PLAN = click.Path(exists=True, dir_okay=False, path_type=Path)


# Commands that live in other modules, imported only when named: a build should not pay for them.
LAZY_COMMANDS = {
    "check": "generator.check.cli:check_command",
    "diff": "generator.review.cli:diff_command",
    "text": "generator.review.cli:text_command",
    "schema": "generator.review.cli:schema_command",
    "redline": "generator.review_cli:redline_command",
    "new": "generator.review_cli:new_command",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup)
@click.version_option(package_name="plangen")
def main() -> None:
    """Plans for controlling administrative procedures: YAML in, Decree 30 DOCX out."""
    commands.tune_collector()


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
@click.argument("plans", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--pdf", is_flag=True, help="Also convert the DOCX files to PDF with LibreOffice.")
@click.option("-o", "--out-dir", type=click.Path(file_okay=False, path_type=Path),
              default=commands.OUTPUT_DIR, show_default=True)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes building at once  [default: one per core]")
@click.option("--force", is_flag=True, help="Rebuild every plan, even those up to date.")
@click.option("-k", "--keep-going", is_flag=True,
              help="Build every valid plan and report every failure (default: stop at the first).")
def build(plans, pdf, out_dir, jobs, force, keep_going):
    """Render plans (default: every plan in plans/; a folder means its *.yaml) to
    OUT_DIR/<name>.docx, rebuilding only what changed since the last build."""
    from .build import BuildRequest, expand, run_build
    from .build_report import Reporter
    from .pdf import ConverterMissing, soffice
    paths = expand(plans, commands.PLANS_DIR)
    if not paths:
        raise click.UsageError(f"no plans given and none in {commands.PLANS_DIR}/")
    try:
        if pdf:
            soffice()
        reporter = Reporter.for_terminal()
        summary = run_build(BuildRequest(paths, out_dir, pdf, jobs, force, keep_going), reporter)
    except ConverterMissing as e:
        raise click.ClickException(str(e)) from None
    reporter.summary(summary)
    sys.exit(summary.exit_code)




if __name__ == "__main__":
    main()
