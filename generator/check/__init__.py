"""Conformance checker for the layout rules of Decree 30/2020/NĐ-CP (Appendix I of the decree).

``check_docx(path)`` reads any DOCX straight from its XML (no python-docx) and returns
findings (``plangen check`` prints them). Rule ids, in order:

page           every section A4 (±20 twips, either way round), margins top/bottom 20–25 mm,
               left 30–35, right 15–20; a landscape section may also carry them rotated
fonts          Times New Roman in the ascii, hAnsi, eastAsia and cs slots of every text run
header-table   the first element is a borderless two-column table: agency, "Số:", national
               title, motto, place and date, with drawn rules under agency and motto
title          "QUYẾT ĐỊNH" / "KẾ HOẠCH" / "BÁO CÁO" centred, bold, 13–14 pt
legal-bases    "Căn cứ …" before "Điều 1." / "I." italic 13–14 pt; a decision must have some
body           running text 13–14 pt, justified, 1 or 1.27 cm indent, ≥ 6 pt gap, ≤ 1.5 lines
end-mark       the last body paragraph of each decision or plan ends with "./."
closing-block  a table with "Nơi nhận:" (bold italic 12) and bold 13–14 upper-case signature
page-numbers   a centred PAGE field in a header, none on page 1, appendix sections restart at 1
appendix       "PHỤ LỤC" block, landscape section, tables with tblHeader, short rows kept whole
               (cantSplit; tall rows may break), fixed layout and cell widths equal to the grid
file           (only) the file cannot be read as a DOCX
unsigned       a warning, not a problem (the exit status ignores it): a blank "Số:" number,
               a signature with no name or a placeholder ("CHỨC VỤ NGƯỜI KÝ") — a draft

A PDF laid out from a DOCX is checked by ``pdf_pages.check_pages(docx, pdf)`` (``plangen
check FILE.pdf``, ``plangen build --pdf``), warnings only:
pages          an appendix page whose text ends above its middle (not the appendix's last
               page, nor one before a part's heading): a row that did not fit moved on
printed        words of the DOCX on no page of the PDF
"""
from __future__ import annotations

from generator.check.checker import FILE_RULE, RULES, WARNING_RULES, Finding, check_docx

__all__ = ["FILE_RULE", "RULES", "WARNING_RULES", "Finding", "check_docx"]
