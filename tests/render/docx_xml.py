"""Read a rendered DOCX the way Word does: parts, paragraphs, and run formatting resolved
through direct formatting, character style, paragraph style chain and document defaults."""
from __future__ import annotations

from io import BytesIO
from zipfile import ZipFile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


class Docx:
    def __init__(self, data: bytes):
        with ZipFile(BytesIO(data)) as archive:
            self.parts = {n: archive.read(n) for n in archive.namelist()}
            self.infos = archive.infolist()
        self.document = etree.fromstring(self.parts["word/document.xml"])
        self.body = self.document.find(w("body"))
        self.styles = etree.fromstring(self.parts["word/styles.xml"])
        self._by_id = {s.get(w("styleId")): s for s in self.styles.findall(w("style"))}

    def xpath(self, expr: str, node=None):
        return (self.body if node is None else node).xpath(expr, namespaces=NS)

    def part(self, name: str):
        return etree.fromstring(self.parts[name])

    @staticmethod
    def text(node) -> str:
        """The text as a reader sees it; a line break inside a paragraph reads as a space."""
        parts = node.xpath(".//w:t/text() | .//w:br", namespaces=NS)
        return "".join(p if isinstance(p, str) else " " for p in parts)

    @staticmethod
    def lines(node) -> list[str]:
        """The lines of a paragraph broken by ``w:br``."""
        parts = node.xpath(".//w:t/text() | .//w:br", namespaces=NS)
        return "".join(p if isinstance(p, str) else "\n" for p in parts).split("\n")

    def paragraphs(self):
        return self.xpath(".//w:p")

    def paragraph(self, starts: str):
        """The first paragraph whose text starts with ``starts``."""
        for p in self.paragraphs():
            if self.text(p).startswith(starts):
                return p
        raise AssertionError(f"no paragraph starts with {starts!r}")

    def style_of(self, p) -> str | None:
        found = p.xpath("./w:pPr/w:pStyle/@w:val", namespaces=NS)
        return found[0] if found else None

    def _chain(self, style_id: str | None):
        while style_id:
            style = self._by_id[style_id]
            yield style
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None

    def _lookup(self, p, r, prop: str):
        """The first ``prop`` element on the way run → char style → para style → defaults."""
        sources = [r.find(w("rPr"))] if r is not None else []
        rstyle = r.xpath("./w:rPr/w:rStyle/@w:val", namespaces=NS) if r is not None else []
        sources += [s.find(w("rPr")) for s in self._chain(rstyle[0] if rstyle else None)]
        sources += [s.find(w("rPr")) for s in self._chain(self.style_of(p) or "Normal")]
        sources.append(self.styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}"))
        for props in sources:
            if props is not None and props.find(w(prop)) is not None:
                return props.find(w(prop))
        return None

    def size_pt(self, p, r=None) -> float:
        return int(self._lookup(p, r, "sz").get(w("val"))) / 2

    def flag(self, p, r, prop: str) -> bool:
        node = self._lookup(p, r, prop)
        return node is not None and node.get(w("val"), "true") not in ("0", "false", "off")

    def paragraph_prop(self, p, path: str):
        """A paragraph property (``jc``, ``ind``…) resolved through the style chain."""
        found = p.find(f"{w('pPr')}/{w(path)}")
        if found is not None:
            return found
        for style in self._chain(self.style_of(p) or "Normal"):
            found = style.find(f"{w('pPr')}/{w(path)}")
            if found is not None:
                return found
        return None
