"""Generated valid plans: each renders, opens, and shows every task's text."""
import io
import shutil
import subprocess
import unicodedata
from datetime import date

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.plan import deadlines
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan

from ..conftest import convert_with_libreoffice, examples

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
TEXT = st.text(alphabet=LETTERS + "0123456789 ,.;:()/-&<>'\"\u0300\u0301\u0303\u0309\u0323",
               min_size=1, max_size=120).map(lambda s: unicodedata.normalize("NFC", s).strip()).filter(bool)
LONG = st.text(alphabet=LETTERS + " ", min_size=400, max_size=1500).map(str.strip).filter(bool)
# A unit's name opens with a word, as real ones do, short enough to stay on one line of its
# cell: the PDF shows that word whole, whatever the rest of the name wraps into.
WORD = st.text(alphabet=LETTERS, min_size=4, max_size=8)
NAME = st.tuples(WORD, st.none() | TEXT).map(lambda p: " ".join(filter(None, p)))


def _words_only(text: str) -> bool:
    """Whether ``text`` is a deadline in words: no form of deadlines.parse claims it (a form's
    opening left incomplete, e.g. "quý", is an error of the plan, not a deadline in words)."""
    try:
        return deadlines.parse(text, 2023).kind == "text"
    except deadlines.DeadlineError:
        return False


DAYS = st.dates(min_value=date(2023, 1, 1), max_value=date(2023, 12, 31))
DEADLINES = st.one_of(
    DAYS.map(lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}"),
    DAYS.map(lambda d: f"Trước ngày {d.day}/{d.month}/{d.year}"),
    st.integers(1, 12).map(lambda m: f"Tháng {m:02d}/2023"),
    st.sampled_from(["Quý I/2023", "Quý II, III/2023", "Quý IV năm 2023", "Năm 2023", "Hàng tháng",
                     "Ngày 05 hàng tháng", "Thường xuyên", "Theo yêu cầu"]),
    TEXT.filter(_words_only))
COLUMNS = [("stt", "Stt", 12), ("stt2", "Stt2", 12), ("content", "Nội dung", 70),
           ("lead", "Cơ quan chủ trì", 30), ("coordinating", "Cơ quan phối hợp", 30),
           ("deadline", "Thời gian hoàn thành", 28), ("result", "Kết quả thực hiện", 40),
           ("note", "Ghi chú", 30)]


@st.composite
def plans(draw):
    units = {f"u{n}": draw(NAME) for n in range(draw(st.integers(1, 5)))}
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


def _render(folder, data):
    path = folder / "gen.yaml"
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


@settings(max_examples=examples(15), **SETTINGS)
@given(data=plans())
def test_generated_plan_renders_with_every_task_text(tmp_path, data):
    loaded, blob = _render(tmp_path, data)
    text = _texts(blob)
    for task in loaded.model.tasks():
        for paragraph in task.cell("content") + task.cell("lead") + task.cell("deadline"):
            assert paragraph in text, (task.id, paragraph)


@pytest.fixture(scope="module")
def generated_plans(tmp_path_factory):
    """Several generated plans, drawn once: LibreOffice converts them all in one start-up."""
    drawn = []

    @settings(max_examples=examples(4), **SETTINGS)
    @given(data=plans())
    def draw(data):
        drawn.append(data)

    draw()
    rendered = []
    for n, data in enumerate(drawn):
        folder = tmp_path_factory.mktemp("generated")
        loaded, blob = _render(folder, data)
        (folder / f"gen{n}.docx").write_bytes(blob)
        rendered.append((folder / f"gen{n}.docx", loaded.model, data))
    return rendered


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext")
def test_libreoffice_opens_generated_plans(generated_plans, tmp_path):
    files = [path for path, _, _ in generated_plans]
    convert_with_libreoffice((files[0::2], tmp_path, "pdf"), (files[1::2], tmp_path, "pdf"))
    for path, model, data in generated_plans:
        pdf_text = subprocess.run(["pdftotext", str(tmp_path / f"{path.stem}.pdf"), "-"], capture_output=True,
                                  text=True, check=True).stdout
        shown = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        assert "KẾ HOẠCH" in pdf_text and "PHỤ LỤC" in pdf_text, shown
        for task in (next(model.tasks()), list(model.tasks())[-1]):
            word = task.cell("lead")[0].split()[0]
            assert word in unicodedata.normalize("NFC", pdf_text), (word, shown)
