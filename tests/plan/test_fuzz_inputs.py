"""Mutated plans: every outcome is a valid plan or clean one-line problems, never a crash."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import PlanError
from generator.plan.workspace import Workspace

from ..conftest import TREE, examples

PROVINCE = (TREE / "province.yaml").read_text(encoding="utf-8")
DEPARTMENT = (TREE / "department.yaml").read_text(encoding="utf-8")
SNIPPETS = [":", "- ", "{", "}", "[", "]", '"', "'", "\t", "\n", "  ", "#", "&a ", "*a", "<<: ",
            "{{ year }}", "{{ x", "{% for %}", "no", "2023-13-45", "31/02/2023", "Quý V/2023",
            "ệ", "\u0301", "drop: true", "id: kh-tinh", "after: nowhere", "~", "null", "12"]


@st.composite
def mutated(draw, text):
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        n = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "indent"]))
        if action == "delete":
            del lines[n]
        elif action == "duplicate":
            lines.insert(n, lines[n])
        elif action == "indent":
            lines[n] = draw(st.sampled_from([" ", "   ", "\t"])) + lines[n]
        else:
            pos = draw(st.integers(0, len(lines[n])))
            snippet = draw(st.sampled_from(SNIPPETS) | st.text(max_size=8))
            end = pos + (draw(st.integers(0, 6)) if action == "replace" else 0)
            lines[n] = lines[n][:pos] + snippet + lines[n][end:]
        if not lines:
            lines = [""]
    return "\n".join(lines)


def _outcome(tmp_path, name, text):
    (tmp_path / "province.yaml").write_text(PROVINCE, encoding="utf-8")
    (tmp_path / "department.yaml").write_text(DEPARTMENT, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        Workspace().load(tmp_path / name)
    except PlanError as e:
        assert e.problems, "an error must say what is wrong"
        for problem in e.problems:
            line = str(problem)
            assert "\n" not in line and problem.pos is not None and problem.message, line


SETTINGS = settings(max_examples=examples(50), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(text=mutated(PROVINCE))
def test_mutated_root_plan_never_crashes(tmp_path, text):
    _outcome(tmp_path, "province.yaml", text)


@SETTINGS
@given(text=mutated(DEPARTMENT))
def test_mutated_child_plan_never_crashes(tmp_path, text):
    _outcome(tmp_path, "department.yaml", text)
