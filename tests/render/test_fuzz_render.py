"""Generated valid plans: each renders, opens, and shows every task's text."""
import io
import shutil
import subprocess
import unicodedata
import zipfile

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.plan.workspace import Workspace
from generator.render import render_plan

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
TEXT = st.text(alphabet=LETTERS + "0123456789 ,.;:()/-&<>'\"\u0300\u0301\u0303\u0309\u0323",
               min_size=1, max_size=120).map(lambda s: unicodedata.normalize("NFC", s).strip()).filter(bool)
LONG = st.text(alphabet=LETTERS + " ", min_size=400, max_size=1500).map(str.strip).filter(bool)
DEADLINES = st.sampled_from(["15/02/2023", "Trước ngày 05/9/2023", "Tháng 01/2023", "Quý II, III/2023",
                             "Năm 2023", "Hàng tháng", "Thường xuyên", "Theo yêu cầu"]) | TEXT
COLUMNS = [("stt", "Stt", 12), ("stt2", "Stt2", 12), ("content", "Nội dung", 70),
           ("lead", "Cơ quan chủ trì", 30), ("coordinating", "Cơ quan phối hợp", 30),
           ("deadline", "Thời gian hoàn thành", 28), ("result", "Kết quả thực hiện", 40),
           ("note", "Ghi chú", 30)]


@st.composite
def plans(draw):
    units = {f"u{n}": draw(TEXT) for n in range(draw(st.integers(1, 5)))}
    counter = iter(range(10_000))

    def task():
        t = {"id": f"t{next(counter)}", "content": draw(st.one_of(TEXT, LONG, st.lists(TEXT, min_size=1, max_size=3))),
             "lead": draw(st.lists(st.sampled_from(sorted(units)), min_size=1, max_size=2, unique=True)),
             "deadline": draw(DEADLINES)}
        if draw(st.booleans()):
            t["result"] = draw(TEXT)
        return t

    parts = []
    for p in range(draw(st.integers(1, 6))):
        groups = [{"id": f"g{p}-{g}", "title": draw(TEXT), "tasks": [task() for _ in range(draw(st.integers(1, 4)))]}
                  for g in range(draw(st.integers(0, 3)))]
        part = {"id": f"p{p}", "title": draw(TEXT), "groups": groups}
        if not groups or draw(st.booleans()):
            part["tasks"] = [task() for _ in range(draw(st.integers(1, 3)))]
        parts.append(part)
    return {
        "year": 2023,
        "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ " + draw(TEXT).upper()], "full": "Ủy ban nhân dân xã A",
                   "abbr": "UBND", "place": draw(TEXT)},
        "document": {"number": str(draw(st.integers(1, 999))), "date": "2023-02-06"},
        "units": units,
        "plan": {"title": draw(TEXT), "preamble": [draw(TEXT)],
                 "sections": [{"id": "s1", "heading": "MỤC ĐÍCH, YÊU CẦU",
                               "paragraphs": [{"kind": "bullet", "text": draw(TEXT)}]}]},
        "appendix": {"title": draw(TEXT), "layout": "l8",
                     "layouts": {"l8": {"columns": [{"field": f, "label": l, "width": w} for f, l, w in COLUMNS]}},
                     "parts": parts},
        "signature": {"lines": ["CHỦ TỊCH"], "name": draw(TEXT)},
        "recipients": [draw(TEXT)],
    }


def _render(tmp_path, data):
    path = tmp_path / "gen.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = Workspace().load(path)
    return loaded, render_plan(loaded.model)


def _texts(blob: bytes) -> str:
    document = docx.Document(io.BytesIO(blob))
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += [p.text for p in cell.paragraphs]
    return "\n".join(paragraphs)


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                      HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=40, **SETTINGS)
@given(data=plans())
def test_generated_plan_renders_with_every_task_text(tmp_path, data):
    loaded, blob = _render(tmp_path, data)
    text = _texts(blob)
    for task in loaded.model.tasks():
        for paragraph in task.cell("content") + task.cell("lead") + task.cell("deadline"):
            assert paragraph in text, (task.id, paragraph)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext")
@settings(max_examples=3, **SETTINGS)
@given(data=plans())
def test_libreoffice_opens_generated_plans(tmp_path, data):
    loaded, blob = _render(tmp_path, data)
    (tmp_path / "gen.docx").write_bytes(blob)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "gen.docx")],
                   check=True, capture_output=True, timeout=180)
    pdf_text = subprocess.run(["pdftotext", str(tmp_path / "gen.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
    assert "KẾ HOẠCH" in pdf_text and "PHỤ LỤC" in pdf_text
    first = next(loaded.model.tasks()).cell("lead")[0]
    assert "".join(first.split())[:8] in "".join(pdf_text.split())  # cells wrap long words
