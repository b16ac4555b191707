"""The same plan gives the same bytes: fixed zip dates and order, pinned core properties."""
from __future__ import annotations

from datetime import datetime
from io import BytesIO
from zipfile import ZipFile

from generator.record import replace
from generator.render.compose import render_plan
from generator.render.package import (CoreValues, Deflated, deflated, from_members, members,
                                      normalize)
from generator.render.skeleton import Skeleton

from .docx_xml import Docx
from .fixtures import decision_plan


def test_two_renders_are_byte_identical(decision_bytes):
    again = render_plan(decision_plan())
    assert again == decision_bytes
    assert members(again) == members(decision_bytes)


def test_zip_entries_have_a_fixed_date_and_order(decision_docx):
    infos = decision_docx.infos
    assert [i.filename for i in infos[:2]] == ["[Content_Types].xml", "_rels/.rels"]
    assert [i.filename for i in infos[2:]] == sorted(i.filename for i in infos[2:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_normalizing_is_idempotent(decision_bytes):
    assert normalize(decision_bytes) == decision_bytes


def test_core_properties_come_from_the_plan_not_the_clock(decision_docx):
    core = decision_docx.parts["docProps/core.xml"].decode()
    assert "2023-01-18T00:00:00Z" in core
    assert "<cp:revision>1</cp:revision>" in core
    assert "<cp:lastModifiedBy>plangen</cp:lastModifiedBy>" in core


def test_the_package_holds_only_what_the_document_needs(decision_docx):
    names = set(decision_docx.parts)
    assert not any("thumbnail" in n or "customXml" in n or "stylesWithEffects" in n for n in names)
    Docx(render_plan(decision_plan()))      # opens again without error


def test_a_title_longer_than_a_core_property_is_cut_there_and_whole_in_the_text():
    """python-docx refuses core properties over 255 characters; the document keeps it all."""
    plan = decision_plan()
    title = "Kiểm soát thủ tục hành chính & cải cách " * 10
    long = replace(plan, plan=replace(plan.plan, title=title))
    docx = Docx(render_plan(long))
    core = docx.parts["docProps/core.xml"].decode()
    assert f"<dc:title>{title[:255].replace('&', '&amp;')}</dc:title>" in core
    assert "cải cách Kiểm soát" in docx.text(docx.body)


def test_a_member_written_in_pieces_gives_the_bytes_of_one_write(decision_bytes):
    """Streaming (how a long appendix is packaged) must not change a byte: deflate's output
    does not depend on how its input is cut."""
    parts = members(decision_bytes)
    for size in (1, 777, 4096, 1 << 20):
        pieces = {name: [data[i:i + size] for i in range(0, len(data), size)]
                  for name, data in parts.items()}
        assert from_members(pieces) == decision_bytes


def test_a_slot_the_template_holds_twice_is_written_twice():
    """A body is read once; the skeleton keeps one that two places need."""
    cut = Skeleton({"word/document.xml": (b"<a>", "plan", b"|", "plan", b"</a>")}, b"")
    core = CoreValues("a", "t", datetime(2024, 1, 2))
    filled = cut.fill({"plan": iter(["<x/>", "<y/>"])}, "", core)
    assert b"".join(filled["word/document.xml"]) == b"<a><x/><y/>|<x/><y/></a>"


def test_a_member_deflated_before_gives_the_bytes_zipfile_writes(decision_bytes):
    """The template's unchanging parts are deflated once per process and copied into every
    archive; the archive must be the one ZipFile makes deflating each part itself."""
    parts = members(decision_bytes)
    for name in parts:
        mixed = dict(parts, **{name: deflated(parts[name])})
        assert from_members(mixed) == decision_bytes, name
    every = {name: deflated(data) for name, data in parts.items()}
    archive = from_members(every)
    assert archive == decision_bytes
    assert ZipFile(BytesIO(archive)).testzip() is None      # every CRC checks out


def test_a_part_is_deflated_once_however_many_plans_use_it():
    data = b"<w:styles>" + b"<w:style/>" * 1000 + b"</w:styles>"
    assert deflated(data) is deflated(bytes(data))
    assert deflated(data) is not deflated(data + b" ")


def test_the_skeleton_gives_its_parts_without_a_slot_deflated_and_the_others_in_pieces():
    cut = Skeleton({"word/document.xml": (b"<a>", "plan", b"</a>"),
                    "word/styles.xml": (b"<styles/>",)}, b"")
    filled = cut.fill({"plan": iter(["<x/>"])}, "", CoreValues("a", "t", datetime(2024, 1, 2)))
    assert filled["word/styles.xml"] == deflated(b"<styles/>")
    assert isinstance(filled["word/styles.xml"], Deflated)
    assert b"".join(filled["word/document.xml"]) == b"<a><x/></a>"
