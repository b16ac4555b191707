"""The one way a document is assembled: docxtpl renders the template into a ``Skeleton``, the
documents' markup is spliced at its slots, and package.from_members zips it.

docxtpl renders the template in Jinja's sandbox with each of the three block tags
(``{{p decision }}``, ``{{p plan }}``, ``{{p appendix }}``) standing for a marker, an XML
comment; an absent document stands for nothing, so ``{% if appendix %}`` works. The rendered
parts are serialised once and cut at the markers, at the body's last section properties and
at the plan's core properties. The generated markup is spliced in afterwards and never passes
through docxtpl's text rewriting: it is written as it will be read.

A template whose only Jinja is ``{{ name }}`` values renders the same for every plan, so its
skeleton is made once, kept in memory and in the user's cache (render/cache.py), and a warm
start imports neither python-docx, docxtpl nor Jinja. A template with Jinja logic is rendered
per plan: the same steps, just not kept.
"""
from __future__ import annotations

import base64
import copy
import functools
import os
import re
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Collection, Iterable, Iterator

from generator.errors import PlangenError
from generator.record import Factory, record
from generator.render import ooxml, package
from generator.render.geometry import LANDSCAPE, PORTRAIT, Page
from generator.render.styles import TAGS

FINAL = "final-section"
_SLOT = "plangen-slot:"
_SLOTS = re.compile(rb"<!--plangen-slot:([\w-]+)-->")
SENTINEL = package.CoreValues(_SLOT + "author", _SLOT + "title", datetime(1901, 2, 3, 4, 5, 6))
W3CDTF = "%Y-%m-%dT%H:%M:%SZ"        # how python-docx writes a core date


class TemplateError(PlangenError):
    """The template cannot hold a plan (a tag paragraph was deleted while restyling)."""


@record
class Skeleton:
    """A rendered template: each package member as its pieces, literal bytes alternating with
    slot names (a tag, FINAL, or a core property), the body's last section properties (the
    base of every section's), and the properties of a section on each page of Decree 30
    (portrait, landscape) as markup, so that a build from the cache needs no lxml."""

    members: dict[str, tuple[bytes | str, ...]]
    section_xml: bytes
    sections: dict[str, str] = Factory(dict)

    def section(self, page: Page) -> str:
        """The properties of a section on ``page`` as markup (see section_markup)."""
        made = self.sections.get(_page_key(page))
        return made if made is not None else section_markup(self.section_xml, page)

    def slots(self, member: str) -> set[str]:
        return set(self.members[member][1::2])

    def fill(self, bodies: dict[str, Iterable[str]], final: str,
             core: package.CoreValues) -> dict[str, package.Member]:
        """The package's members, each as its bytes in pieces, with ``bodies`` (markup pieces
        by tag; a tag not given is empty) in place of the tag paragraphs, ``final`` (a
        ``w:sectPr``) as the last section and ``core`` in the core properties; a member
        without a slot, the same in every plan, comes deflated once (package.deflated).

        A body is read once, as package.from_members writes its member, so a long one is
        never held whole; a slot the template holds twice is kept to be written twice.
        """
        values: dict[str, Iterable[str]] = {tag: bodies.get(tag, ()) for tag in TAGS}
        values.update({FINAL: (final,), "author": (ooxml.escape(core.author),),
                       "title": (ooxml.escape(core.title),),
                       "date": (core.date.strftime(W3CDTF),)})
        slots = [slot for pieces in self.members.values() for slot in pieces[1::2]]
        for slot in {s for s in slots if slots.count(s) > 1}:
            values[slot] = ("".join(values[slot]),)
        return {name: package.deflated(pieces[0]) if len(pieces) == 1 else _member(pieces, values)
                for name, pieces in self.members.items()}

    def to_json(self) -> dict:
        """For the cache: bytes as base64, slot names as they are."""
        return {"members": {name: [p if i % 2 else _b64(p) for i, p in enumerate(pieces)]
                            for name, pieces in self.members.items()},
                "section_xml": _b64(self.section_xml), "sections": self.sections}

    @classmethod
    def from_json(cls, data: dict) -> "Skeleton":
        members = {name: tuple(p if i % 2 else base64.b64decode(p) for i, p in enumerate(pieces))
                   for name, pieces in data["members"].items()}
        sections = data["sections"]
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in sections.items()):
            raise TypeError("sections")
        return cls(members, base64.b64decode(data["section_xml"]), sections)


def section_markup(base_xml: bytes, page: Page) -> str:
    """The properties of a section on ``page``, derived from the template's ``base_xml``
    (margins, header parts kept): each document of a plan numbers its pages from 1 and shows
    no number on its first page (render/compose.py)."""
    from lxml import etree
    return ooxml.markup([ooxml.section(etree.fromstring(base_xml), page,
                                       first_page_unnumbered=True, restart_numbering=True)])


def _page_key(page: Page) -> str:
    return f"{page.width}x{page.height}"


def _member(pieces: tuple[bytes | str, ...], values: dict[str, Iterable[str]]) -> Iterator[bytes]:
    """A member's literal bytes with each slot's value in place, encoded in blocks."""
    for i, piece in enumerate(pieces):
        if i % 2:
            yield from _encoded(values[piece])
        else:
            yield piece


