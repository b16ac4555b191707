"""Open a DOCX as plain XML parts: the main document, styles, settings, headers and footers.

The checker must judge any DOCX, hand-made ones included, so it does not go through python-docx
(which would add its own defaults): it follows the package relationships the way a word
processor does and keeps each part as an lxml tree.
"""
from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag or attribute: w("p") -> "{…main}p"."""
    return f"{{{W_NS}}}{tag}"


class DocxError(Exception):
    """The file cannot be read as a DOCX; the message names the file and the reason."""


@dataclass
class Package:
    """The XML parts of one DOCX that the rules look at."""

    document: etree._Element
    styles: etree._Element | None = None
    settings: etree._Element | None = None
    # part name ("word/header1.xml") -> root element, for every header and footer
    headers: dict[str, etree._Element] = field(default_factory=dict)
    footers: dict[str, etree._Element] = field(default_factory=dict)
    # relationship id of the main document -> part name
    rels: dict[str, str] = field(default_factory=dict)


def load(path: str | Path) -> Package:
    """Read ``path``; raise DocxError when it is not a zip or has no main document."""
    try:
        with zipfile.ZipFile(path) as zf:
            return _read(zf, str(path))
    except (OSError, zipfile.BadZipFile) as exc:
        raise DocxError(f"cannot read {path} as a DOCX: {exc}") from exc


def _read(zf: zipfile.ZipFile, path: str) -> Package:
    main = _main_part(zf, path)
    if main not in zf.namelist():
        raise DocxError(f"cannot read {path} as a DOCX: no main document part ({main})")
    rels = _relationships(zf, main, path)
    pkg = Package(document=_xml(zf, main, path), rels={i: t for i, (_, t) in rels.items()})
    for _, (kind, target) in rels.items():
        if target not in zf.namelist():
            continue
        if kind == "styles":
            pkg.styles = _xml(zf, target, path)
        elif kind == "settings":
            pkg.settings = _xml(zf, target, path)
        elif kind == "header":
            pkg.headers[target] = _xml(zf, target, path)
        elif kind == "footer":
            pkg.footers[target] = _xml(zf, target, path)
    return pkg


def _main_part(zf: zipfile.ZipFile, path: str) -> str:
    """The main document's part name from /_rels/.rels, word/document.xml if none is given."""
    for kind, target in _relationships(zf, "", path).values():
        if kind == "officeDocument":
            return target
    return "word/document.xml"


def _relationships(zf: zipfile.ZipFile, source: str, path: str) -> dict[str, tuple[str, str]]:
    """rId -> (short type such as "header", target part name) for the part ``source``."""
    folder, name = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_name not in zf.namelist():
        return {}
    root = _xml(zf, rels_name, path)
    out = {}
    for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], part)
    return out


def _xml(zf: zipfile.ZipFile, name: str, path: str) -> etree._Element:
    try:
        return etree.fromstring(zf.read(name), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise DocxError(
            f"cannot read {path} as a DOCX: {name} is not well-formed XML ({exc})") from exc
