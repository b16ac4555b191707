"""``plangen check FILE.docx…``: the click command, kept thin over ``run_check``."""
from __future__ import annotations

import click

from generator.check import run_check


@click.command("check")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def check_command(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Check DOCX files against the layout rules of Decree 30/2020; exit 1 on any problem."""
    ctx.exit(run_check(files))