ENCODE_BLOCK = 1 << 16          # bytes compressed at once


def _encoded(pieces: Iterable[str]) -> Iterator[bytes]:
    """``pieces`` as UTF-8 in blocks of about ENCODE_BLOCK bytes: few, large writes.

    Each piece is encoded on its own and the bytes joined: joining the text first and
    encoding the block took ~1.5 times as long (0.6 ms of a commune's 10), the wide block
    copied and encoded again."""
    block: list[bytes] = []
    size = 0
    for piece in pieces:
        data = piece.encode("utf-8")
        block.append(data)
        size += len(data)
        if size >= ENCODE_BLOCK:
            yield b"".join(block)
            block, size = [], 0
    if block:
        yield b"".join(block)


def _b64(blob: bytes) -> str:
    return base64.b64encode(blob).decode("ascii")


def for_documents(template: Path | str, present: Collection[str]) -> Skeleton:
    """The skeleton to fill with the documents tagged ``present``: the template's own when it
    has no Jinja logic, else rendered for exactly these documents."""
    cut = plain(template)
    return cut if cut is not None else _rendered(str(template), present)[0]


def plain(template: Path | str) -> Skeleton | None:
    """The skeleton of a template without Jinja logic, made once; None for one with it.

    Kept in memory and in the user's cache, under a key that hashes the template, the
    generator and the libraries (cache.fingerprint); a broken entry is made again.
    """
    st = os.stat(template)
    return _plain(str(template), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _plain(path: str, size: int, mtime_ns: int) -> Skeleton | None:
    from generator.render import cache
    key = cache.fingerprint(Path(path))
    data = cache.load("skeleton", key)
    if data is not None:
        try:
            return Skeleton.from_json(data["skeleton"]) if data["values_only"] else None
        except (KeyError, TypeError, ValueError):
            pass
    built, values_only = _rendered(path, TAGS)
    cache.store("skeleton", key, {"values_only": values_only,
                                  "skeleton": built.to_json() if values_only else None})
    return built if values_only else None


def _rendered(path: str, present: Collection[str]) -> tuple[Skeleton, bool]:
    """docxtpl's render of the template with a marker for each tag in ``present``; and
    whether the template's only Jinja is ``{{ name }}`` values, so that the skeleton serves
    every plan."""
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined, TemplateError as JinjaError
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    sources: list[str] = []

    class Recording(SandboxedEnvironment):
        """Jinja's sandbox, remembering every part and property docxtpl renders."""

        def from_string(self, source, *args, **kwargs):
            sources.append(source)
            return super().from_string(source, *args, **kwargs)

    env = Recording(autoescape=True, undefined=StrictUndefined)
    doc = DocxTemplate(path)
    context = {tag: Markup(_mark(tag).decode()) if tag in present else "" for tag in TAGS}
    try:
        doc.render(context, jinja_env=env, autoescape=True)
    except JinjaError as e:
        raise TemplateError(f"{path}: {e.message} (a template may use only "
                            f"{', '.join(sorted(TAGS))})") from None
    values_only = all(_values_only(env.parse(source)) for source in sources)
    skeleton = _cut(doc.docx)
    missing = [tag for tag in TAGS if tag in present
               and tag not in skeleton.slots(doc.docx.part.partname.membername)]
    if missing:
        names = ", ".join("{{p %s }}" % tag for tag in missing)
        raise TemplateError(f"{path}: the template lost its tag paragraph(s) {names}; "
                            "restyle the 'Plan …' styles but keep the three tag paragraphs")
    return skeleton, values_only


def _values_only(tree) -> bool:
    """Whether a template's output is its text with each name's value in place, whatever the
    values are: nothing but ``{{ name }}`` (no logic, filter, attribute or call)."""
    from jinja2 import nodes
    return all(isinstance(node, nodes.Output)
               and all(isinstance(n, (nodes.TemplateData, nodes.Name)) for n in node.nodes)
               for node in tree.body)


def _cut(document) -> Skeleton:
    """The rendered ``document`` serialised once and cut at its slots."""
    from lxml import etree
    final = ooxml.body_section(document.element.body)
    section_xml = etree.tostring(copy.deepcopy(final))     # only the namespaces it uses
    final.addprevious(etree.Comment(_SLOT + FINAL))
    final.getparent().remove(final)
    package.pin(document.core_properties, SENTINEL)
    out = BytesIO()
    document.save(out)
    sentinels = {SENTINEL.date.strftime(W3CDTF).encode(): _mark("date"),
                 SENTINEL.author.encode(): _mark("author"), SENTINEL.title.encode(): _mark("title")}
    members = {}
    for name, data in package.members(out.getvalue()).items():
        for sentinel, mark in sentinels.items():
            data = data.replace(sentinel, mark)
        pieces = _SLOTS.split(data)
        members[name] = tuple(p.decode() if i % 2 else p for i, p in enumerate(pieces))
    return Skeleton(members, section_xml,
                    {_page_key(page): section_markup(section_xml, page) for page in (PORTRAIT, LANDSCAPE)})


def _mark(slot: str) -> bytes:
    return f"<!--{_SLOT}{slot}-->".encode()
