"""User templates render in Jinja's sandbox, and a tag they cannot resolve fails loudly."""
import shutil
import zipfile

import pytest

from generator.render.compose import DEFAULT_TEMPLATE, render_plan

from generator.render.skeleton import TemplateError

from .fixtures import standalone_plan


def _template_with(tmp_path, text):
    target = tmp_path / "custom.docx"
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                marker = b"<w:sectPr"
                para = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
                at = data.rindex(marker)
                data = data[:at] + para + data[at:]
            dst.writestr(item, data)
    return target


def test_unknown_name_in_a_template_is_an_error_naming_it(tmp_path):
    template = _template_with(tmp_path, "{{ signer_phone }}")
    with pytest.raises(TemplateError) as e:
        render_plan(standalone_plan(), template)
    assert str(e.value).startswith(f"{template}: 'signer_phone' is undefined")


def test_template_cannot_reach_python_internals(tmp_path):
    template = _template_with(tmp_path, "{{ decision.__class__.__mro__ }}")
    with pytest.raises(TemplateError) as e:
        render_plan(standalone_plan(), template)
    assert "access to attribute '__class__' of 'Markup' object is unsafe" in str(e.value)


def test_default_template_renders(tmp_path):
    shutil.copy(DEFAULT_TEMPLATE, tmp_path / "plan.docx")
    assert render_plan(standalone_plan(), tmp_path / "plan.docx")[:2] == b"PK"
