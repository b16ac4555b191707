"""``plangen build``: bring the DOCX (and PDF) of plans up to date."""
from __future__ import annotations

from pathlib import Path

import click

from generator.errors import UsageProblem
from generator.folders import OUTPUT_DIR, PLANS_DIR


@click.command("build")
@click.argument("plans", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--pdf", is_flag=True, help="Also convert the DOCX files to PDF with LibreOffice.")
@click.option("-o", "--out-dir", type=click.Path(file_okay=False, path_type=Path),
              default=OUTPUT_DIR, show_default=True)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes building at once  [default: one per core]")
@click.option("--force", is_flag=True, help="Rebuild every plan, even those up to date.")
@click.option("-k", "--keep-going", is_flag=True,
              help="Build every valid plan and report every failure (default: stop at the first).")
@click.pass_context
def build_command(ctx: click.Context, plans, pdf, out_dir, jobs, force, keep_going):
    """Render plans (default: every plan in plans/; a folder means its *.yaml) to
    OUT_DIR/<name>.docx, rebuilding only what changed since the last build."""
    from generator.build.pdf import soffice
    from generator.build.report import Reporter
    from generator.build.run import BuildRequest, expand, run_build
    paths = expand(plans, PLANS_DIR)
    if not paths:
        raise UsageProblem(f"no plans given and none in {PLANS_DIR}/")
    if pdf:
        soffice()
    reporter = Reporter.for_terminal()
    summary = run_build(BuildRequest(paths, out_dir, pdf, jobs, force, keep_going), reporter)
    reporter.summary(summary)
    ctx.exit(summary.exit_code)
