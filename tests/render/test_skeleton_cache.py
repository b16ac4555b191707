"""The template skeleton kept in the user's cache: a warm start renders the same bytes without
importing python-docx, docxtpl or Jinja, a template with Jinja logic is rendered per plan,
and a broken entry costs only the work again."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

from generator.render.compose import DEFAULT_TEMPLATE

from .docx_xml import Docx

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "plans" / "an-giang-2023.yaml"
RENDER = """
import sys
from pathlib import Path
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan
data = render_plan(Workspace().load(Path(sys.argv[1])).model, sys.argv[2])
Path(sys.argv[3]).write_bytes(data)
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"docx", "docxtpl", "jinja2", "lxml"})
print(",".join(heavy))
"""


def render(cache: str, out: Path, template: Path = DEFAULT_TEMPLATE) -> str:
    """Render PLAN in a new process with PLANGEN_CACHE_DIR=``cache``; the heavy modules it
    imported."""
    env = {**os.environ, "PLANGEN_CACHE_DIR": cache}
    run = subprocess.run([sys.executable, "-c", RENDER, str(PLAN), str(template), str(out)],
                         env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return run.stdout.strip()


def test_a_warm_start_imports_no_docx_library_and_gives_the_same_bytes(tmp_path):
    """Not even lxml: the section properties of both pages are kept in the skeleton."""
    cache = tmp_path / "cache"
    assert render(str(cache), tmp_path / "cold.docx") == "docx,docxtpl,jinja2,lxml"
    assert len(list(cache.glob("skeleton-*.json"))) == 1
    assert render(str(cache), tmp_path / "warm.docx") == ""
    assert render("", tmp_path / "off.docx") == "docx,docxtpl,jinja2,lxml"
    assert not any(p.name.startswith("skeleton-") for p in tmp_path.iterdir())
    cold, warm, off = ((tmp_path / f"{n}.docx").read_bytes() for n in ("cold", "warm", "off"))
    assert warm == cold == off


def test_a_broken_entry_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    render(str(cache), tmp_path / "first.docx")
    entry = next(cache.glob("skeleton-*.json"))
    entry.write_text(json.dumps({"values_only": True, "skeleton": {
        "members": {"word/document.xml": ["not base64!"]}, "section_xml": ""}}), encoding="utf-8")
    render(str(cache), tmp_path / "again.docx")
    assert (tmp_path / "again.docx").read_bytes() == (tmp_path / "first.docx").read_bytes()
    data = json.loads(entry.read_text(encoding="utf-8"))
    del data["skeleton"]["sections"]               # an entry from before sections were kept
    entry.write_text(json.dumps(data), encoding="utf-8")
    render(str(cache), tmp_path / "older.docx")
    assert (tmp_path / "older.docx").read_bytes() == (tmp_path / "first.docx").read_bytes()
    assert "sections" in json.loads(entry.read_text(encoding="utf-8"))["skeleton"]
    entry.write_text("{ truncated", encoding="utf-8")
    render(str(cache), tmp_path / "third.docx")
    assert (tmp_path / "third.docx").read_bytes() == (tmp_path / "first.docx").read_bytes()


def test_a_restyled_template_has_its_own_entry(tmp_path):
    cache = tmp_path / "cache"
    template = Document(str(DEFAULT_TEMPLATE))
    template.styles["Plan Body"].font.size = Pt(13)
    restyled = tmp_path / "restyled.docx"
    template.save(str(restyled))
    render(str(cache), tmp_path / "default.docx")
    render(str(cache), tmp_path / "restyled-out.docx", restyled)
    assert len(list(cache.glob("skeleton-*.json"))) == 2
    assert (tmp_path / "default.docx").read_bytes() != (tmp_path / "restyled-out.docx").read_bytes()
    assert render(str(cache), tmp_path / "again.docx", restyled) == ""
    assert (tmp_path / "again.docx").read_bytes() == (tmp_path / "restyled-out.docx").read_bytes()


def test_a_template_with_jinja_logic_is_remembered_as_such_and_rendered_each_time(tmp_path):
    cache = tmp_path / "cache"
    template = Document(str(DEFAULT_TEMPLATE))
    template.paragraphs[3].text = "{% if appendix %}Có phụ lục{% endif %}"
    logic = tmp_path / "logic.docx"
    template.save(str(logic))
    assert render(str(cache), tmp_path / "cold.docx", logic) == "docx,docxtpl,jinja2,lxml"
    entry = next(cache.glob("skeleton-*.json"))
    assert json.loads(entry.read_text(encoding="utf-8")) == {"values_only": False,
                                                             "skeleton": None}
    assert render(str(cache), tmp_path / "warm.docx", logic) == "docx,docxtpl,jinja2,lxml"
    assert (tmp_path / "warm.docx").read_bytes() == (tmp_path / "cold.docx").read_bytes()
    warm = Docx((tmp_path / "warm.docx").read_bytes())
    assert "Có phụ lục" in warm.text(warm.body)


BUILD = """
import sys
from generator.commands import main
try:
    main(["build", sys.argv[1], "--force", "-o", sys.argv[2]])
except SystemExit:
    pass
print("lxml" in sys.modules)
"""


def test_a_warm_build_command_loads_no_lxml(tmp_path):
    """The whole ``plangen build`` of a plan from a cached skeleton writes markup only."""
    env = {**os.environ, "PLANGEN_CACHE_DIR": str(tmp_path / "cache")}
    loaded = [subprocess.run([sys.executable, "-c", BUILD, str(PLAN), str(tmp_path / "out")],
                             env=env, cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()[-1] for _ in range(2)]
    assert loaded == ["True", "False"]
    assert (tmp_path / "out" / "an-giang-2023.docx").exists()
