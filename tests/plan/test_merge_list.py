"""inherit._merge_list (linked list, linear) gives what the list-scanning version gave."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.plan import inherit
from generator.errors import Pos, Problem
from generator.plan.inherit import _merge_map, strip_controls
from generator.tree import Map, Seq, plain
from ..conftest import examples

IDS = ["a", "b", "c", "d", "e", "f"]


def scanning_merge_list(old: Seq, new: Seq, problems: list[Problem]) -> Seq:
    """The version before the linked list, kept as the oracle (quadratic, but obviously right)."""
    items = [[i.get("id") if isinstance(i, Map) else None, i, old.where(n)] for n, i in enumerate(old)]

    def index(item_id):
        return next((n for n, (i, _, _) in enumerate(items) if i == item_id), None)

    seen: dict = {}
    for n, child in enumerate(new):
        cid, where = child["id"], new.where(n)
        if cid in seen:
            problems.append(Problem(where, f"duplicate id '{cid}' (also at {seen[cid]})"))
            continue
        seen[cid] = where
        found = index(cid)
        if child.get("drop") is True:
            if found is None:
                problems.append(Problem(where, f"cannot drop '{cid}': the parent has no item with this id"))
            else:
                del items[found]
            continue
        placed = any(k in child for k in ("after", "before", "at"))
        if found is None and not placed:
            problems.append(Problem(where, f"unknown id '{cid}': the parent has no such item "
                                           "(to add one, say where with after:, before: or at:)"))
            continue
        if found is not None:
            item = _merge_map(items[found][1], child, problems)
            if not placed:
                items[found][1] = item
                continue
            del items[found]
        else:
            item = strip_controls(child, problems, report=False)
        target = None
        for key, offset in (("after", 1), ("before", 0)):
            if key in child:
                at = index(child[key])
                if at is None:
                    problems.append(Problem(child.where(key), f"{key}: no item '{child[key]}' in this list"))
                    break
                target = at + offset
                break
        else:
            target = 0 if child.get("at") == "start" else len(items)
        if target is not None:
            items.insert(target, [cid, item, where])
    return Seq((i for _, i, _ in items), new.pos, (w for _, _, w in items))


def _map(values: dict, line: int) -> Map:
    out = Map(pos=Pos("f.yaml", line, 1))
    for n, (k, v) in enumerate(values.items()):
        out.set(k, v, Pos("f.yaml", line, 2 + n), Pos("f.yaml", line, 10 + n))
    return out


parent_item = st.one_of(
    st.builds(lambda i, t: {"id": i, "text": t}, st.sampled_from(IDS), st.sampled_from(["x", "y"])),
    st.just("plain text item"))
control = st.one_of(st.just({}), st.just({"drop": True}),
                    st.builds(lambda k, v: {k: v}, st.sampled_from(["after", "before"]),
                              st.sampled_from(IDS + ["zz"])),
                    st.builds(lambda v: {"at": v}, st.sampled_from(["start", "end"])))
child_item = st.builds(lambda i, c, t: {"id": i, **c, **({"text": t} if t else {})},
                       st.sampled_from(IDS + ["new1", "new2"]), control,
                       st.sampled_from([None, "z"]))


def _seq(items: list, first_line: int) -> Seq:
    out = Seq(pos=Pos("f.yaml", first_line, 1))
    for n, item in enumerate(items):
        line = first_line + n
        out.add(_map(item, line) if isinstance(item, dict) else item, Pos("f.yaml", line, 3))
    return out


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(parent_item, max_size=8), st.lists(child_item, max_size=8))
def test_linked_list_merge_equals_the_scanning_one(parent, child):
    old, new = _seq(parent, 1), _seq(child, 100)
    expected_problems, problems = [], []
    expected = scanning_merge_list(old, new, expected_problems)
    got = inherit._merge_list(old, new, problems)
    assert plain(got) == plain(expected)
    assert got.item_pos == expected.item_pos
    assert problems == expected_problems
