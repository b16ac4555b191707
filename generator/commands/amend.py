"""``plangen amend``: the amendment decision of a plan, written from two of its versions."""
from __future__ import annotations

from pathlib import Path

import click

from generator.commands import OUTPUT

EXIT_NOTHING, EXIT_WRITTEN = 0, 1
SUFFIX = ".amendment.docx"


@click.command("amend")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--since", metavar="REV",
              help="Amend the plan NEW (a file, given alone) against its version at git revision REV.")
@click.option("-o", "--output", type=OUTPUT,
              help="The DOCX to write (default: output/<NEW's name>.amendment.docx).")
@click.pass_context
def amend_command(ctx: click.Context, old: str | None, new: str | None, since: str | None,
                  output: Path | None) -> None:
    """Write the decision amending (sửa đổi, bổ sung) the plan OLD into NEW.

    OLD and NEW are plan files or REV:path, as for diff, e.g.
    plangen amend HEAD~1:plans/x.yaml plans/x.yaml -o x.amendment.docx, or
    plangen amend --since HEAD~1 plans/x.yaml. The amending decision's number, date and
    signer come from NEW's amendment: block; without it the decision is a draft.
    Exit status: 0 when there is nothing to amend (no file written), 1 when written,
    2 when a side cannot be read or is invalid.
    """
    from generator.folders import OUTPUT_DIR
    from generator.review.amend import amend_specs
    from generator.review.sources import parse_spec
    from generator.write import write_atomic
    if since is not None:
        if new is not None or old is None:
            raise click.UsageError("--since REV takes one plan: plangen amend --since REV PLAN")
        if Path(old).is_absolute() or old.startswith(("./", "../")):
            old, new = f"{since}:{old}", old
        else:
            old, new = f"{since}:./{old}", old
    elif not (old and new):
        raise click.UsageError("give OLD and NEW, or --since REV PLAN")
    done = amend_specs(old, new)
    for note in done.notes:
        click.echo(f"note: not amended: {note}", err=True)
    if done.data is None:
        if done.inherited_from:
            click.echo(f"{new}: every change comes from its parent {done.inherited_from}; amend "
                       "the parent (the child needs no amendment of its own)")
        elif done.diff.equal:
            click.echo(f"nothing to amend: {old} and {new} print the same plan")
        else:
            click.echo(f"nothing to amend: no change of {new} is a change of the plan's content")
        ctx.exit(EXIT_NOTHING)
    if done.draft:
        click.echo(f"{new}: warning: no amendment: block; the decision is a draft "
                   "(blank number, day and month)", err=True)
    target = output or OUTPUT_DIR / f"{Path(parse_spec(new).path).stem}{SUFFIX}"
    write_atomic(target, done.data)
    click.echo(f"wrote {target}")
    ctx.exit(EXIT_WRITTEN)
