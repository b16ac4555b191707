"""``plangen build``: bring the DOCX (and PDF) of plans up to date, and say how it went.

What it prints: a progress bar on a terminal, plain lines otherwise. Problem lines keep their
one form, ``file:line:col: message (task id)``, and each is printed once per build: when a
province is broken, its 180 descendants fail with the province's problems, and the reader
needs them once, followed by the list of plans that failed. Problems, warnings and errors
alike, go to stderr in file order; what was written, and the summary of a build that
succeeded, go to stdout.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.build.run import Listener, Summary
from generator.build.worker import Result
from generator.commands.plans import (FINAL_HELP, checked_plans, given_or_default, in_file_order,
                                     project_root)
from generator.errors import PlangenError, UsageProblem
from generator.folders import OUTPUT_DIR, PLANS_DIR


@click.command("build")
@click.argument("plans", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--pdf", is_flag=True, help="Also convert the DOCX files to PDF with LibreOffice and "
              "check their pages: warns of an appendix page left half empty and of words on no page.")
@click.option("-o", "--out-dir", type=click.Path(file_okay=False, path_type=Path),
              default=OUTPUT_DIR,
              help="The folder the DOCX (and PDF) files are written to  [default: output/ "
                   "beside plans/, also when run from inside plans/]")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes building at once  [default: one per core]")
@click.option("--force", is_flag=True,
              help="Rebuild every plan, even those up to date, and replace DOCX and PDF files "
                   "edited since they were built (each first copied to <file>.bak).")
@click.option("-k", "--keep-going", is_flag=True,
              help="Build every valid plan and report every failure (default: stop at the first).")
@click.option("--final", is_flag=True,
              help=FINAL_HELP + " Nothing is built when any plan fails.")
@click.pass_context
def build_command(ctx: click.Context, plans, pdf, out_dir, jobs, force, keep_going, final):
    """Render plans (default: every plan in plans/; a folder means its *.yaml) to
    OUT_DIR/<name>.docx, rebuilding only what changed since the last build."""
    from generator.build.run import BuildRequest, expand, run_build
    paths = expand(plans) if plans else given_or_default(())     # validate's usage error
    if not paths:
        raise UsageProblem(f"no plans given and none in {PLANS_DIR}/")
    if ctx.get_parameter_source("out_dir") is click.core.ParameterSource.DEFAULT:
        out_dir = project_root() / OUTPUT_DIR        # beside plans/, wherever it is run from
    if final:
        refuse_unfinal(paths)
    if pdf:
        from generator.build.pdf import soffice
        soffice()
    reporter = Reporter.for_terminal()
    summary = run_build(BuildRequest(paths, out_dir, pdf, jobs, force, keep_going), reporter)
    reporter.summary(summary)
    ctx.exit(summary.exit_code)


def refuse_unfinal(paths: list[Path]) -> None:
    """Build --final: every plan passes the final gate, or nothing is built (exit 1)."""
    outcomes = checked_plans(paths, final=True)
    if all(o.ok for o in outcomes):
        return
    failed = [o for o in outcomes if not o.ok]
    raise PlangenError([str(p) for o in failed for p in in_file_order(o.problems)]
                       + [f"not final: {len(failed)} of {len(outcomes)} plan(s); nothing built"])


ETA_AFTER = 3      # plans built before the bar shows an ETA: earlier it would be a guess


class Reporter(Listener):
    def __init__(self, tty: bool):
        self.tty = tty
        self.bar = None
        self.done = 0
        self.seen: set[str] = set()
        self.deferred: list[tuple[str, bool]] = []

    @classmethod
    def for_terminal(cls) -> "Reporter":
        return cls(sys.stdout.isatty())

    def started(self, stale: int, current: int) -> None:
        if self.tty and stale:
            self.bar = click.progressbar(length=stale, label=f"building {stale} plan(s)",
                                         show_pos=True, show_eta=False,
                                         item_show_func=lambda name: name)
            self.bar.__enter__()

    def built(self, result: Result) -> None:
        for problem in in_file_order(result.problems):
            line = str(problem)
            if line not in self.seen:
                self.seen.add(line)
                self._say(line, err=True)
        if result.ok and not self.tty:
            self._say(f"wrote {result.written[0]}")
        self.done += 1
        if self.bar is not None:
            self.bar.show_eta = self.done >= ETA_AFTER
            self.bar.update(1, current_item=str(result.job.arg))

    def converting(self, count: int) -> None:
        self._finish_bar()
        if count:
            click.echo(f"converting {count} DOCX file(s) to PDF with LibreOffice", err=True)

    def summary(self, summary: Summary) -> None:
        """Everything still to say, then one line: built, up to date, failed, time."""
        self._finish_bar()
        for result in summary.pdf_failures:
            self.built(result)
        for line in summary.failure_lines():
            click.echo(line, err=True)
        if not self.tty:
            for path in summary.pdfs:
                click.echo(f"wrote {path}")
        for line in page_warnings(summary.pdfs):
            click.echo(line, err=True)
        for backup in summary.backups:
            click.echo(f"kept the edited file as {backup}")
        click.echo(summary_line(summary), err=bool(summary.exit_code))

    def _say(self, line: str, err: bool = False) -> None:
        if self.bar is not None:
            self.deferred.append((line, err))
        else:
            click.echo(line, err=err)

    def _finish_bar(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        for line, err in self.deferred:
            click.echo(line, err=err)
        self.deferred = []


def page_warnings(pdfs: list[Path]) -> list[str]:
    """--pdf: the pages LibreOffice laid out, checked against their DOCX (check/pdf_pages.py):
    an appendix page left half empty, words on no page. Warnings: the build still succeeded."""
    if not pdfs:
        return []                   # without --pdf, load neither the checker nor its lxml
    from generator.check.pdf_pages import PdfReaderMissing, check_pdf
    lines = []
    for pdf in pdfs:
        try:
            lines += [str(finding) for finding in check_pdf(pdf)]
        except PdfReaderMissing as exc:
            return [f"pages not checked: {exc}"]
    return lines


def summary_line(summary: Summary) -> str:
    seconds = f"{summary.seconds:.2f} s"
    current = len(summary.current)
    if not summary.results and not summary.pdfs and not summary.pdf_failures:
        return f"up to date: {current} plan(s), nothing to build ({seconds})"
    parts = [f"built {len(summary.built)}", f"up to date {current}", f"failed {len(summary.failed)}"]
    if summary.kept:
        parts.append(f"edited by hand and kept {len(summary.kept)}")
    if summary.pdfs:
        parts.append(f"PDF {len(summary.pdfs)}")
    line = ", ".join(parts) + f" ({seconds})"
    if summary.not_built:
        line += (f"; stopped at the first failure, {len(summary.not_built)} plan(s) not built "
                 "(--keep-going builds every valid plan)")
    return line
