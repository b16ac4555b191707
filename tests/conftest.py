"""Shared helpers: sample plans on disk and a way to run the CLI as a user would."""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from generator.commands import main

# The tests keep their own derived-data cache (generator/render/cache.py), never the user's.
os.environ["PLANGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="plangen-test-cache-")
atexit.register(shutil.rmtree, os.environ["PLANGEN_CACHE_DIR"], True)

# Hypothesis: the suite's runs are small and the same every time (derandomized, no example
# database), in CI and locally. `make fuzz` (HYPOTHESIS_PROFILE=fuzz) runs FUZZ_SCALE times as
# many random examples and keeps failures in .hypothesis/ (git-ignored) to replay them.
FUZZ_SCALE = 25
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or "ci"
settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """``max_examples`` for a test that runs ``n`` examples in the suite; many more in `make fuzz`."""
    return n * FUZZ_SCALE if PROFILE == "fuzz" else n


FIXTURES = Path(__file__).parent / "fixtures"
TREE = FIXTURES / "tree"
ROOT = Path(__file__).parent.parent
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


@pytest.fixture
def plans_dir(tmp_path, monkeypatch):
    """A working directory with plans/ holding copies of the sample tree."""
    plans = tmp_path / "plans"
    plans.mkdir()
    for f in TREE.glob("*.yaml"):
        (plans / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return plans


@pytest.fixture
def repo(plans_dir, monkeypatch) -> Path:
    """``plans_dir`` as a git repository with one commit; the working directory is its top."""
    top = plans_dir.parent
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "plans")
    git(top, "commit", "-q", "-m", "first")
    return top


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def run_cli(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def invoke(command, *args: str):
    """Run one click command object as the CLI would."""
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def convert_with_libreoffice(*jobs: tuple[list[Path], Path, str]) -> None:
    """Run LibreOffice conversions at once, each job (files, output folder, target format such
    as "pdf") in a process of its own, and wait for them all.

    A start-up costs seconds, so a test converts all it needs in one call; two jobs of small
    files start up side by side on the two cores the suite is sized for (a batch of large
    plans gains nothing from being split). Each process has a profile of its own (two
    instances sharing one wait on its lock).
    """
    with tempfile.TemporaryDirectory(prefix="plangen-test-lo-") as work:
        runs = [subprocess.Popen(["soffice", f"-env:UserInstallation={Path(work, str(n)).as_uri()}",
                                  "--headless", "--norestore", "--convert-to", to,
                                  "--outdir", str(out_dir), *map(str, files)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                for n, (files, out_dir, to) in enumerate(jobs)]
        for run in runs:
            _, err = run.communicate(timeout=600)
            assert run.returncode == 0, err


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` with a fixed identity and no user configuration."""
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return done.stdout
