"""Spreadsheet exchange: export, fill in as a unit would (openpyxl writes the cells), import
back; LibreOffice reads the workbook; every bad cell is one line naming sheet and cell."""
import csv
import io
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.plan.workspace import load_plan
from generator.track.spreadsheet import COLUMNS, META_SHEET
from generator.track.status import load_status

from .conftest import NAME
from ..conftest import ROOT, convert_with_libreoffice, run_cli

COL = {c.key: n for n, c in enumerate(COLUMNS, 1)}
HEADERS = [c.header for c in COLUMNS]


def export(*args):
    result = run_cli("export", f"plans/{NAME}.yaml", *args)
    assert result.exit_code == 0, result.output
    return result


def rows_by_id(ws):
    return {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}


FILLED = {   # id → (state word, date, result, note, evidence)
    "kh-ksthc-tinh": ("Đã hoàn thành", datetime(2023, 1, 18), "Quyết định số 77/QĐ-UBND", "", "77/QĐ-UBND"),
    "kh-ksthc-so-huyen": ("Đã hoàn thành", "20/02/2023", "Các đơn vị ban hành Kế hoạch", "Chậm 5 ngày", ""),
    "kh-kiem-tra-huyen": ("Đang thực hiện", None, "08/11 huyện\nđã ban hành", "", ""),
    "khao-sat-hoc-tap": ("Không thực hiện", None, "", "Điều chỉnh kinh phí", "1876/UBND-KSTT; 12/TB"),
    "kenh-mang-xa-hoi": ("not_started", None, None, None, None),
}


def fill(ws, values=FILLED):
    where = rows_by_id(ws)
    for task_id, cells in values.items():
        for key, value in zip(("state", "date", "result", "note", "evidence"), cells):
            ws.cell(row=where[task_id], column=COL[key], value=value)


def test_export_fill_import_gives_what_was_filled(project):
    export("-o", "q2.xlsx", "--period", "2023-Q2")
    wb = load_workbook("q2.xlsx")
    assert wb.sheetnames == ["Nhiệm vụ", META_SHEET]
    assert wb[META_SHEET].sheet_state == "hidden"
    ws = wb["Nhiệm vụ"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:N99"
    assert ws.cell(row=2, column=COL["content"]).fill.start_color.rgb == "FFE7E6E6"   # read-only: grey
    assert ws.cell(row=2, column=COL["state"]).fill.fill_type is None
    assert ws.cell(row=2, column=COL["content"]).alignment.wrap_text
    validation = ws.data_validations.dataValidation[0]
    assert validation.formula1 == '"Đã hoàn thành,Đang thực hiện,Chưa thực hiện,Không thực hiện"'
    assert str(validation.sqref) == "J2:J99"
    assert ws.cell(row=2, column=COL["latest"]).value == datetime(2023, 1, 31)
    fill(ws)
    wb.save("q2.xlsx")
    result = run_cli("import-status", "q2.xlsx", "--period", "2023-Q2")
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"wrote status/{NAME}/2023-Q2.yaml "
                             "(2 done, 1 in progress, 1 not started, 1 cancelled)\n")
    status = load_status(project / "status" / NAME / "2023-Q2.yaml", load_plan(f"plans/{NAME}.yaml"))
    assert {i: (e.state, e.date, e.result, e.note, e.evidence) for i, e in status.entries.items()} == {
        "kh-ksthc-tinh": ("done", date(2023, 1, 18), "Quyết định số 77/QĐ-UBND", "", ("77/QĐ-UBND",)),
        "kh-ksthc-so-huyen": ("done", date(2023, 2, 20), "Các đơn vị ban hành Kế hoạch", "Chậm 5 ngày", ()),
        "kh-kiem-tra-huyen": ("in_progress", None, "08/11 huyện\nđã ban hành", "", ()),
        "kenh-mang-xa-hoi": ("not_started", None, "", "", ()),
        "khao-sat-hoc-tap": ("cancelled", None, "", "Điều chỉnh kinh phí", ("1876/UBND-KSTT", "12/TB")),
    }
    assert str(status.as_of) == "2023-06-14"


