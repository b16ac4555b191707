"""``plangen report``: the periodic report (Báo cáo) on a plan, or the roll-up of its tree.

Exit status: 0 written, 1 an invalid plan or status file, 2 a usage problem (no status file,
an output that exists, a period or date that is not one).
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from generator.commands import OUTPUT, PLAN
from generator.errors import UsageProblem

SUFFIXES = (".docx", ".xlsx")


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    from generator.track.status import date_problem, to_date
    problem = date_problem(text)
    if problem:
        raise UsageProblem(f"--date {problem}")
    return to_date(text)


def _number(text: str | None) -> str:
    """The report's number as printed: a leading zero below 10 (Decree 30)."""
    if text is None:
        return ""
    if not re.fullmatch(r"\d+", text.strip()):
        raise UsageProblem(f"--number '{text}' is not a number: give the number alone, like 12 "
                           "(the rest, /BC-…, is written for you)")
    return f"{int(text):02d}"


def _target(output: Path | None, default: Path, tree: bool, force: bool) -> Path:
    target = output or default
    if target.suffix.lower() not in SUFFIXES or (target.suffix.lower() == ".xlsx" and not tree):
        kinds = "a .docx or .xlsx file" if tree else "a .docx file (--tree also writes .xlsx)"
        raise UsageProblem(f"{target}: the report is written to {kinds}")
    if target.exists() and not force:
        raise UsageProblem(f"{target}: exists; use --force to overwrite it")
    return target


@click.command("report")
@click.argument("plan", type=PLAN)
@click.option("--period", required=True, help="2023-Q2, 2023-H1, 2023 or 2023-06.")
@click.option("--status", "status_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The status file (default: status/<plan>/<period>.yaml).")
@click.option("--tree", is_flag=True, help="Roll up the plans that extend PLAN, from their "
                                            "status files, instead of reporting on PLAN.")
@click.option("--date", "day", help="The report's date, YYYY-MM-DD (default: the status's as_of; "
                                    "with --tree, the period's cut-off).")
@click.option("--number", help="The report's number once issued (default: blank, a draft).")
@click.option("-o", "--output", type=OUTPUT, help="The .docx (or, with --tree, .xlsx) to write "
                                                  "(default: output/<plan>-<period>.report.docx).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def report_command(plan: Path, period: str, status_file: Path | None, tree: bool,
                   day: str | None, number: str | None, output: Path | None, force: bool) -> None:
    """Write the report (Báo cáo) on PLAN for a period: the numbers of its status file by
    part and by lead unit, a chart, the overdue tasks, and a table per part.

    With --tree: for each task of PLAN, how the plans below it stand (done, on time,
    overdue, not reported, and where it is overdue), and a row per plan below."""
    from generator.commands.plans import project_root
    from generator.folders import OUTPUT_DIR
    from generator.plan.workspace import Workspace
    from generator.track.period import parse_period
    from generator.track.status import plan_name
    from generator.write import write_atomic
    when, root = parse_period(period), project_root()
    if tree and status_file is not None:
        raise UsageProblem("--status names one plan's status file; --tree reads every plan's "
                           "own (status/<plan>/<period>.yaml)")
    workspace = Workspace()
    loaded = workspace.load(plan)
    model, parent = loaded.model, loaded.parent.model if loaded.parent else None
    name = plan_name(model)
    kind = "rollup" if tree else "report"
    target = _target(output, root / OUTPUT_DIR / f"{name}-{when.text}.{kind}.docx", tree, force)
    if tree:
        data, said = _rollup(plan, when, root, workspace, parent, _number(number), _date(day),
                             target.suffix.lower() == ".xlsx")
    else:
        data, said = _report(model, parent, when, root, status_file, _number(number), _date(day))
    write_atomic(target, data)
    click.echo(f"wrote {target} ({said})")


def _report(model, parent, when, root: Path, status_file: Path | None, number: str,
            day: date | None) -> tuple[bytes, str]:
    from generator.render.report_doc import render_report
    from generator.track.reporting import OVERDUE, build_report, tally
    from generator.track.status import load_status, plan_name, status_path
    path = status_file or status_path(root, plan_name(model), when)
    if not path.is_file():
        raise UsageProblem(f"{path}: no status file for {when.text}; start one with "
                           f"plangen status new {model.source} --period {when.text}")
    status = load_status(path, model)
    if status.period != when:
        raise UsageProblem(f"{path}: is the status of {status.period.text}, not of {when.text}")
    counts = tally(model, status).counts
    data = render_report(build_report(model, status, parent, number, day))
    return data, (f"{counts.total} tasks: {counts.done} done, {counts[OVERDUE]} overdue, "
                  f"as of {status.as_of.isoformat()}")


def _rollup(plan: Path, when, root: Path, workspace, parent, number: str, day: date | None,
            xlsx: bool) -> tuple[bytes, str]:
    from generator.track.rollup import rollup
    from generator.track.rollup_files import rollup_docx, rollup_xlsx
    done = rollup(plan, when, root, workspace=workspace)
    if not done.plans:
        raise UsageProblem(f"{plan}: no plan in {plan.parent} extends it; nothing to roll up")
    data = rollup_xlsx(done) if xlsx else rollup_docx(done, parent, number, day)
    reported = sum(1 for p in done.plans if p.status)
    return data, f"{len(done.plans)} plan(s) below {plan}, {reported} with a status file"
