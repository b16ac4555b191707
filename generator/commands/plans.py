"""``plangen validate``, ``resolve`` and ``explain``: read plans, say what they hold."""
from __future__ import annotations

from pathlib import Path

import click

from generator.commands import PLAN
from generator.errors import Pos, Problem, UsageProblem
from generator.folders import PLANS_DIR, plan_files


def given_or_default(paths: tuple[Path, ...]) -> list[Path]:
    """The plans named, or every plan in plans/."""
    found = list(paths) or plan_files()
    if not found:
        raise UsageProblem(f"no plans given and none in {PLANS_DIR}/")
    return found


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Warnings and errors together, by file, line and column: printed to one stream so
    that they read in the order of the file (a warning is no less a problem to look at)."""
    return sorted(problems, key=lambda p: p.pos or Pos("", 0, 0))


@click.command("validate")
@click.argument("plans", nargs=-1, type=PLAN)
@click.pass_context
def validate_command(ctx: click.Context, plans: tuple[Path, ...]) -> None:
    """Check plans (default: every plan in plans/); one line per problem."""
    from generator.plan.workspace import validate_plans
    outcomes = validate_plans(given_or_default(plans))
    for outcome in outcomes:
        for problem in in_file_order(outcome.problems):
            click.echo(str(problem), err=True)
    valid = sum(o.ok for o in outcomes)
    code = 0 if valid == len(outcomes) else 1
    click.echo(f"{valid} of {len(outcomes)} plan(s) valid", err=bool(code))
    ctx.exit(code)


@click.command("resolve")
@click.argument("plan", type=PLAN)
def resolve_command(plan: Path) -> None:
    """Print the fully resolved plan as YAML: a plan that builds on its own to the same
    document (the parent's citation written out as a legal basis)."""
    from generator.plan.explain import resolved_yaml
    from generator.plan.workspace import Workspace
    loaded = Workspace().load(plan)
    click.echo(resolved_yaml(loaded.tree, loaded.parent.model if loaded.parent else None),
               nl=False)


@click.command("explain")
@click.argument("plan", type=PLAN)
def explain_command(plan: Path) -> None:
    """Print every value of the resolved plan with the file and line it came from."""
    from generator.plan.explain import explain_lines
    from generator.plan.workspace import Workspace
    loaded = Workspace().load(plan)
    click.echo("\n".join(explain_lines(loaded.tree, loaded.label)))