def test_export_prefills_the_period_and_round_trips_unchanged(project):
    (project / "status" / NAME).mkdir(parents=True)
    shutil.copy(ROOT / "status" / NAME / "2023-Q2.yaml", project / "status" / NAME)
    export("-o", "q2.xlsx", "--period", "2023-Q2", "--by-unit")
    wb = load_workbook("q2.xlsx")
    assert "Văn phòng UBND tỉnh" in wb.sheetnames and len(wb.sheetnames) > 10
    assert all(len(name) <= 31 for name in wb.sheetnames)
    result = run_cli("import-status", "q2.xlsx", "-o", "back.yaml")
    assert result.exit_code == 0, result.output
    plan = load_plan(f"plans/{NAME}.yaml")
    original = load_status(ROOT / "status" / NAME / "2023-Q2.yaml", plan)
    assert dict(load_status(project / "back.yaml", plan).entries) == dict(original.entries)


def test_export_is_the_same_bytes_every_time(project):
    export("-o", "a.xlsx", "--period", "2023-Q1")
    export("-o", "b.xlsx", "--period", "2023-Q1")
    assert (project / "a.xlsx").read_bytes() == (project / "b.xlsx").read_bytes()


def test_csv_both_ways(project):
    export("-o", "q1.csv", "--period", "2023-Q1")
    text = (project / "q1.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADERS and len(rows) == 99
    row = next(r for r in rows if r[0] == "kh-ksthc-so-huyen")
    row[COL["state"] - 1:COL["note"]] = ["Đã hoàn thành", "20/02/2023", "Đã ban hành", ""]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    (project / "q1.csv").write_text(out.getvalue(), encoding="utf-8")
    result = run_cli("import-status", "q1.csv", "--plan", f"plans/{NAME}.yaml", "--period", "2023-Q1")
    assert result.exit_code == 0, result.output
    status = load_status(project / "status" / NAME / "2023-Q1.yaml", load_plan(f"plans/{NAME}.yaml"))
    assert status.entries["kh-ksthc-so-huyen"].date == date(2023, 2, 20)


def test_bad_cells_each_one_line(project):
    export("-o", "q2.xlsx", "--period", "2023-Q2")
    wb = load_workbook("q2.xlsx")
    ws = wb["Nhiệm vụ"]
    where = rows_by_id(ws)
    fill(ws, {"kh-ksthc-tinh": ("Xong", "18/01/2023", "", "", ""),
              "kh-ksthc-so-huyen": ("Đã hoàn thành", None, "x", "", ""),
              "kh-kiem-tra-tinh": ("Đã hoàn thành", "31/02/2023", "", "", ""),
              "kh-kiem-tra-huyen": ("Đã hoàn thành", "2023-07-01", "", "", ""),
              "kh-ra-soat-tinh": (None, None, "Kết quả", "", "")})
    ws.cell(row=where["kh-thi-dua-tinh"], column=COL["content"], value="Nội dung sửa")
    ws.cell(row=where["kh-thi-dua-so-huyen"], column=1, value="kh-thi-dua-so-huyn")
    wb.save("q2.xlsx")
    result = run_cli("import-status", "q2.xlsx")
    sheet = "q2.xlsx:Nhiệm vụ"
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{sheet}!J2: 'Xong' is not a state: choose one of Đã hoàn thành, Đang thực hiện, "
        "Chưa thực hiện, Không thực hiện (task kh-ksthc-tinh)",
        f"{sheet}!K3: a done task needs the date it was done (YYYY-MM-DD) (task kh-ksthc-so-huyen)",
        f"{sheet}!K5: '31/02/2023' is not a date: write it as DD/MM/YYYY, like 14/06/2023 (task kh-kiem-tra-tinh)",
        f"{sheet}!K6: the date 2023-07-01 is after as_of 2023-06-14: a status says what was done by then "
        "(task kh-kiem-tra-huyen)",
        f"{sheet}!J7: the row has a date, result or note but no state: choose one from the list (task kh-ra-soat-tinh)",
        f"{sheet}!E9: warning: the column 'Nội dung' is read-only: the change is ignored (task kh-thi-dua-tinh)",
        f"{sheet}!A10: unknown task id 'kh-thi-dua-so-huyn': the plan has no such task; "
        "did you mean 'kh-thi-dua-so-huyen'?",
    ]
    assert not (project / "status").exists()


