"""``plangen validate``, ``resolve`` and ``explain``: read plans, say what they hold."""
from __future__ import annotations

import os
from pathlib import Path

import click

from generator.commands import PLAN
from generator.errors import Pos, Problem, UsageProblem
from generator.folders import PLANS_DIR, plan_files


def project_root() -> Path:
    """The folder holding plans/: the working folder or the nearest one above it (run from
    inside plans/, say), not above the top of a git repository; relative, "." when here."""
    here = Path.cwd()
    for top in (here, *here.parents):
        if (top / PLANS_DIR).is_dir():
            return Path(os.path.relpath(top))
        if (top / ".git").exists():
            break
    return Path(".")


def given_or_default(paths: tuple[Path, ...]) -> list[Path]:
    """The plans named, or every plan in the project's plans/."""
    found = list(paths) or plan_files(project_root() / PLANS_DIR)
    if not found:
        raise UsageProblem(f"no plans given and none in {PLANS_DIR}/")
    return found


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Warnings and errors together, by file, line and column: printed to one stream so
    that they read in the order of the file (a warning is no less a problem to look at)."""
    return sorted(problems, key=lambda p: p.pos or Pos("", 0, 0))


FINAL_HELP = ("Also refuse what must not reach a signed document: # REVIEW/TODO marks, a "
              "blank number or day, a blank or placeholder signer, a reconstructed plan, "
              "any warning.")


@click.command("validate")
@click.argument("plans", nargs=-1, type=PLAN)
@click.option("--final", is_flag=True, help=FINAL_HELP)
@click.pass_context
def validate_command(ctx: click.Context, plans: tuple[Path, ...], final: bool) -> None:
    """Check plans (default: every plan in plans/); one line per problem."""
    outcomes = checked_plans(given_or_default(plans), final)
    for outcome in outcomes:
        for problem in in_file_order(outcome.problems):
            click.echo(str(problem), err=True)
    valid = sum(o.ok for o in outcomes)
    code = 0 if valid == len(outcomes) else 1
    click.echo(f"{valid} of {len(outcomes)} plan(s) {'final' if final else 'valid'}",
               err=bool(code))
    ctx.exit(code)


def checked_plans(paths: list[Path], final: bool):
    """Each plan's problems; with ``final``, the final gate's findings instead of its
    warnings (each warning is one of them, as an error)."""
    from generator.plan.workspace import validate_plans
    if not final:
        return validate_plans(paths)
    from generator.plan.final import final_problems
    return validate_plans(paths, final_problems)


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
@click.argument("select", nargs=-1, metavar="[ID|FIELD]...")
@click.option("--changed", is_flag=True,
              help="Only what the plan's own file sets or drops, each override with the "
                   "parent value it replaces.")
def explain_command(plan: Path, select: tuple[str, ...], changed: bool) -> None:
    """Print every value of the resolved plan with the file and line it came from, texts in
    full; an override also shows the parent value it replaced, a dropped task its drop.

    SELECT keeps the values under a task, group or part id (kh-ra-soat) or a field
    (deadline, issuer.place); several are joined by "or"."""
    from generator.plan.explain import explain_lines
    from generator.plan.workspace import Workspace
    workspace = Workspace()
    loaded = workspace.load(plan)
    raw = workspace.resolver.resolve(plan).raw
    lines = list(explain_lines(loaded.tree, loaded.label,
                               loaded.parent.tree if loaded.parent else None, raw,
                               select, changed))
    if select and not lines:
        raise UsageProblem(f"{loaded.label}: no value matches {', '.join(select)}"
                           + (" among what the plan changes" if changed else ""))
    click.echo("\n".join(lines))
