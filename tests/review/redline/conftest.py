"""Helpers for redline tests: the repository's plans, a git repository, LibreOffice's view."""
from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path
from zipfile import ZipFile

import pytest

from ...conftest import GIT_ENV, ROOT, TREE, edit, git, invoke  # noqa: F401  (re-exported)
from lxml import etree

PLANS = ROOT / "plans"
W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is missing")


def document_xml(data: bytes) -> etree._Element:
    with ZipFile(BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def texts(nodes) -> list[str]:
    """The text of each node: its w:t and w:delText, joined."""
    return ["".join(n.xpath(".//w:t/text() | .//w:delText/text()", namespaces=W)) for n in nodes]


def to_odt(docx: Path, work: Path) -> str:
    """``docx`` opened and saved by LibreOffice as ODT; its content.xml."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
                    "--convert-to", "odt", "--outdir", str(work), str(docx)],
                   check=True, capture_output=True, timeout=180)
    with ZipFile(work / f"{docx.stem}.odt") as archive:
        return archive.read("content.xml").decode("utf-8")


def tracked_changes(content: str) -> tuple[list[str], list[str], list[str]]:
    """(deleted texts, inserted texts, authors) of the tracked changes LibreOffice lists."""
    root = etree.fromstring(content.encode("utf-8"))
    ns = {"text": ODF_TEXT, "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "dc": "http://purl.org/dc/elements/1.1/"}
    deleted, inserted = [], []
    for region in root.iterfind(".//text:tracked-changes/text:changed-region", ns):
        change_id = region.get(f"{{{ODF_TEXT}}}id")
        gone = region.find("text:deletion", ns)
        if gone is not None:
            deleted.append(" ".join("".join(p.itertext()) for p in gone.iterfind(".//text:p", ns)))
        elif region.find("text:insertion", ns) is not None:
            m = re.search(rf'<text:change-start text:change-id="{change_id}"/>(.*?)'
                          rf'<text:change-end text:change-id="{change_id}"/>', content, re.S)
            if m:
                inserted.append(re.sub(r"<[^>]+>", "", m[1]))
    authors = root.xpath("//text:changed-region//dc:creator/text()", namespaces=ns)
    return deleted, inserted, authors