def test_only_the_status_cells_take_typing(project):
    """The sheet is protected (no password), the status columns unlocked, the plan's locked;
    widths, heights and filters stay free."""
    export("-o", "q2.xlsx", "--period", "2023-Q2", "--by-unit")
    wb = load_workbook("q2.xlsx")
    for ws in (s for s in wb.worksheets if s.title != META_SHEET):
        assert ws.protection.sheet and not ws.protection.password
        assert not (ws.protection.formatColumns or ws.protection.formatRows or ws.protection.autoFilter)
        for column in COLUMNS:
            locked = {ws.cell(row=r, column=COL[column.key]).protection.locked
                      for r in range(2, ws.max_row + 1)}
            assert locked == {not column.editable}, column.key


def test_a_read_only_edit_is_a_warning_only(project):
    export("-o", "q2.xlsx", "--period", "2023-Q2")
    wb = load_workbook("q2.xlsx")
    ws = wb["Nhiệm vụ"]
    ws.cell(row=2, column=COL["lead"], value="Sở Nội vụ")
    fill(ws, {"kh-ksthc-tinh": ("Đã hoàn thành", datetime(2023, 1, 18), "", "", "")})
    wb.save("q2.xlsx")
    result = run_cli("import-status", "q2.xlsx")
    assert result.exit_code == 0
    assert result.stderr == ("q2.xlsx:Nhiệm vụ!F2: warning: the column 'Cơ quan chủ trì' is read-only: "
                             "the change is ignored (task kh-ksthc-tinh)\n")


def test_a_deleted_or_renamed_column_is_one_line(project):
    export("-o", "q2.xlsx", "--period", "2023-Q2")
    wb = load_workbook("q2.xlsx")
    wb["Nhiệm vụ"].cell(row=1, column=COL["state"], value="Trạng thái")
    wb.save("renamed.xlsx")
    wb = load_workbook("q2.xlsx")
    wb["Nhiệm vụ"].delete_cols(COL["note"])
    wb.save("deleted.xlsx")
    renamed = run_cli("import-status", "renamed.xlsx")
    deleted = run_cli("import-status", "deleted.xlsx")
    assert (renamed.exit_code, renamed.stderr) == (1, "renamed.xlsx:Nhiệm vụ!J1: the column 'Tình trạng' was "
                                                      "renamed 'Trạng thái': put its header back as 'Tình trạng'\n")
    assert (deleted.exit_code, deleted.stderr) == (1, "deleted.xlsx:Nhiệm vụ!1:1: the column 'Ghi chú' is "
                                                      "missing (deleted?): export the sheet again, or put the "
                                                      "column back with the header 'Ghi chú'\n")


def test_a_workbook_of_another_plan_is_one_line(project):
    shutil.copy(ROOT / "plans" / "an-giang-2024.yaml", project / "plans")
    run_cli("export", "plans/an-giang-2024.yaml", "-o", "other.xlsx")
    result = run_cli("import-status", "other.xlsx", "--plan", f"plans/{NAME}.yaml", "--period", "2023-Q2")
    assert (result.exit_code, result.stderr) == (
        1, "other.xlsx: this workbook was exported from plan 'an-giang-2024', not 'an-giang-2023': "
           "import it for its own plan\n")
    wb = load_workbook("other.xlsx")            # without its hidden sheet: known by its ids
    del wb[META_SHEET]
    for r in range(2, wb.active.max_row + 1):
        wb.active.cell(row=r, column=1, value=f"x-{r}")
    wb.save("other.xlsx")
    result = run_cli("import-status", "other.xlsx", "--plan", f"plans/{NAME}.yaml", "--period", "2023-Q2")
    assert (result.exit_code, result.stderr) == (
        1, "other.xlsx:Nhiệm vụ: none of the 94 task ids of this sheet is a task of plan an-giang-2023: "
           "is it a sheet of another plan?\n")


def test_not_a_workbook_is_one_line(project):
    (project / "x.xlsx").write_text("hello", encoding="utf-8")
    result = run_cli("import-status", "x.xlsx", "--plan", f"plans/{NAME}.yaml", "--period", "2023-Q2")
    assert (result.exit_code, result.stderr) == (
        1, "x.xlsx: not an XLSX workbook (save it as Excel .xlsx, or give a .csv)\n")


def _has_calc() -> bool:
    """LibreOffice with its spreadsheet part (Calc): Writer alone cannot open a workbook."""
    soffice = shutil.which("soffice")
    return soffice is not None and (Path(soffice).resolve().parent / "libsclo.so").exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(not _has_calc(), reason="LibreOffice Calc (libreoffice-calc) is missing")
