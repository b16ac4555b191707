"""Deterministic DOCX packaging: the same parts give the same bytes.

Every render is zipped by from_members, with a fixed timestamp, entry order and compression,
so two renders of one plan are byte-identical (with the same zlib; across machines compare the
members). python-docx stamps each entry with the current time, so an archive it saved (the
template, template.py) is rewritten the same way by normalize.
"""
from __future__ import annotations

from datetime import datetime
from io import BytesIO
from typing import Iterable
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from generator.record import record

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
UNIX = 3


def members(data: bytes) -> dict[str, bytes]:
    """The archive's entries by name."""
    with ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def entry_order(names) -> list[str]:
    """Content types and package relationships first, as Word writes them; the rest sorted."""
    names = set(names)
    return [n for n in FIRST_ENTRIES if n in names] + sorted(names - set(FIRST_ENTRIES))


def normalize(data: bytes) -> bytes:
    """Rewrite a DOCX archive with fixed dates, order, permissions and compression."""
    return from_members(members(data))


def from_members(parts: dict[str, bytes | Iterable[bytes]]) -> bytes:
    """The archive of ``parts`` (by member name: its bytes, or its bytes in pieces) with fixed
    dates, order, permissions and compression: what ``normalize`` makes of any archive
    holding them.

    Pieces are compressed as they come, so a member is never held whole; deflate's output
    does not depend on how its input is cut, so the bytes are those of one write.
    """
    out = BytesIO()
    with ZipFile(out, "w") as archive:
        for name in entry_order(parts):
            info = ZipInfo(name, FIXED_TIME)
            info.compress_type = ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = 0o644 << 16
            info._compresslevel = COMPRESS_LEVEL      # as writestr(compresslevel=) sets it
            data = parts[name]
            with archive.open(info, "w") as member:
                for piece in (data,) if isinstance(data, bytes) else data:
                    member.write(piece)
    return out.getvalue()


MAX_PROPERTY = 255          # python-docx refuses a longer core property


@record
class CoreValues:
    """The core properties that depend on the plan; the rest are fixed, none on the clock."""

    author: str
    title: str
    date: datetime

    @classmethod
    def of(cls, author: str, title: str, date: datetime) -> "CoreValues":
        """Author and title cut to what a core property holds (the document keeps them whole)."""
        return cls(author[:MAX_PROPERTY], title[:MAX_PROPERTY], date)


def pin(props, values: CoreValues, generator: str = "plangen") -> None:
    """Set python-docx core properties ``props`` from ``values``."""
    props.created = props.modified = values.date
    props.revision = 1
    props.author = values.author
    props.last_modified_by = generator
    props.title = values.title
    props.comments = ""


IMAGE_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"


@record
class Image:
    """A picture the document shows: its relationship id, its part under word/ and bytes."""

    rel_id: str                 # "rIdPicture1": what the drawing's a:blip names
    target: str                 # "media/chart1.png"
    data: bytes
    content_type: str = "image/png"


def with_images(parts: dict[str, bytes | Iterable[bytes]],
                images: list[Image]) -> dict[str, bytes | Iterable[bytes]]:
    """``parts`` (as from_members takes them) with each image as a part, related to the main
    document, its extension known to the content types."""
    if not images:
        return parts
    out = dict(parts)
    rels = [f'<Relationship Id="{i.rel_id}" Type="{IMAGE_RELATION}" Target="{i.target}"/>'
            for i in images]
    out[DOCUMENT_RELS] = _whole(out[DOCUMENT_RELS]).replace(
        b"</Relationships>", "".join(rels).encode() + b"</Relationships>")
    types = _whole(out[CONTENT_TYPES])
    for image in images:
        extension = image.target.rsplit(".", 1)[-1]
        default = f'<Default Extension="{extension}" ContentType="{image.content_type}"/>'.encode()
        if f'Extension="{extension}"'.encode() not in types:
            types = types.replace(b"<Override ", default + b"<Override ", 1)
        out[f"word/{image.target}"] = image.data
    out[CONTENT_TYPES] = types
    return out


def _whole(data: bytes | Iterable[bytes]) -> bytes:
    """A part given in pieces, joined (the small parts an image is added to)."""
    return data if isinstance(data, bytes) else b"".join(data)
