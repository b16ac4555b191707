"""From YAML to DOCX, text comes out exactly as written: escaped once, evaluated once."""
import io

import docx

from generator.plan.workspace import Workspace
from generator.render.compose import render_plan

from ..conftest import TREE, edit


def test_markup_and_placeholder_syntax_in_values_come_out_literally(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text((TREE / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    edit(plan, '  ubnd_huyen: "UBND cấp huyện"', '''  ubnd_huyen: "UBND {{ '{{ year }}' }} & <b>huyện</b>"''')
    edit(plan, 'content: "Kiểm tra việc thực hiện"', 'content: "A & B < C > D; {{ units.ubnd_huyen }}"')
    document = docx.Document(io.BytesIO(render_plan(Workspace().load(plan).model)))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "A & B < C > D; UBND {{ year }} & <b>huyện</b>" in cells
    assert "Sở, ban, ngành tỉnh; UBND {{ year }} & <b>huyện</b>" in cells   # kh-tinh: coordinating