def test_libreoffice_reads_the_workbook(project):
    """LibreOffice converts the first sheet to CSV: the same table as plangen's own CSV; and a
    workbook LibreOffice saved again (as a unit using it would) imports to the same status."""
    (project / "status" / NAME).mkdir(parents=True)
    shutil.copy(ROOT / "status" / NAME / "2023-Q2.yaml", project / "status" / NAME)
    export("-o", "q2.xlsx", "--period", "2023-Q2")
    export("-o", "units.xlsx", "--period", "2023-Q2", "--by-unit")
    export("-o", "mine.csv", "--period", "2023-Q2")
    convert_with_libreoffice(([project / "q2.xlsx"], project / "csv", "csv:Text - txt - csv (StarCalc):44,34,76"),
                             ([project / "units.xlsx"], project / "saved", "xlsx:Calc MS Excel 2007 XML"))
    theirs = list(csv.reader(io.StringIO((project / "csv" / "q2.csv").read_text(encoding="utf-8"))))
    mine = list(csv.reader(io.StringIO((project / "mine.csv").read_text(encoding="utf-8-sig"))))
    assert len(theirs) == 99
    assert theirs == mine
    result = run_cli("import-status", "saved/units.xlsx", "-o", "back.yaml")
    assert (result.exit_code, result.stderr) == (0, "")          # no cell reads as changed
    plan = load_plan(f"plans/{NAME}.yaml")
    original = load_status(ROOT / "status" / NAME / "2023-Q2.yaml", plan)
    back = load_status(project / "back.yaml", plan)
    assert (dict(back.entries), back.as_of) == (dict(original.entries), original.as_of)


def test_without_a_period_import_asks_for_one(project):
    export("-o", "blank.xlsx")
    wb = load_workbook("blank.xlsx")
    assert wb["Nhiệm vụ"].cell(row=2, column=COL["state"]).value is None
    fill(wb["Nhiệm vụ"], {"kh-ksthc-tinh": ("Đã hoàn thành", "18/01/2023", "", "", "")})
    wb.save("blank.xlsx")
    result = run_cli("import-status", "blank.xlsx")
    assert (result.exit_code, result.stderr) == (
        2, "blank.xlsx: give --period (the file does not say which period it is of)\n")
    result = run_cli("import-status", "blank.xlsx", "--period", "2023-Q1")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote status/{NAME}/2023-Q1.yaml (1 done)\n"


def test_one_row_per_task_across_sheets(project):
    export("-o", "units.xlsx", "--period", "2023-Q2", "--by-unit")
    wb = load_workbook("units.xlsx")
    first, second = wb.worksheets[0], wb.worksheets[1]
    moved = first.cell(row=2, column=1).value
    second.cell(row=second.max_row + 1, column=1, value=moved)
    second.cell(row=second.max_row, column=COL["state"], value="Đang thực hiện")
    wb.save("units.xlsx")
    result = run_cli("import-status", "units.xlsx")
    assert result.exit_code == 1
    assert result.stderr == (f"units.xlsx:{second.title}!A{second.max_row}: task '{moved}' is also at "
                             f"units.xlsx:{first.title}!A2: keep one row per task (task {moved})\n")


def test_by_unit_needs_xlsx(project):
    result = run_cli("export", f"plans/{NAME}.yaml", "-o", "x.csv", "--by-unit")
    assert (result.exit_code, result.stderr) == (2, "--by-unit needs the xlsx format: a CSV file has one sheet\n")


def test_a_bad_csv_cell_is_file_line_col(project):
    export("-o", "q1.csv", "--period", "2023-Q1")
    rows = list(csv.reader(io.StringIO((project / "q1.csv").read_text(encoding="utf-8-sig"))))
    rows[1][COL["state"] - 1] = "Hoàn thành"
    rows[1][COL["date"] - 1] = "2023-01-18"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)          # as a spreadsheet set to ';' saves it
    (project / "q1.csv").write_text(out.getvalue(), encoding="utf-8")
    result = run_cli("import-status", "q1.csv", "--plan", f"plans/{NAME}.yaml", "--period", "2023-Q1")
    assert (result.exit_code, result.stderr) == (
        1, "q1.csv:2:10: 'Hoàn thành' is not a state: choose one of Đã hoàn thành, Đang thực hiện, "
           "Chưa thực hiện, Không thực hiện; did you mean 'Đã hoàn thành'? (task kh-ksthc-tinh)\n")
