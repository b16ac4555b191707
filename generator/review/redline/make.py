"""``plangen redline`` as functions: open two sides, render the redline; and ``make diff``.

A side is a plan file or ``REV:path``, opened by the review tools' loader (review/sources.py),
so a plan at a git revision is resolved against its parents at that same revision.
``plangen redline --since REV`` writes the redline of every plan in plans/ whose file, or the
file of any plan it extends, changed since REV (``make diff OLD=REV``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import PlangenError
from generator.folders import OUTPUT_DIR, PLANS_DIR
from generator.plan.extends import extends_chain, parent_in
from generator.review.redline.document import AUTHOR, render_redline
from generator.review.sources import git, open_sides, parse_spec
from generator.write import write_atomic

SUFFIX = ".redline.docx"


def redline_specs(old: str, new: str, author: str = AUTHOR, when: str | None = None) -> bytes:
    """The redline DOCX of ``new`` against ``old`` (files or ``REV:path``), changes dated
    ``when`` (render_redline)."""
    old_plan, new_plan = open_sides(old, new)
    return render_redline(old_plan.model, new_plan.model, author, when=when)


def default_output(new: str, out_dir: Path = OUTPUT_DIR) -> Path:
    """``output/<stem>.redline.docx`` after the new side's file name."""
    return out_dir / f"{Path(parse_spec(new).path).stem}{SUFFIX}"


def _names(*args: str) -> list[str]:
    """The file names git lists, one a line."""
    return git(*args).decode("utf-8", errors="replace").splitlines()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def changed_plans(rev: str, plans_dir: Path = PLANS_DIR) -> tuple[list[Path], list[Path]]:
    """(plans changed since ``rev`` that existed then, plans new since ``rev``).

    A plan counts as changed when its file or the file of a plan it extends differs from
    ``rev`` in the working tree (committed or not).
    """
    changed = {Path(p).resolve() for p in _names("diff", "--name-only", "--relative", rev, "--",
                                                 str(plans_dir))}
    existed = {Path(p).resolve() for p in _names("ls-tree", "-r", "--name-only", rev, "--",
                                                 str(plans_dir))}
    found, new = [], []
    for path in sorted(plans_dir.glob("*.yaml")):
        if path.resolve() not in existed:
            new.append(path)
        elif any(p.resolve() in changed for p in extends_chain(path, parent_in(_read))):
            found.append(path)
    return found, new


@dataclass
class Redlines:
    """What ``redline_changed`` did: files written, plans new since the revision, failures."""

    written: list[Path] = field(default_factory=list)
    new: list[Path] = field(default_factory=list)
    failed: list[PlangenError] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return max((e.exit_code for e in self.failed), default=0)


def redline_changed(rev: str, plans_dir: Path = PLANS_DIR, out_dir: Path = OUTPUT_DIR,
                    when: str | None = None) -> Redlines:
    """Write the redline of every plan changed since ``rev`` (``make diff OLD=REV``)."""
    plans, done = changed_plans(rev, plans_dir), Redlines()
    done.new = plans[1]
    for path in plans[0]:
        target = out_dir / f"{path.stem}{SUFFIX}"
        try:
            write_atomic(target, redline_specs(f"{rev}:./{path.as_posix()}", str(path),
                                                when=when))
            done.written.append(target)
        except PlangenError as e:
            done.failed.append(e)
    return done
