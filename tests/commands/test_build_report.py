"""What a build prints: plain lines without a terminal, a bar with one, a summary either way."""
from __future__ import annotations

from pathlib import Path

from generator.build.run import Summary
from generator.commands.build import Reporter, summary_line
from generator.build.worker import Job, Result
from generator.errors import Pos, Problem

from ..build.conftest import tree  # noqa: F401  (the fixture)
from ..conftest import run_cli

JOB = Job(Path("/p/x.yaml"), Path("plans/x.yaml"), Path("output/x.docx"))


def test_plain_lines_and_a_summary_without_a_terminal(tree):
    result = run_cli("build", "plans")
    lines = result.output.splitlines()
    assert sum(line.startswith("wrote output/") for line in lines) == len(tree)
    assert lines[-1].startswith(f"built {len(tree)}, up to date 0, failed 0 (")


def test_a_terminal_gets_a_bar_and_the_problems_after_it(capsys):
    reporter = Reporter(tty=True)
    reporter.started(2, 0)
    broken = Result(JOB, [Problem(Pos("plans/x.yaml", 3, 5), "unknown unit 'nobody'", "t1")])
    reporter.built(broken)
    assert "unknown unit" not in capsys.readouterr().err       # held back while the bar runs
    summary = Summary(results=[broken], seconds=1.5)
    reporter.summary(summary)
    err = capsys.readouterr().err
    assert "plans/x.yaml:3:5: unknown unit 'nobody' (task t1)" in err
    assert err.rstrip().endswith("built 0, up to date 0, failed 1 (1.50 s)")


def test_summary_lines():
    assert summary_line(Summary(seconds=0.2)) == "up to date: 0 plan(s), nothing to build (0.20 s)"
    stopped = Summary(results=[Result(JOB)], not_built=[JOB, JOB], seconds=1)
    assert "stopped at the first failure, 2 plan(s) not built" in summary_line(stopped)


def test_a_pseudo_terminal_shows_the_bar_naming_each_plan_and_no_early_eta(tree):
    """The real CLI on a pseudo-terminal: each redraw names the plan just built; no ETA is
    drawn before ETA_AFTER plans are done (it would be a guess)."""
    import os
    import pty
    import re
    import subprocess
    import sys
    from generator.commands.build import ETA_AFTER
    master, slave = pty.openpty()
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "plans", "-j", "1"],
                            stdout=slave, stderr=slave, cwd=Path.cwd(),
                            env={**os.environ, "PYTHONPATH": str(root), "COLUMNS": "200"})
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait() == 0
    os.close(master)
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))
    redraws = [r for r in re.split(r"[\r\n]", screen) if r.startswith("building ")]
    named = {name for name in tree if any(f"plans/{name}.yaml" in r for r in redraws)}
    assert named == set(tree)
    clock = re.compile(r"\d{2}:\d{2}:\d{2}")
    early = [r for r in redraws if (m := re.search(r"(\d+)/\d+", r)) and int(m[1]) < ETA_AFTER]
    assert early and not any(clock.search(r) for r in early)
