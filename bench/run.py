"""Benchmarks for issue 5: how fast plangen builds one plan, a province and a country.

    .venv/bin/python bench/run.py                  # everything (about 5 minutes on 2 cores)
    .venv/bin/python bench/run.py --skip-nation    # without the 3,355-plan tree
    .venv/bin/python bench/run.py --skip-pdf       # without LibreOffice

Everything is generated into a temporary folder (bench/tree.py), never into plans/. Each
build runs ``plangen`` as a separate process, the way ``make build`` does, so start-up counts.
Prints one table: what was measured, the result, the target, and whether it was met.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import floor  # noqa: E402
import tree  # noqa: E402
from measure import ROOT, environment, median_of, plangen  # noqa: E402

S003 = ROOT / "plans" / "an-giang-2023.yaml"
CORES = os.cpu_count() or 1


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, result: str, target: str = "", met: bool | None = None) -> None:
        verdict = "" if met is None else ("yes" if met else "NO")
        self.rows.append((what, result, target, verdict))
        print(f"  {what}: {result}", file=sys.stderr, flush=True)

    def print(self) -> None:
        head = ("measure", "result", "target", "met")
        widths = [max(len(r[i]) for r in self.rows + [head]) for i in range(4)]
        line = "  ".join("{:<%d}" % w for w in widths)
        print(line.format(*head))
        print(line.format(*("-" * w for w in widths)))
        for row in self.rows:
            print(line.format(*row))


def built(run) -> int:
    m = re.search(r"built (\d+)", run.out + run.err)
    return int(m[1]) if m else 0


def cold_single(table: Table, work: Path) -> None:
    plangen("build", S003, "-o", work / "warm-up")          # writes the bytecode caches
    seconds, runs = median_of(5, lambda i: plangen("build", S003, "-o", work / f"cold-{i}"))
    assert all(r.code == 0 for r in runs), runs[0].err
    table.add("S003 cold build, whole process (median of 5)", f"{seconds:.2f} s", "≤ 0.5 s",
              seconds <= 0.5)


def tree_build(table: Table, name: str, plans: Path, out: Path, limit: float) -> float:
    run = plangen("build", plans, "-o", out, "--force", sample=True)
    assert run.code == 0, run.err[-2000:]
    count = len(list(plans.glob("*.yaml")))
    table.add(f"{name} tree, {count} plans, DOCX, -j {CORES}", f"{run.seconds:.1f} s "
              f"({run.seconds / count * 1000:.0f} ms/plan)", f"≤ {limit:g} s", run.seconds <= limit)
    table.add(f"{name} tree, peak memory: largest process RSS / all processes PSS",
              f"{run.max_rss_mb:.0f} MB / {run.total_rss_mb:.0f} MB", "≤ 200 MB",
              run.max_rss_mb <= 200)
    return run.seconds


def incremental(table: Table, plans: Path, out: Path) -> None:
    seconds, runs = median_of(5, lambda i: plangen("build", plans, "-o", out))
    said = "up to date" in runs[0].out
    table.add("province tree, no-op build (median of 5)", f"{seconds:.2f} s, says "
              f"{'“up to date”' if said else runs[0].out.strip()[-60:]}", "≤ 1 s",
              seconds <= 1 and said)
    commune = sorted(plans.glob("*-xa-*.yaml"))[0]
    _edit(commune)
    run = plangen("build", plans, "-o", out)
    table.add("province tree, one commune edited", f"{run.seconds:.2f} s, rebuilt {built(run)}",
              "rebuilds 1", built(run) == 1)
    province = next(p for p in plans.glob("*.yaml") if p.stem.count("-") == 2)
    _edit(province)
    run = plangen("build", plans, "-o", out)
    count = len(list(plans.glob("*.yaml")))
    table.add("province tree, province edited", f"{run.seconds:.1f} s, rebuilt {built(run)}",
              f"rebuilds {count}", built(run) == count)


def _edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "# edited by bench/run.py\n",
                    encoding="utf-8")


def serial_and_floor(table: Table, plans: Path, out: Path) -> None:
    run = plangen("build", plans, "-o", out, "--force", "-j", "1")
    count = len(list(plans.glob("*.yaml")))
    ours = run.seconds / count
    table.add("province tree, -j 1", f"{run.seconds:.1f} s ({ours * 1000:.0f} ms/plan)")
    floor_s = floor.mean_floor(sorted(out.glob("*.docx")))
    load_s, render_s = floor.render_seconds(sorted(plans.glob("*.yaml")))
    table.add("floor per document (lxml serialise + zip)", f"{floor_s * 1000:.1f} ms")
    table.add("ours per document (CPU): load+check / render",
              f"{load_s * 1000:.1f} / {render_s * 1000:.1f} ms")
    table.add("ratio render ÷ floor", f"{render_s / floor_s:.1f}×", "≤ 3×", render_s / floor_s <= 3)
    table.add("ratio whole -j 1 build per plan ÷ floor", f"{ours / floor_s:.1f}×", "≤ 3×",
              ours / floor_s <= 3)


def growth(table: Table, work: Path) -> None:
    previous = None
    for count in (100, 1_000, 10_000):
        path = work / f"tasks-{count}.yaml"
        path.write_text(tree.tasks_plan(count), encoding="utf-8")
        load_s, render_s = floor.fresh_render_seconds(path)
        inside = load_s + render_s
        run = plangen("build", path, "-o", work / "growth-out", "--force")
        assert run.code == 0, run.err[-2000:]
        ratio = f", ×{inside / previous:.1f} for 10× tasks" if previous else ""
        table.add(f"growth: {count:,} tasks (CPU in a fresh process, best of 3 / whole process)",
                  f"{inside:.2f} s / {run.seconds:.2f} s{ratio}", "≤ 11× per 10×" if previous else "",
                  inside / previous <= 11 if previous else None)
        previous = inside


def pdf(table: Table, plans: Path, out: Path) -> None:
    if shutil.which("soffice") is None:
        table.add("PDF, province tree", "skipped: soffice not installed")
        return
    run = plangen("build", plans, "-o", out, "--pdf")
    assert run.code == 0, run.err[-2000:]
    count = len(list(out.glob("*.pdf")))
    per = run.seconds / max(count, 1)
    table.add(f"PDF, province tree ({count} documents, one batch)",
              f"{run.seconds:.1f} s ({per:.2f} s/document)", "≤ 0.5 s/document", per <= 0.5)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-nation", action="store_true")
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    os.environ.clear()
    os.environ.update(environment())
    work = Path(tempfile.mkdtemp(prefix="plangen-bench-"))
    table = Table()
    start = time.perf_counter()
    try:
        cold_single(table, work)
        province = work / "province"
        tree.write_tree(tree.province_tree(), province)
        tree_build(table, "province", province, work / "province-out", 20)
        incremental(table, province, work / "province-out")
        serial_and_floor(table, province, work / "province-serial")
        growth(table, work)
        if not args.skip_nation:
            nation = work / "nation"
            tree.write_tree(tree.nation_tree(), nation)
            tree_build(table, "nation", nation, work / "nation-out", 300)
        if not args.skip_pdf:
            pdf(table, province, work / "province-out")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nplangen benchmarks, {CORES} core(s), {time.perf_counter() - start:.0f} s in all\n")
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
