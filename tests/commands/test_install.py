"""``pip install .`` gives a plangen that works away from the checkout.

The Word template and the JSON Schema live in the repository's templates/ and schema/; the
wheel carries them as package data (pyproject.toml), found through the import system
(generator/resources.py). The wheel is built and installed into a new virtual environment,
then its ``plangen`` runs in a folder that holds nothing but plans/.
"""
from __future__ import annotations

import importlib.resources
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest

from generator.resources import JSON_SCHEMA, TEMPLATE
from generator.review.docx_text import docx_text

from ..conftest import ROOT, TREE, run_cli

DATA_PACKAGES = {"generator.templates": "templates", "generator.schema": "schema"}


def test_the_wheel_lists_every_package():
    """pyproject.toml names the packages one by one (a data package cannot be found by
    setuptools' discovery), so a new subpackage of generator/ must be added there."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {".".join(init.parent.relative_to(ROOT).parts)
             for init in (ROOT / "generator").rglob("__init__.py")}
    assert set(setuptools["packages"]) == found | set(DATA_PACKAGES)
    assert setuptools["package-dir"] == DATA_PACKAGES


def test_the_checkout_reads_its_files_through_the_data_packages():
    """In the editable install the data packages are the repository's own folders."""
    assert Path(importlib.resources.files("generator.templates")) == ROOT / "templates"
    assert Path(importlib.resources.files("generator.schema")) == ROOT / "schema"
    assert TEMPLATE == ROOT / "templates" / "plan.docx"
    assert JSON_SCHEMA == ROOT / "schema" / "plan.schema.json"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The ``bin`` folder of a new virtual environment with the wheel of this checkout installed.

    The wheel is built from a copy of the sources (the build writes build/ and *.egg-info
    beside them) with this environment's setuptools, offline. The libraries plangen needs are
    this environment's, seen through a .pth file as --system-site-packages would show the
    system's; plangen itself comes only from the wheel.
    """
    top = tmp_path_factory.mktemp("install")
    src = top / "src"
    src.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", src)
    for folder in ("generator", "templates", "schema"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    try:
        venv.create(top / "venv", with_pip=False)
    except (OSError, subprocess.CalledProcessError) as e:
        pytest.skip(f"cannot create a virtual environment: {e}")
    python = top / "venv" / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", top / "dist", src],
                   check=True, capture_output=True)
    wheel, = (top / "dist").glob("plangen-*.whl")
    subprocess.run([*pip, "--python", python, "install", "--no-deps", "--no-index", wheel],
                   check=True, capture_output=True)
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    Path(site, "test-libraries.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    return python.parent


def plangen(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run([bin_dir / "plangen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8")


@pytest.fixture
def work(tmp_path) -> Path:
    """A folder away from the checkout holding plans/ with the sample tree, and nothing else."""
    (tmp_path / "plans").mkdir()
    for plan in TREE.glob("*.yaml"):
        shutil.copy2(plan, tmp_path / "plans" / plan.name)
    return tmp_path


def test_an_installed_plangen_builds_validates_diffs_and_checks(installed, work, tmp_path_factory,
                                                                monkeypatch):
    origin = subprocess.run([installed / "python", "-c", "import generator; print(generator.__file__)"],
                            cwd=work, capture_output=True, text=True, check=True).stdout
    assert Path(origin).is_relative_to(installed.parent), origin

    built = plangen(installed, work, "build")
    assert built.returncode == 0, built.stderr
    department = work / "output" / "department.docx"
    text = docx_text(department)
    assert "SỞ XÂY DỰNG" in text and "Một mục mới của Sở." in text
    assert "KẾ HOẠCH" in text and "{{" not in text

    # The same bytes as the checkout builds: the packaged template is the repository's.
    monkeypatch.chdir(work)
    here = tmp_path_factory.mktemp("checkout-build")
    assert run_cli("build", "-o", str(here)).exit_code == 0
    for name in ("department.docx", "province.docx"):
        assert (work / "output" / name).read_bytes() == (here / name).read_bytes(), name

    validated = plangen(installed, work, "validate")
    assert validated.returncode == 0, validated.stderr
    assert "2 of 2 plan(s) valid" in validated.stdout

    diffed = plangen(installed, work, "diff", "plans/province.yaml", "plans/department.yaml")
    assert diffed.returncode == 1, diffed.stderr
    assert "Một mục mới của Sở." in diffed.stdout

    checked = plangen(installed, work, "check", "output/department.docx", "output/province.docx")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_an_installed_plangen_names_a_schema_that_exists(installed, work):
    """``plangen new`` names the plans' repository's schema/ when there is one, else the
    schema installed with plangen: either way a file the editor can open."""
    made = plangen(installed, work, "new", "--extends", "plans/department.yaml",
                   "--issuer", "Phòng Tư pháp", "-o", "plans/child.yaml")
    assert made.returncode == 0, made.stderr
    first = (work / "plans" / "child.yaml").read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    named = (work / "plans" / first.removeprefix(prefix)).resolve()
    assert named.is_relative_to(installed.parent) and named.name == "plan.schema.json"
    assert named.read_bytes() == JSON_SCHEMA.read_bytes()

    (work / "schema").mkdir()
    shutil.copy2(JSON_SCHEMA, work / "schema")
    made = plangen(installed, work, "new", "--extends", "plans/department.yaml",
                   "--issuer", "Phòng Tư pháp", "-o", "plans/child.yaml", "--force")
    assert made.returncode == 0, made.stderr
    first = (work / "plans" / "child.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == prefix + "../schema/plan.schema.json"


def readme_block(title: str) -> list[str]:
    """The command lines of README.md's code block after the line ``title``."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(title) + 3               # a blank line, then the fence
    assert lines[start - 1].startswith("```"), lines[start - 1]
    return lines[start:lines.index("```", start)]


def test_the_readme_quick_start_runs_as_written(installed, work):
    """The Linux block, in a folder holding only plans/: the venv and ``pip install .`` are
    what the ``installed`` fixture made (this checkout's wheel in a new venv, placed at .venv);
    each ``plangen`` line runs exactly as typed. The Windows block is the same commands
    (.ci/quickstart runs the whole Linux block with the real pip in a fresh clone)."""
    linux = readme_block("Linux and macOS:")
    assert linux[:2] == ["python3 -m venv .venv", ".venv/bin/pip install ."]
    windows = readme_block("Windows (PowerShell or cmd, no `make` needed):")
    assert windows == [line.replace("python3 -m", "py -m").replace(".venv/bin/", ".venv\\Scripts\\")
                       for line in linux]
    (work / ".venv").symlink_to(installed.parent, target_is_directory=True)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    for line in linux[2:]:
        assert line.startswith(".venv/bin/plangen ")
        done = subprocess.run(line, shell=True, cwd=work, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{line}: {done.stderr}"
    assert sorted(p.name for p in (work / "output").glob("*.docx")) == \
        sorted(f"{p.stem}.docx" for p in (work / "plans").glob("*.yaml"))


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_build_installs_only_what_building_needs():
    """`make build` installs plangen alone; the test tools come with `make test` (dry runs)."""
    def dry(target: str) -> str:
        return subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout
    build, test = dry("build"), dry("test")
    assert "pip install" in build and " -e .\n" in build and "[test]" not in build
    assert "pip install" in test and "-e '.[test]'" in test
