"""A child that changes nothing is its parent, apart from who issues it."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.plan.workspace import Workspace
from generator.tree import plain

from ..conftest import TREE

IDENTITY = ("issuer", "document", "decision", "signature", "recipients")

child_identity = st.fixed_dictionaries({
    "number": st.from_regex(r"[1-9][0-9]{0,2}", fullmatch=True),
    "month": st.integers(1, 12), "day": st.integers(1, 28),
    "abbr": st.from_regex(r"[A-Z]{2,5}", fullmatch=True),
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ident=child_identity)
def test_empty_child_resolves_to_parent(tmp_path_factory, ident):
    plans = tmp_path_factory.mktemp("plans")
    (plans / "province.yaml").write_text((TREE / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (plans / "child.yaml").write_text(
        "extends: province.yaml\n"
        f'issuer: {{name: ["SỞ A"], full: "Sở A", abbr: "{ident["abbr"]}", place: "An Giang"}}\n'
        f'document: {{number: "{ident["number"]}", date: "2023-{ident["month"]:02d}-{ident["day"]:02d}"}}\n'
        'signature: {lines: ["GIÁM ĐỐC"], name: "B"}\n', encoding="utf-8")
    workspace = Workspace()
    parent = plain(workspace.load(plans / "province.yaml").tree)
    child = plain(workspace.load(plans / "child.yaml").tree)
    for key in IDENTITY + ("extends",):
        parent.pop(key, None)
        child.pop(key, None)
    parent["plan"].pop("bases", None)
    # placeholders that name the issuer read differently in the child, by design
    assert _without_issuer_text(child) == _without_issuer_text(parent)


def _without_issuer_text(tree):
    tree["appendix"]["parts"][0]["groups"][0]["tasks"][0].pop("content")
    return tree
