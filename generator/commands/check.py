"""``plangen check FILE.docx|FILE.pdf…``: the Decree 30 conformance checker on any DOCX, and
the pages of a PDF against the DOCX beside it."""
from __future__ import annotations

import click


@click.command("check")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def check_command(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Check DOCX files against the layout rules of Decree 30/2020; exit 1 on any problem.

    A draft's blank number or unnamed signer is a warning: printed, but the exit status is 0.

    A PDF (as `plangen build --pdf` leaves it, beside its DOCX) is checked as LibreOffice laid
    it out: a warning for each appendix page left more than half empty (but the appendix's last
    page and a page before a part's heading) and for the words of the DOCX on no page."""
    from generator.check import check_docx
    from generator.check.pdf_pages import check_pdf
    problems = warnings = 0
    for path in files:
        findings = check_pdf(path) if path.lower().endswith(".pdf") else check_docx(path, warnings=True)
        for finding in findings:
            warnings += finding.warning
            problems += not finding.warning
            click.echo(str(finding))
    tail = f", {warnings} warning(s)" if warnings else ""
    click.echo(f"{len(files)} file(s) checked, {problems} problem(s){tail}")
    ctx.exit(1 if problems else 0)
