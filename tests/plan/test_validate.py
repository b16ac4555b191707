"""Schema and domain problems: one clear line each, at the right file and line."""
import pytest

from generator.errors import PlanError
from generator.plan.workspace import Workspace

from ..conftest import edit


def problems(path):
    with pytest.raises(PlanError) as e:
        Workspace().load(path)
    return [str(p) for p in e.value.problems]


def problems_after(path, old, new):
    """The problems of the plan at ``path`` once ``old`` is replaced by ``new`` in it."""
    edit(path, old, new)
    return problems(path)


@pytest.mark.parametrize("old, new, expected", [
    ("year: 2023", "year: two thousand",
     "plans/province.yaml:1:7: 'year' must be an integer, not text"),
    ('  date: "2023-01-18"', '  date: "2023-02-31"',
     "plans/province.yaml:10:9: 'date': '2023-02-31': day 31 does not exist in 02/2023"),
    ('  date: "2023-01-18"', '  date: "2024-13-01"',
     "plans/province.yaml:10:9: 'date': '2024-13-01': month 13 does not exist"),
    ("  abbr: \"UBND\"", "  abbr: [UBND]",
     "plans/province.yaml:6:9: 'abbr' must be text, not a list"),
    ("              result: \"Kế hoạch được ban hành\"", "              reslt: \"Kế hoạch được ban hành\"",
     "plans/province.yaml:65:15: unknown key 'reslt'; did you mean 'result'? (task kh-tinh)"),
    ("              lead: vp_ubnd_tinh", "              lead: vp_ubnd",
     "plans/province.yaml:62:21: unknown unit 'vp_ubnd'; did you mean 'vp_ubnd_tinh'? (task kh-tinh)"),
    ('              deadline: "15/02/2023"', '              deadline: "31/02/2023"',
     "plans/province.yaml:69:25: bad deadline: '31/02/2023' is not a date: day 31 does not exist in 02/2023 (task kh-so)"),
    ('              deadline: "Tháng 01/2023"', '              deadline: "Tháng 13/2023"',
     "plans/province.yaml:64:25: bad deadline: month 13 does not exist (task kh-tinh)"),
    ("            - id: kiem-tra", "            - id: kh-so",
     "plans/province.yaml:71:19: duplicate id 'kh-so' (also at plans/province.yaml:66:19)"),
    ("  name: \"Nguyễn Thanh Bình\"", "  nam: \"Nguyễn Thanh Bình\"",
     "plans/province.yaml:92:3: unknown key 'nam'; did you mean 'name'?"),
    ("        - {id: md-1, kind: bullet,", "        - {id: md-1, kind: bulet,",
     "plans/province.yaml:32:28: 'kind' is 'bulet'; allowed: text, bullet, item, heading, note"),
    ("  layout: tasks8\n  parts:", "  layout: tasks9\n  parts:",
     "plans/province.yaml:52:11: layout 'tasks9' is not among layouts: tasks8"),
    ('"Kế hoạch được ban hành"', '"Kế hoạch\x01 được ban hành"',
     "plans/province.yaml:65:32: the text holds the control character U+0001, which a plan cannot "
     "hold: delete it"),
    ('"Kế hoạch được ban hành"', '"Kế hoạch\\x01 được ban hành"',
     "plans/province.yaml:65:23: text holds the character U+0001, which a DOCX cannot "
     "store: delete it (task kh-tinh)"),
    ("năm {{ year }} của {{ issuer.short }}", "năm {{ yaer }}",
     "plans/province.yaml:61:24: unknown placeholder name: 'yaer' is undefined "
     "(available: year, issuer.*, document.*, parent.*, units.*) (task kh-tinh)"),
])
def test_one_clear_line_per_problem(plans_dir, old, new, expected):
    assert problems_after(plans_dir / "province.yaml", old, new) == [expected]


def test_missing_required_keys_are_named(plans_dir):
    assert problems_after(plans_dir / "province.yaml", '  full: "Ủy ban nhân dân tỉnh An Giang"\n', "") == [
        "plans/province.yaml:3:3: missing required key 'full'"]


def test_all_problems_of_a_file_are_reported(plans_dir):
    edit(plans_dir / "province.yaml", "year: 2023", "year: x")
    edit(plans_dir / "province.yaml", "  abbr: \"UBND\"", "  abbr: 5")
    assert len(problems(plans_dir / "province.yaml")) == 2


def test_child_deadline_later_than_parent(plans_dir):
    assert problems_after(plans_dir / "department.yaml", 'deadline: "Quý II/2023"', 'deadline: "Quý IV/2023"') == [
        "plans/department.yaml:37:25: deadline 'Quý IV/2023' is later than the parent's "
        "'Quý II, III/2023' (plans/province.yaml:74:25); to keep it, give the reason with "
        "deadline_reason: (task kiem-tra)"]


def test_a_reason_turns_a_later_deadline_into_a_warning(plans_dir):
    edit(plans_dir / "department.yaml", 'deadline: "Quý II/2023"',
         'deadline: "Quý IV/2023"\n              deadline_reason: "chờ hướng dẫn của Bộ"')
    warnings = [str(w) for w in Workspace().load(plans_dir / "department.yaml").warnings]
    assert warnings == ["plans/department.yaml:37:25: warning: deadline 'Quý IV/2023' is later than "
                        "the parent's 'Quý II, III/2023' (plans/province.yaml:74:25); accepted because: "
                        "chờ hướng dẫn của Bộ (task kiem-tra)"]


