"""Status files: the bad corpus gives exactly its lines; a good file loads in plan order."""
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from generator.errors import PlanError
from generator.plan.workspace import load_plan
from generator.track.status import load_status, parse_status

from ..conftest import ROOT, examples, run_cli

HERE = Path(__file__).parent
PLAN = ROOT / "plans" / "an-giang-2023.yaml"


def _expected() -> dict[str, list[str]]:
    cases: dict[str, list[str]] = {}
    for line in (HERE / "bad" / "expected.tsv").read_text(encoding="utf-8").splitlines():
        name, message = line.split("\t", 1)
        cases.setdefault(name, []).append(message)
    return cases


EXPECTED = _expected()


def test_every_bad_status_file_has_an_expectation():
    assert {p.name for p in (HERE / "bad").glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_status_file_gives_its_lines(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli("status", "check", "--plan", "plans/an-giang-2023.yaml", f"tests/track/bad/{name}")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == EXPECTED[name]


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN)


def test_a_good_file_loads_in_plan_order(plan):
    text = """\
plan: an-giang-2023
period: "2023-Q2"
tasks:
  kh-kiem-tra-tinh: {state: done, date: 2023-02-10, evidence: ["45/KH-UBND"]}
  kh-ksthc-tinh:
    state: cancelled
    note: "Không thực hiện"
"""
    status = parse_status(text, "s.yaml", plan)
    assert status.as_of == date(2023, 6, 14)                 # the cut-off of quarter II
    assert list(status.entries) == ["kh-ksthc-tinh", "kh-kiem-tra-tinh"]
    done = status.entries["kh-kiem-tra-tinh"]
    assert (done.state, done.date, done.evidence, done.result) == ("done", date(2023, 2, 10), ("45/KH-UBND",), "")
    assert status.entries["kh-ksthc-tinh"].note == "Không thực hiện"


def test_a_done_date_of_december_before_is_kept_for_a_deadline_then(plan):
    """kh-ra-soat-tinh is due "Tháng 12/2022" in the 2023 plan: done then is no error."""
    text = "plan: an-giang-2023\nperiod: '2023-Q1'\ntasks:\n  kh-ra-soat-tinh: {state: done, date: 2022-12-27}\n"
    assert parse_status(text, "s.yaml", plan).entries["kh-ra-soat-tinh"].date == date(2022, 12, 27)


def test_every_problem_of_a_file_in_one_error(plan):
    text = "plan: an-giang-2023\nperiod: '2023-Q1'\ntasks:\n  x1: {state: done}\n  kh-ksthc-tinh: {state: dne}\n"
    with pytest.raises(PlanError) as caught:
        parse_status(text, "s.yaml", plan)
    assert len(caught.value.lines) == 2


@pytest.mark.parametrize("period", ["2023-Q1", "2023-Q2"])
def test_the_example_status_files_are_valid(plan, period):
    status = load_status(ROOT / "status" / "an-giang-2023" / f"{period}.yaml", plan)
    assert len(status.entries) == sum(1 for _ in plan.tasks())


def _cerberus_accepts(tree) -> bool:
    from generator.track.status import _validator
    return _validator().validate(tree)


SAMPLES = [
    "plan: p\nperiod: '2023'\ntasks:\n",
    "plan: p\nperiod: '2023-Q1'\nas_of: 2023-03-01\ntasks: {a: {state: done, date: 2023-01-02, evidence: [x]}}\n",
    "plan: p\nperiod: '2023-Q1'\ntasks: {a: {state: done, evidence: x}}\n",
    "plan: p\nperiod: '2023-Q1'\ntasks: {a: {state: done, result: 1}}\n",
    "plan: p\nperiod: '2023-Q1'\ntasks: {a: {state: done, note: [x]}}\n",
    "plan: p\nperiod: '2023-Q1'\ntasks: {a: {state: done, date: 2023-1-2}}\n",
    "plan: p\nperiod: '2023-Q1'\ntasks: {a: {state: done, evidence: [1]}}\n",
    "plan: p\nperiod: '2023-Q1'\ntasks: {a: {date: 2023-01-02}}\n",
    "plan: p\nperiod: '2023-Q1'\ntasks: [a]\n",
    "plan: p\nperiod: 2023\ntasks: {}\n",
    "plan: ''\nperiod: '2023'\ntasks: {}\n",
    "plan: p\nperiod: '2023'\nas_of: ''\ntasks: {}\n",
    "plan: p\nperiod: '2023'\n",
    "plan: p\nperiod: '2023'\ntasks: {}\nextra: 1\n",
]


UNREADABLE = ("not-yaml.yaml", "empty.yaml", "a-list.yaml", "control-character.yaml")   # the loader's


@pytest.mark.parametrize("text", SAMPLES + [(HERE / "bad" / n).read_text(encoding="utf-8")
                                            for n in sorted(EXPECTED) if n not in UNREADABLE]
                         + [(ROOT / "status" / "an-giang-2023" / "2023-Q2.yaml").read_text(encoding="utf-8")])
def test_the_fast_check_agrees_with_cerberus(text):
    from generator.plan.load import load_text
    from generator.track.status import accepts
    tree = load_text(text.encode("utf-8"), "s.yaml")
    assert accepts(tree) == _cerberus_accepts(tree)


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(
    ["done", "don", "in_progress", "2023-02-10", "10/02/2023", "2023-02-30", "2023-Q2", "2023-Q9",
     "kh-ksthc-tinh", "an-giang-2023", "", "x"]))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=2) |
                       st.dictionaries(st.sampled_from(["state", "date", "result", "note", "evidence", "x"]),
                                       inner, max_size=3), max_leaves=6)
_tasks = st.dictionaries(st.sampled_from(["kh-ksthc-tinh", "kh-kiem-tra-tinh", "kh-x"]), _values, max_size=3)
_files = st.fixed_dictionaries({}, optional={"plan": _scalars, "period": _scalars, "as_of": _scalars,
                                             "tasks": st.one_of(_tasks, _scalars), "asof": _scalars})


@settings(max_examples=examples(60))
@given(_files)
def test_any_status_file_loads_or_says_why(plan, data):
    """No input makes load_status fail otherwise than with PlanError lines."""
    import yaml
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        parse_status(text, "s.yaml", plan)
    except PlanError as e:
        assert e.lines and all(line.startswith("s.yaml:") for line in e.lines)
