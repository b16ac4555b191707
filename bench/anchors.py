"""Anchors for issue 17: other ways of writing the same document, each as a whole process.

The content is taken from a DOCX plangen built: the body's paragraphs and tables, in order,
as plain text (cell text keeps its lines). From it the bench prepares, before any timing:

- ``content.html`` for pandoc (``pandoc -f html content.html -o out.docx``, its default
  reference document): what a general converter takes for the same words and tables;
- ``content.json`` and ``template.docx`` for docxtpl: a template that loops over the blocks,
  a paragraph or a table row at a time, rendered by this file's ``docxtpl`` mode
  (import docxtpl, load the template, render, save): docxtpl alone, with nothing of plangen;
- ``parts/`` for the floor process (bench/floor.py ``write``): the finished package's members.

    .venv/bin/python bench/anchors.py docxtpl TEMPLATE CONTENT.json OUT.docx
"""
from __future__ import annotations

import html
import json
import sys
import zipfile
from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COLUMNS = 8                         # the widest appendix table


def blocks(docx: Path) -> list[dict]:
    """The body in order: {"text": str} per paragraph, {"rows": [[cell text]]} per table."""
    from lxml import etree
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(W + "body")
    out: list[dict] = []
    for child in body:
        if child.tag == W + "p":
            out.append({"text": _text(child)})
        elif child.tag == W + "tbl":
            rows = [["\n".join(_text(p) for p in cell.iter(W + "p"))
                     for cell in row.iter(W + "tc")] for row in child.iter(W + "tr")]
            out.append({"rows": [r + [""] * (COLUMNS - len(r)) for r in rows]})
    return out


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(W + "t"))


def write_html(content: list[dict], path: Path) -> None:
    parts = ['<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>plan</title></head>'
             "<body>\n"]
    for block in content:
        if "rows" in block:
            parts.append("<table>\n")
            for row in block["rows"]:
                cells = "".join("<td>" + "".join(f"<p>{html.escape(line)}</p>"
                                                 for line in cell.split("\n")) + "</td>"
                                for cell in row)
                parts.append(f"<tr>{cells}</tr>\n")
            parts.append("</table>\n")
        else:
            parts.append(f"<p>{html.escape(block['text'])}</p>\n")
    parts.append("</body></html>\n")
    path.write_text("".join(parts), encoding="utf-8")


def write_template(path: Path) -> None:
    """A docxtpl template: for each block, a table (one row per row) or a paragraph."""
    from docx import Document
    document = Document()
    for tag in ("{%p for b in blocks %}", "{%p if b.rows %}"):
        document.add_paragraph(tag)
    table = document.add_table(rows=3, cols=COLUMNS)
    table.rows[0].cells[0].text = "{%tr for row in b.rows %}"
    for i, cell in enumerate(table.rows[1].cells):
        cell.text = "{{ row[%d] }}" % i
    table.rows[2].cells[0].text = "{%tr endfor %}"
    for tag in ("{%p else %}", "{{ b.text }}", "{%p endif %}", "{%p endfor %}"):
        document.add_paragraph(tag)
    document.save(path)


def extract_parts(docx: Path, folder: Path) -> None:
    with zipfile.ZipFile(docx) as archive:
        for name in archive.namelist():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))


def prepare(docx: Path, folder: Path) -> dict[str, Path]:
    """Everything the anchors read, written into ``folder``; their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    content = blocks(docx)
    paths = {"html": folder / "content.html", "json": folder / "content.json",
             "template": folder / "template.docx", "parts": folder / "parts"}
    write_html(content, paths["html"])
    paths["json"].write_text(json.dumps({"blocks": content}, ensure_ascii=False),
                             encoding="utf-8")
    write_template(paths["template"])
    extract_parts(docx, paths["parts"])
    return paths


def render_docxtpl(template: Path, content: Path, out: Path) -> None:
    from docxtpl import DocxTemplate
    document = DocxTemplate(str(template))
    document.render(json.loads(content.read_text(encoding="utf-8")))
    document.save(str(out))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "docxtpl":
        render_docxtpl(*map(Path, sys.argv[2:]))
    else:
        sys.exit(__doc__)