def test_schema_error_in_child_points_at_the_child(plans_dir):
    assert problems_after(plans_dir / "department.yaml", "              coordinating: [phong_chuyen_mon]",
                          "              coordinating: {a: 1}") == [
        "plans/department.yaml:29:29: 'coordinating' must be text or a list, not a mapping (task kh-tinh)"]


def test_a_citation_is_parent_or_a_mapping(plans_dir):
    assert problems_after(plans_dir / "province.yaml",
                          '    - "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"',
                          "    - {cite: cha}") == [
        "plans/province.yaml:19:14: 'cite': a citation is 'parent' or a mapping, not 'cha'"]


@pytest.mark.parametrize("old, new, expected", [
    ("year: 2023\n", "year: 2023\ncite_parent: yes\n",
     "plans/province.yaml:2:14: 'cite_parent' is 'yes': write true or false"),
    ('content: "Kế hoạch kiểm soát thủ tục hành chính năm {{ year }} của {{ issuer.short }}"',
     'content: "   "', "plans/province.yaml:61:24: 'content' must not be empty (task kh-tinh)"),
    ('content: "Kế hoạch kiểm soát thủ tục hành chính năm {{ year }} of {{ issuer.short }}"'
     .replace(" of ", " của "), "content:",
     "plans/province.yaml:61:23: 'content' must not be empty (task kh-tinh)"),
    ('  vp_ubnd_tinh: "Văn phòng UBND tỉnh"', '  vp_ubnd_tinh: ""',
     "plans/province.yaml:12:17: 'vp_ubnd_tinh' must not be empty"),
    ('              deadline: "Tháng 01/2023"', '              deadline: "2023-02-30"',
     "plans/province.yaml:64:25: bad deadline: '2023-02-30' is not a date: day 30 does not exist in 02/2023 (task kh-tinh)"),
])
def test_empty_text_booleans_and_iso_dates(plans_dir, old, new, expected):
    assert problems_after(plans_dir / "province.yaml", old, new) == [expected]


def test_a_deadline_before_the_plan_year_is_a_warning_unless_explained(plans_dir):
    edit(plans_dir / "province.yaml", 'deadline: "Tháng 01/2023"', 'deadline: "Tháng 12/2022"')
    warnings = [str(w) for w in Workspace().load(plans_dir / "province.yaml").warnings]
    assert warnings == ["plans/province.yaml:64:25: warning: deadline 'Tháng 12/2022' falls before "
                        "the plan year 2023 (if that is meant, say why with deadline_reason:) "
                        "(task kh-tinh)"]


def test_the_reason_of_a_parent_does_not_excuse_its_grandchild(plans_dir):
    edit(plans_dir / "department.yaml", 'deadline: "Quý II/2023"',
         'deadline: "Quý IV/2023"\n              deadline_reason: "chờ hướng dẫn của Bộ"')
    (plans_dir / "office.yaml").write_text(
        "extends: department.yaml\n"
        'issuer: {name: ["PHÒNG A"], full: "Phòng A", abbr: "PA", place: "An Giang"}\n'
        'document: {number: "3", date: "2023-03-01"}\n'
        'signature: {lines: ["TRƯỞNG PHÒNG"], name: "C"}\n'
        "appendix:\n  parts:\n    - id: kiem-soat\n      groups:\n        - id: chi-dao\n"
        '          tasks:\n            - {id: kiem-tra, deadline: "Tháng 01/2024"}\n', encoding="utf-8")
    found = problems(plans_dir / "office.yaml")
    assert len(found) == 1 and found[0].startswith("plans/office.yaml:11:40: deadline 'Tháng 01/2024' is "
                                                   "later than the parent's 'Quý IV/2023'")


def test_problems_of_every_stage_come_together_in_file_order(plans_dir):
    edit(plans_dir / "province.yaml", "decision:", "decison_note: x\ndecision:")
    edit(plans_dir / "province.yaml", "năm {{ year }} của {{ issuer.short }}", "năm {{ yaer }}")
    edit(plans_dir / "province.yaml", "              lead: vp_ubnd_tinh", "              lead: vp_ubnd")
    edit(plans_dir / "province.yaml", '"15/02/2023"', '"31/02/2023"')
    found = problems(plans_dir / "province.yaml")
    assert [p.split(": ")[1].split(" ")[0] for p in found] == ["unknown", "unknown", "unknown", "bad"]
    assert [int(p.split(":")[1]) for p in found] == sorted(int(p.split(":")[1]) for p in found)


def test_a_child_of_another_year_is_one_error_at_its_year(plans_dir):
    assert problems_after(plans_dir / "department.yaml", "extends: province.yaml\n",
                          "extends: province.yaml\nyear: 2024\n") == [
        "plans/department.yaml:2:7: year 2024 is not the year of the plan it extends "
        "(2023, plans/province.yaml:1:7): a plan extends a plan of its own year "
        "(the rest of the plan is checked once the years agree)"]


def test_a_refused_identity_does_not_hide_the_other_placeholders(plans_dir):
    edit(plans_dir / "province.yaml", '  full: "Ủy ban nhân dân tỉnh An Giang"\n', "")
    edit(plans_dir / "province.yaml", '"Nội dung thực hiện năm {{ year }}"', '"Nội dung năm {{ nam }}"')
    found = problems(plans_dir / "province.yaml")
    assert found[0] == "plans/province.yaml:3:3: missing required key 'full'"
    assert found[1].startswith("plans/province.yaml:38:10: unknown placeholder name: 'nam'")
    assert len(found) == 2          # {{ issuer.short }} of kh-tinh is not judged: issuer is refused
