"""Deterministic DOCX packaging: the same parts give the same bytes.

Every render is zipped by from_members, with a fixed timestamp, entry order and compression,
so two renders of one plan are byte-identical (with the same zlib; across machines compare the
members). python-docx stamps each entry with the current time, so an archive it saved (the
template, template.py) is rewritten the same way by normalize.
"""
from __future__ import annotations

import functools
import zlib
from datetime import datetime
from io import BytesIO
from typing import Iterable, Union
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from generator.record import record

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
UNIX = 3


@record
class Deflated:
    """A member deflated once for every archive it goes in: its bytes, their CRC and their
    deflated form, as ZipFile would compute them (see ``deflated``)."""

    data: bytes
    crc: int
    packed: bytes


@functools.lru_cache(maxsize=64)
def deflated(data: bytes) -> Deflated:
    """``data`` deflated as ZipFile deflates a member (raw deflate at COMPRESS_LEVEL), once.

    The template's parts that hold no slot are the same bytes in every plan; deflating them
    again was ~0.8 ms of a commune's ~8 ms of CPU in a tree build. A skeleton's bytes are one
    object for the whole build, so the cache finds them without comparing their contents.
    """
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return Deflated(data, zlib.crc32(data), compressor.compress(data) + compressor.flush())


Member = Union[bytes, Iterable[bytes], Deflated]


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


def from_members(parts: dict[str, Member]) -> bytes:
    """The archive of ``parts`` (by member name: its bytes, its bytes in pieces, or Deflated)
    with fixed dates, order, permissions and compression: what ``normalize`` makes of any
    archive holding them.

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
            if isinstance(data, Deflated):
                _write_deflated(archive, info, data)
                continue
            with archive.open(info, "w") as member:
                for piece in (data,) if isinstance(data, bytes) else data:
                    member.write(piece)
    return out.getvalue()


def _write_deflated(archive: ZipFile, info: ZipInfo, member: Deflated) -> None:
    """What ``archive.open(info, "w")`` and writing ``member.data`` to it leave in the
    archive (the entry's header, its deflated bytes, its place in the directory), with the
    deflating done before. ZipFile has no public way to take deflated bytes; the steps are
    its own, and tests/render/test_package.py checks the archive against ZipFile's."""
    info.file_size, info.CRC, info.compress_size = len(member.data), member.crc, len(member.packed)
    info.flag_bits = 0
    info.header_offset = archive.start_dir
    archive.fp.seek(archive.start_dir)
    archive.fp.write(info.FileHeader(False))
    archive.fp.write(member.packed)
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info
    archive.start_dir = archive.fp.tell()
    archive._didModify = True


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


def with_images(parts: dict[str, Member], images: list[Image]) -> dict[str, Member]:
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


def _whole(data: Member) -> bytes:
    """A part given in pieces (or deflated), whole (the small parts an image is added to)."""
    if isinstance(data, Deflated):
        return data.data
    return data if isinstance(data, bytes) else b"".join(data)
