"""``plangen redline`` as functions: open two sides, render the redline; and ``make diff``.

A side is a plan file or ``REV:path``, opened by the review tools' loader (review/sources.py),
so a plan at a git revision is resolved against its parents at that same revision.
``python -m generator.redline REV`` writes the redline of every plan in plans/ whose file, or
the file of any plan it extends, changed since REV (``make diff OLD=REV``).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import PlanError
from .load import load_file
from .pipeline import Workspace
from .render.redline import AUTHOR, render_redline
from .review.sources import SourceError, open_plan, parse_spec
from .write import write_atomic

PLANS_DIR = Path("plans")
OUTPUT_DIR = Path("output")
SUFFIX = ".redline.docx"


class RedlineError(Exception):
    """A side could not be opened; ``lines`` says why, one problem per line."""

    def __init__(self, lines: list[str], usage: bool):
        self.lines, self.usage = lines, usage
        super().__init__("\n".join(lines))


def redline_specs(old: str, new: str, author: str = AUTHOR) -> bytes:
    """The redline DOCX of ``new`` against ``old`` (files or ``REV:path``).

    Both sides are opened before giving up, so one run reports the problems of both;
    ``usage`` is set when a side could not be read at all (no file, unknown revision).
    """
    workspace, loaded, lines, usage = Workspace(), [], [], False
    for spec in (old, new):
        try:
            loaded.append(open_plan(spec, workspace))
        except SourceError as e:
            lines.append(str(e))
            usage = True
        except PlanError as e:
            lines += [str(p) for p in e.problems if not p.warning]
    if lines:
        raise RedlineError(list(dict.fromkeys(lines)), usage)
    return render_redline(loaded[0].model, loaded[1].model, author)


def default_output(new: str, out_dir: Path = OUTPUT_DIR) -> Path:
    """``output/<stem>.redline.docx`` after the new side's file name."""
    return out_dir / f"{Path(parse_spec(new).path).stem}{SUFFIX}"


def _git(*args: str) -> list[str]:
    done = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["git failed"])[0]
        raise SourceError(f"git {' '.join(args)}: {first}")
    return done.stdout.splitlines()


def _chain(path: Path) -> list[Path]:
    """The plan and the plans it extends, as far as they can be read."""
    out = [path]
    while len(out) < 20:
        try:
            parent = load_file(out[-1]).get("extends")
        except PlanError:
            break
        if not isinstance(parent, str) or not (out[-1].parent / parent).is_file():
            break
        out.append(Path(out[-1].parent / parent))
    return out


def changed_plans(rev: str, plans_dir: Path = PLANS_DIR) -> tuple[list[Path], list[Path]]:
    """(plans changed since ``rev`` that existed then, plans new since ``rev``).

    A plan counts as changed when its file or the file of a plan it extends differs from
    ``rev`` in the working tree (committed or not).
    """
    changed = {Path(p).resolve() for p in _git("diff", "--name-only", "--relative", rev, "--",
                                               str(plans_dir))}
    existed = {Path(p).resolve() for p in _git("ls-tree", "-r", "--name-only", rev, "--",
                                               str(plans_dir))}
    found, new = [], []
    for path in sorted(plans_dir.glob("*.yaml")):
        if path.resolve() not in existed:
            new.append(path)
        elif any(p.resolve() in changed for p in _chain(path)):
            found.append(path)
    return found, new


def redline_changed(rev: str, plans_dir: Path = PLANS_DIR, out_dir: Path = OUTPUT_DIR) -> int:
    """Write the redline of every plan changed since ``rev``; the exit status (0, 1 or 2)."""
    try:
        plans, new = changed_plans(rev, plans_dir)
    except SourceError as e:
        print(f"plangen redline: {e}", file=sys.stderr)
        return 2
    for path in new:
        print(f"{path}: new since {rev}, no redline")
    status = 0
    for path in plans:
        target = out_dir / f"{path.stem}{SUFFIX}"
        try:
            write_atomic(target, redline_specs(f"{rev}:./{path.as_posix()}", str(path)))
            print(f"wrote {target}")
        except RedlineError as e:
            print("\n".join(e.lines), file=sys.stderr)
            status = max(status, 2 if e.usage else 1)
    if not plans:
        print(f"no plan in {plans_dir}/ changed since {rev}")
    return status


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python -m generator.redline REV   (e.g. make diff OLD=HEAD~1)",
              file=sys.stderr)
        sys.exit(2)
    sys.exit(redline_changed(sys.argv[1]))
