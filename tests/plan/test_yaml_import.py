"""yaml_import: PyYAML's reader gets a cheaply compiled pattern that refuses the same characters."""
from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys

import pytest
import yaml.reader

from generator.plan.yaml_import import SAME_SET, YAML_REFUSED

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_the_cheap_set_refuses_exactly_the_characters_pyyaml_refuses():
    # re.UNICODE is what a text pattern means anyway; it keys Python's pattern cache apart,
    # so this compiles PyYAML's own pattern, not the one placed under its text
    theirs = re.compile(YAML_REFUSED, re.UNICODE)
    ours = re.compile(SAME_SET)
    assert theirs is not ours and theirs.pattern != ours.pattern
    refused = [m.start() for m in theirs.finditer(EVERY_CHARACTER)]
    assert [m.start() for m in ours.finditer(EVERY_CHARACTER)] == refused
    assert 0x07 in refused and 0xFFFE in refused and 0x09 not in refused


def test_the_text_is_the_one_pyyaml_compiles_on_import():
    line = next(line for line in inspect.getsource(yaml.reader).splitlines()
                if "NON_PRINTABLE = re.compile(" in line)
    assert ast.literal_eval(line.split("re.compile(", 1)[1].rstrip()[:-1]) == YAML_REFUSED


def test_a_fresh_process_imports_pyyaml_with_the_cheap_pattern_in_place():
    code = ("import generator, yaml.reader\n"
            "from generator.plan.yaml_import import SAME_SET\n"
            "print(yaml.reader.Reader.NON_PRINTABLE.pattern == SAME_SET)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


@pytest.mark.parametrize("text, refused", [("bell \x07 here", True), ("nhà\tvăn hóa 🙂", False),
                                           ("\ufffe", True), ("\x85 next line", False)])
def test_pyyaml_still_refuses_control_characters_and_reads_the_rest(text, refused):
    if refused:
        with pytest.raises(yaml.reader.ReaderError, match="special characters are not allowed"):
            yaml.reader.Reader(text)
    else:
        yaml.reader.Reader(text)
