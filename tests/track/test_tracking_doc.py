"""docs/tracking.md names every key of the status schema in its key table, and no other; its
spreadsheet section names every column header as exported."""
import re
from pathlib import Path

from generator.track.spreadsheet import COLUMNS
from generator.track.status import ENTRY, SCHEMA, STATE_WORDS, STATES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "tracking.md").read_text(encoding="utf-8")


def test_the_key_table_names_every_key_and_no_other():
    table = DOC.split("| key | what it holds |", 1)[1].split("\n\n", 1)[0]
    named = re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.M)
    assert sorted(named) == sorted([*SCHEMA, *ENTRY])


def test_the_states_and_columns_are_named():
    for state in STATES:
        assert f"`{state}`" in DOC
    for word in STATE_WORDS.values():
        assert word in DOC
    for column in COLUMNS:
        assert f"*{column.header}*" in DOC, column.header
