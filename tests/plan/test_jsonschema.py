"""The JSON Schema for editors: generated from the Cerberus schema, committed, and agreeing
with it on every plan in plans/ and on the bad-input corpus."""
import copy
import json

import jsonschema
import pytest

from generator.errors import PlanError
from generator.plan.jsonschema import plan_json_schema, schema_text
from generator.plan.load import load_file
from generator.plan.workspace import Workspace
from generator.commands.review import schema_command
from generator.tree import plain
from generator.plan.validate import validate_tree

from ..conftest import ROOT, invoke

PLANS = ROOT / "plans"
SCHEMA_FILE = ROOT / "schema" / "plan.schema.json"
MODELINE = "# yaml-language-server: $schema=../schema/plan.schema.json"
BAD = ROOT / "tests" / "bad" / "plans"
ALL_PLANS = sorted(PLANS.glob("*.yaml"))


@pytest.fixture(scope="module")
def validator():
    schema = plan_json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors(validator, data) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def test_the_committed_schema_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "run: plangen schema -o schema/plan.schema.json"


def test_the_command_writes_the_schema(tmp_path):
    result = invoke(schema_command, "-o", str(tmp_path / "s.json"))
    assert result.exit_code == 0 and result.stdout == f"wrote {tmp_path / 's.json'}\n"
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == schema_text()
    assert json.loads(invoke(schema_command).stdout_bytes) == plan_json_schema()


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.name)
def test_every_plan_passes_both_schemas_and_names_the_json_one(path, validator):
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert errors(validator, plain(load_file(path))) == []            # the file as written
    Workspace().load(path)                                             # Cerberus, resolved
    raw = load_file(path)
    if "extends" not in raw:
        assert validate_tree(raw) == []                                # Cerberus, as written


# Bad plans whose only problem is one the Cerberus schema finds: the JSON Schema must agree.
SCHEMA_ERRORS = ["unknown-key", "unknown-top-key", "wrong-type-issuer", "wrong-type-parts",
                 "wrong-type-signature-lines", "wrong-type-task-lead", "wrong-type-year",
                 "missing-identity", "impossible-month-13"]


@pytest.mark.parametrize("name", SCHEMA_ERRORS)
def test_both_schemas_reject_the_same_bad_plans(name, validator, monkeypatch):
    monkeypatch.chdir(BAD.parent)
    with pytest.raises(PlanError):
        Workspace().load(f"plans/{name}.yaml")
    assert errors(validator, plain(load_file(BAD / f"{name}.yaml")))


ROOT_PLAN = PLANS / "an-giang-2023.yaml"


def _mutated(change):
    data = plain(load_file(ROOT_PLAN))
    change(data)
    return data


def _first_task(data):
    return data["appendix"]["parts"][0]["groups"][0]["tasks"][0]


@pytest.mark.parametrize("change", [
    lambda d: d.pop("year"),
    lambda d: _first_task(d).pop("content"),
    lambda d: _first_task(d).update(lead="Văn phòng"),            # not a unit id
    lambda d: _first_task(d).update(span={"from": "lead", "to": "nowhere", "text": "x"}),
    lambda d: d["document"].update(number=77),
    lambda d: d["document"].update(date="18/01/2023"),
    lambda d: d["decision"]["bases"].append({"cite": "cha"}),
    lambda d: d["appendix"]["layouts"]["tasks8"]["columns"][0].update(width=2),
    lambda d: d["signature"].update(lines=["A", "B", "C", "D"]),
    lambda d: d["units"].update({"Bad-Id": "x"}),
], ids=["year", "content", "unit-id", "span", "number-int", "date-form", "cite", "width",
        "lines", "unit-key"])
def test_a_broken_root_plan_fails_both(change, validator):
    data = _mutated(change)
    assert errors(validator, data)
    assert validate_tree(copy.deepcopy(data))


def test_a_child_may_write_only_its_changes(validator):
    child = {
        "extends": "an-giang-2023.yaml",
        "issuer": {"name": "SỞ A", "full": "Sở A", "abbr": "SA", "place": "An Giang"},
        "document": {"number": "", "date": "2023-02"},
        "signature": {"lines": ["GIÁM ĐỐC"], "name": "Nguyễn Văn A"},
        "plan": {"sections": [{"id": "muc-dich", "paragraphs": [{"id": "md-dot-pha", "drop": True}]}]},
        "appendix": {"parts": [{"id": "kiem-soat", "groups": [{"id": "kiem-soat-chi-dao", "tasks": [
            {"id": "kh-ksthc-tinh", "drop": True},
            {"id": "moi", "after": "kh-ksthc-so-huyen", "content": "Việc mới", "lead": "van_phong"},
            {"id": "kh-kiem-tra-tinh", "at": "end", "deadline": "Quý II/2023"},
        ]}]}]},
    }
    assert errors(validator, child) == []
    assert errors(validator, {k: v for k, v in child.items() if k != "extends"})  # not as a root
    assert errors(validator, {**child, "signature": {"lines": ["GIÁM ĐỐC"]}})       # its own identity
    bad_control = copy.deepcopy(child)
    bad_control["appendix"]["parts"][0]["groups"][0]["tasks"][0]["at"] = "middle"
    assert errors(validator, bad_control)
    whole = copy.deepcopy(child)                     # a list without ids is written whole
    whole["appendix"]["layouts"] = {"tasks8": {"columns": [{"field": "stt"}]}}
    assert errors(validator, whole)


def _with_sub_group(data, **extra):
    tasks = data["appendix"]["parts"][0]["groups"][0]["tasks"]
    tasks.insert(1, {"id": "nhom-giua", "kind": "group", "title": "Nhóm", **extra,
                     "tasks": [{"id": "viec-giua", "content": "Việc"}]})


def test_a_sub_group_among_tasks_passes_both_and_its_mistakes_fail_both(validator):
    assert errors(validator, _mutated(_with_sub_group)) == []
    assert validate_tree(copy.deepcopy(_mutated(_with_sub_group))) == []
    for bad in ({"kind": "grup"}, {"content": "Việc"}, {"title": ""}):
        data = _mutated(lambda d: _with_sub_group(d, **bad))
        assert errors(validator, data), bad
        assert validate_tree(copy.deepcopy(data)), bad
    untitled = _mutated(_with_sub_group)
    del untitled["appendix"]["parts"][0]["groups"][0]["tasks"][1]["title"]
    assert errors(validator, untitled) and validate_tree(copy.deepcopy(untitled))


def test_a_child_overrides_a_sub_group_by_id_alone(validator):
    child = {
        "extends": "an-giang-2023.yaml",
        "issuer": {"name": "SỞ A", "full": "Sở A", "abbr": "SA", "place": "An Giang"},
        "document": {"number": "", "date": "2023-02"},
        "signature": {"lines": ["GIÁM ĐỐC"], "name": "Nguyễn Văn A"},
        "appendix": {"parts": [{"id": "kiem-soat", "groups": [{"id": "kiem-soat-chi-dao", "tasks": [
            {"id": "nhom-giua", "title": "Nhóm mới", "tasks": [{"id": "viec-giua", "drop": True}]},
            {"id": "nhom-moi", "kind": "group", "after": "nhom-giua", "title": "Nhóm",
             "tasks": [{"id": "x", "content": "Việc"}]},
        ]}]}]},
    }
    assert errors(validator, child) == []
