"""``plangen status``, ``export`` and ``import-status``: follow a plan through its year.

Exit status: 0 done (warnings may be printed), 1 an invalid status file or spreadsheet,
2 a usage problem (an output that exists, a period that is not one).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from generator.commands import OUTPUT, PLAN
from generator.errors import PlangenError, UsageProblem
from generator.folders import PLANS_DIR, STATUS_DIR


def _root() -> Path:
    from generator.commands.plans import project_root
    return project_root()


def _period(text: str | None):
    from generator.track.period import parse_period
    return parse_period(text) if text is not None else None


def _as_of(text: str | None, period) -> date | None:
    """``--as-of``, checked against the period; None when not given."""
    if text is None:
        return None
    from generator.track.status import as_of_problem, date_problem, to_date
    problem = date_problem(text) or as_of_problem(to_date(text), period)
    if problem:
        raise UsageProblem(f"--as-of {problem}")
    return to_date(text)


def _plan(path: Path):
    from generator.plan.workspace import load_plan
    return load_plan(path)


def _write_new(output: Path, data: bytes, force: bool) -> None:
    from generator.write import write_atomic
    if output.exists() and not force:
        raise UsageProblem(f"{output}: exists; use --force to overwrite it")
    write_atomic(output, data)


@click.group("status")
def status_command() -> None:
    """Status files: where each task of a plan stands (status/<plan>/<period>.yaml)."""


@status_command.command("new")
@click.argument("plan", type=PLAN)
@click.option("--period", required=True, help="2023-Q2, 2023-H1, 2023 or 2023-06.")
@click.option("--as-of", "as_of", help="The date the status speaks of (default: the period's "
                                       "cut-off, the 14th of its last month).")
@click.option("-o", "--output", type=OUTPUT, help="Default: status/<plan>/<period>.yaml.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def status_new_command(plan: Path, period: str, as_of: str | None, output: Path | None,
                       force: bool) -> None:
    """Start the status file of PLAN for a period: every task listed, with the states, dates
    and results of the latest earlier status file of the year carried forward."""
    from generator.track.status import parse_status, plan_name, status_path
    from generator.track.status_text import new_status
    model, when, root = _plan(plan), _period(period), _root()
    output = output or status_path(root, plan_name(model), when)
    if output.exists() and not force:
        raise UsageProblem(f"{output}: exists; use --force to overwrite it")
    text, before = new_status(root, model, when, _as_of(as_of, when))
    parse_status(text, str(output), model)          # what is written always loads
    _write_new(output, text.encode("utf-8"), force)
    carried = f", carried forward from {before.source}" if before else ""
    click.echo(f"wrote {output} ({sum(1 for _ in model.tasks())} tasks{carried})")


@status_command.command("check")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plan", "plan", type=PLAN, help="The plan (default: plans/<plan:>.yaml).")
def status_check_command(files: tuple[Path, ...], plan: Path | None) -> None:
    """Check status files against their plan; one line per problem."""
    from generator.errors import PlanError
    from generator.track.status import status_from_tree, status_tree
    lines = []
    for file in files:
        try:
            model = _plan(plan) if plan else None
            tree = status_tree(file)
            status = status_from_tree(tree, str(file), model or _plan(_plan_of(file, tree)))
        except PlanError as e:
            lines += e.lines
            continue
        click.echo(f"{file}: {len(status.entries)} task(s) as of {status.as_of.isoformat()}")
    if lines:
        raise PlangenError(lines)


def _plan_of(file: Path, tree) -> Path:
    """The plan a status file (loaded as ``tree``) names (``plan:``), in the plans/ beside
    its status/."""
    name = tree.get("plan")
    if not isinstance(name, str) or not name:
        raise PlangenError(f"{file}: the file names no plan (plan: …); give --plan")
    home = file.resolve().parent.parent                 # status/ when it is status/<plan>/x.yaml
    root = home.parent if home.name == STATUS_DIR.name else _root()
    path = root / PLANS_DIR / f"{name}.yaml"
    if not path.exists():
        raise UsageProblem(f"{file}: plan '{name}' is not in {root / PLANS_DIR}; give --plan")
    return path


@click.command("export")
@click.argument("plan", type=PLAN)
@click.option("--period", help="Fill in the states of this period's status file (or of the "
                               "latest earlier one).")
@click.option("-o", "--output", type=OUTPUT, required=True, help="The .xlsx (or .csv) to write.")
@click.option("--by-unit", is_flag=True, help="One sheet per lead unit.")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]),
              help="Default: from the output's suffix.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def export_command(plan: Path, period: str | None, output: Path, by_unit: bool,
                   fmt: str | None, force: bool) -> None:
    """Write PLAN's tasks as a spreadsheet to fill in: the plan's columns (grey, read-only),
    then state (a drop-down), date, result, note and documents."""
    from generator.track.spreadsheet import export_csv, export_workbook
    from generator.track.status import load_status, plan_name, status_path
    from generator.track.status_text import previous_status
    model, root = _plan(plan), _root()
    when = _period(period) or _period(str(model.year))
    status = None
    if period is not None:
        path = status_path(root, plan_name(model), when)
        status = load_status(path, model) if path.exists() else previous_status(root, model, when)
    as_of = status.as_of if status and status.period == when else when.cutoff()
    fmt = fmt or ("csv" if output.suffix.lower() == ".csv" else "xlsx")
    if fmt == "csv" and by_unit:
        raise UsageProblem("--by-unit needs the xlsx format: a CSV file has one sheet")
    data = export_csv(model, status) if fmt == "csv" else \
        export_workbook(model, when if period else None, as_of, status, by_unit)
    _write_new(output, data, force)
    source = f", states from {status.source}" if status else ""
    click.echo(f"wrote {output} ({sum(1 for _ in model.tasks())} tasks{source})")


@click.command("import-status")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--period", help="Default: the period the workbook was exported for.")
@click.option("--plan", "plan", type=PLAN, help="Default: the plan the workbook was exported "
                                                 "from (needed for CSV).")
@click.option("--as-of", "as_of", help="Default: the workbook's, or the period's cut-off.")
@click.option("-o", "--output", type=OUTPUT, help="Default: status/<plan>/<period>.yaml.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def import_status_command(file: Path, period: str | None, plan: Path | None, as_of: str | None,
                          output: Path | None, force: bool) -> None:
    """Read a filled-in spreadsheet (from plangen export) back into a status file; tasks are
    found by their id, changes to the plan's columns are ignored with a warning."""
    from generator.track.spreadsheet import check_plan, read_file, read_status, summary
    from generator.track.status import parse_status, plan_name, status_path
    from generator.track.status_text import status_yaml
    book = read_file(file)
    root = _root()
    if plan is None:
        name = book.meta.get("plan")
        if not name:
            raise UsageProblem(f"{file}: the file does not say which plan it is of: give --plan")
        plan = root / PLANS_DIR / f"{name}.yaml"
        if not plan.exists():
            raise UsageProblem(f"{file}: its plan '{name}' is not in {root / PLANS_DIR}: give --plan")
    model = _plan(plan)
    check_plan(book, model)
    period = period or book.meta.get("period")
    if not period:
        raise UsageProblem(f"{file}: give --period (the file does not say which period it is of)")
    when = _period(period)
    day = _as_of(as_of, when) or (date.fromisoformat(book.meta["as_of"])
                            if book.meta.get("period") == when.text and book.meta.get("as_of")
                            else when.cutoff())
    entries, warnings = read_status(book, model, day)
    for warning in warnings:
        click.echo(str(warning), err=True)
    output = output or status_path(root, plan_name(model), when)
    text = status_yaml(model, when, day, entries, f"Imported from {file.name}.", every_task=False)
    parse_status(text, str(output), model)
    _write_new(output, text.encode("utf-8"), force)
    click.echo(f"wrote {output} ({summary(entries.values()) or 'no task filled in'})")
