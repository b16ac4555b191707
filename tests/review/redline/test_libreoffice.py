"""The redline of the Sở Xây dựng plan against the province plan, as LibreOffice reads it."""
from __future__ import annotations

import pytest

from generator.commands.review import redline_command

from .conftest import PLANS, invoke, needs_soffice, to_odt, tracked_changes

pytestmark = [pytest.mark.libreoffice, needs_soffice]


@pytest.fixture(scope="module")
def changes(tmp_path_factory):
    work = tmp_path_factory.mktemp("redline")
    target = work / "sxd.redline.docx"
    result = invoke(redline_command, str(PLANS / "an-giang-2023.yaml"),
                    str(PLANS / "an-giang-so-xay-dung-2023.yaml"), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return tracked_changes(to_odt(target, work))


def test_libreoffice_lists_the_changes_by_plangen(changes):
    deleted, inserted, authors = changes
    assert len(deleted) > 100 and len(inserted) > 50
    assert set(authors) == {"plangen"}


def test_a_reworded_paragraph_shows_the_old_and_the_new_words(changes):
    deleted, inserted, _ = changes
    # nd-truyen-thong: "Công tác truyền thông …" became "Tổ chức truyền thông …"
    assert "Công tác" in deleted and "Tổ chức" in inserted


def test_a_changed_cell_shows_the_old_and_the_new_lead(changes):
    deleted, inserted, _ = changes
    assert "UBND tỉnh" in deleted and "Sở" in inserted          # Văn phòng UBND tỉnh → Văn phòng Sở
    assert any("Các phòng chuyên môn thuộc sở" in text for text in inserted)


def test_a_dropped_task_is_kept_in_place_as_deleted(changes):
    deleted, _, _ = changes
    assert "Kế hoạch Tổ chức hoạt động kiểm soát thủ tục hành chính năm 2023" in deleted
    assert "Kế hoạch kiểm tra việc thực hiện hoạt động kiểm soát thủ tục hành chính" \
        in " ".join(deleted)


def test_the_province_decision_is_deleted_and_the_departments_closing_inserted(changes):
    deleted, inserted, _ = changes
    assert "Số: 77/QĐ-UBND" in deleted
    assert any("Nguyễn Quốc Cường" in text for text in inserted)
