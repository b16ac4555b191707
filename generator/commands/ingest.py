"""``plangen import``: an existing Word plan (DOCX) into a plan file.

Exit status: 0 written, 1 the DOCX cannot be read or holds no plan, 2 a usage problem
(an output that exists without --force).
"""
from __future__ import annotations

from pathlib import Path

import click

from generator.commands import OUTPUT, PLAN
from generator.ingest.importer import import_to_file

SOURCE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("import")
@click.argument("source", type=SOURCE)
@click.option("-o", "--output", type=OUTPUT, required=True, help="The plan file to write.")
@click.option("--extends", "parent", type=PLAN,
              help="Write only what differs from this parent plan.")
@click.option("--ids-from", "ids_from", type=PLAN,
              help="Take over the ids of this plan (the one SOURCE was built from), so that "
                   "`plangen diff PLAN OUTPUT` shows what was edited in SOURCE.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def import_command(source: Path, output: Path, parent: Path | None, ids_from: Path | None,
                   force: bool) -> None:
    """Read SOURCE (a plan or decision DOCX from plangen, Word or LibreOffice) into a plan
    file in the style of plans/; lines to check are marked # REVIEW."""
    imported = import_to_file(source, output, parent, force, ids_from)
    s = imported.summary()
    click.echo(f"wrote {output}: {s['parts']} parts, {s['groups']} groups, {s['tasks']} tasks, "
               f"{s['units']} units, {s['review']} items to review")
    for line in imported.review:
        click.echo(f"  review: {line}")
