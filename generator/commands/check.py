"""``plangen check FILE.docx…``: the Decree 30 conformance checker on any DOCX."""
from __future__ import annotations

import click


@click.command("check")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def check_command(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Check DOCX files against the layout rules of Decree 30/2020; exit 1 on any problem.

    A draft's blank number or unnamed signer is a warning: printed, but the exit status is 0."""
    from generator.check import check_docx
    problems = warnings = 0
    for path in files:
        for finding in check_docx(path, warnings=True):
            warnings += finding.warning
            problems += not finding.warning
            click.echo(str(finding))
    tail = f", {warnings} warning(s)" if warnings else ""
    click.echo(f"{len(files)} file(s) checked, {problems} problem(s){tail}")
    ctx.exit(1 if problems else 0)
