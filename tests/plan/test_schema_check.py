"""The fast schema check never accepts what Cerberus rejects, and the run-time validator's
schema is the one Cerberus checked (so skipping that check at run time loses nothing)."""
from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.plan import validate
from generator.plan.inherit import Resolver
from generator.plan.schema_check import accepts
from ..conftest import examples

ROOT = Path(__file__).resolve().parents[2]
PLANS = sorted((ROOT / "plans").glob("*.yaml"))
TREES = [Resolver().resolve(p).tree for p in PLANS]


def _with_a_sub_group_among_tasks(tree):
    """A plan whose first group's tasks: list holds a sub-group between two tasks."""
    tree = copy.deepcopy(tree)
    tasks = tree["appendix"]["parts"][0]["groups"][0]["tasks"]
    tasks.insert(1, {"id": "nhom-giua", "kind": "group", "title": "Nhóm",
                     "tasks": [{"id": "viec-giua", "content": "Việc"}]})
    return tree


TREES.append(_with_a_sub_group_among_tasks(TREES[0]))


def cerberus_errors(tree) -> list:
    validator = validate._validator()
    validator.validate(tree)
    return list(validator._errors)


def test_the_runtime_schema_is_the_checked_one():
    """Cerberus validates SCHEMA's definition here (checked_schema raises SchemaError if bad)."""
    assert validate._validator().schema.schema == validate.checked_schema()


def test_every_real_plan_takes_the_fast_path():
    for path, tree in zip(PLANS, TREES):
        assert accepts(tree), path
        assert not cerberus_errors(tree), path


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.sampled_from(
    ["", "x", "group", "QĐ", "2023-02-30", "2023-01-18", "parent", "vp_ubnd_tinh", "Bad Id", "12", "abc$"]),
    st.lists(st.sampled_from(["x", "vp_ubnd_tinh", ""]), max_size=2),
    st.dictionaries(st.sampled_from(["id", "text", "cite", "zzz"]), st.sampled_from(["a", "parent"]),
                    max_size=2))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _paths(value, prefix + (n,))


@st.composite
def mutated(draw):
    tree = copy.deepcopy(draw(st.sampled_from(TREES)))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(tree) if p]
        path = draw(st.sampled_from(paths))
        holder = tree
        for step in path[:-1]:
            holder = holder[step]
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "delete" and isinstance(holder, dict):
            del holder[path[-1]]
        elif action == "add" and isinstance(holder, dict):
            holder[draw(st.sampled_from(["zzz", "id", "drop", "nullable", "kind", "title"]))] = draw(VALUES)
        else:
            holder[path[-1]] = draw(VALUES)
    return tree


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fast_check_never_accepts_what_cerberus_rejects(tree):
    if accepts(tree):
        assert cerberus_errors(tree) == []
