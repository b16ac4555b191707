"""Records behave as the frozen dataclasses they replace: immutable, equal and hashed by value,
copied with ``replace``, pickled to worker processes, and without a per-instance dict."""
from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from generator.build.state import Entry, FileStamp
from generator.build.worker import Job, Result
from generator.errors import Pos, Problem
from generator.plan.dates import DocDate
from generator.plan.model import Column, Layout, Plan, Task
from generator.record import FrozenError, asdict, record, replace

from .render.fixtures import standalone_plan

JOB = Job(Path("/p/a.yaml"), Path("a.yaml"), Path("/p/out/a.docx"))


def test_a_frozen_record_refuses_assignment_and_deletion():
    column = Column("stt", "Stt", 12)
    with pytest.raises(FrozenError, match="cannot assign to field 'label' of a frozen Column"):
        column.label = "Số"
    with pytest.raises(AttributeError):
        del column.field
    with pytest.raises(AttributeError):
        column.extra = 1                                    # no such field, and no __dict__
    assert column.label == "Stt"


@pytest.mark.parametrize("value", [
    Column("stt", "Stt", 12), DocDate(2023, 1), Problem(Pos("a.yaml", 3, 5), "sai", "t1"),
    standalone_plan(),
])
def test_every_model_record_is_frozen(value):
    for name in value._fields:
        with pytest.raises(FrozenError):
            setattr(value, name, getattr(value, name))


def test_equal_by_value_hashed_as_the_tuple_of_fields():
    a, b = Problem(Pos("a.yaml", 3, 5), "sai"), Problem(Pos("a.yaml", 3, 5), "sai")
    assert a == b and a is not b and len({a, b}) == 1
    assert hash(a) == hash((Pos("a.yaml", 3, 5), "sai", None, False, False))
    assert a != Problem(Pos("a.yaml", 3, 5), "sai", warning=True)
    assert a != (Pos("a.yaml", 3, 5), "sai", None, False, False)      # not a tuple
    with pytest.raises(TypeError, match="unhashable"):
        hash(Result(JOB))                               # mutable: no hash


def test_arguments_and_defaults():
    task = Task("t1", {}, None)
    assert (task.span, task.rows, task.merge_up) == (None, (), frozenset())
    assert Task(id="t1", cells={}, deadline=None) == task
    assert repr(DocDate(2023, 1)) == "DocDate(year=2023, month=1, day=None)"
    with pytest.raises(TypeError, match="missing argument 'deadline'"):
        Task("t1", {})
    with pytest.raises(TypeError, match="unexpected or repeated argument 'id'"):
        Task("t1", {}, None, id="t2")
    with pytest.raises(TypeError, match="takes 3 arguments, got 4"):
        Column("a", "b", 1, 2)
    every = dict(id="t1", cells={}, deadline=None, span=None, rows=(), merge_up=frozenset())
    assert Task(**every) == task
    every["merge"] = every.pop("merge_up")
    with pytest.raises(TypeError, match="unexpected or repeated argument 'merge'"):
        Task(**every)


def test_a_factory_default_is_made_for_each_instance():
    one, two = Result(JOB), Result(JOB)
    one.problems.append(Problem(None, "x"))
    assert two.problems == [] and one.problems is not two.problems
    assert Plan.__init__ is Task.__init__                              # one shared __init__


def test_replace_copies_with_changes_and_keeps_the_original():
    layout = Layout("l", (Column("stt", "Stt", 12),))
    wide = replace(layout, split_rows=False)
    assert (wide.id, wide.columns, wide.split_rows) == ("l", layout.columns, False)
    assert layout.split_rows is True
    with pytest.raises(TypeError, match="unexpected or repeated argument 'nope'"):
        replace(layout, nope=1)


def test_pickle_copy_and_asdict():
    plan = standalone_plan()
    assert pickle.loads(pickle.dumps(plan)) == plan
    assert copy.deepcopy(plan) == plan and copy.copy(plan) == plan
    entry = Entry("s", {"p": "q"}, FileStamp(1, 2, "d"))
    assert pickle.loads(pickle.dumps(entry)) == entry
    assert asdict(FileStamp(1, 2, "d")) == {"size": 1, "mtime_ns": 2, "sha": "d"}
    assert not hasattr(Column("stt", "Stt", 12), "__dict__")


def test_a_mutable_record_takes_assignment():
    @record(frozen=False)
    class Counter:
        n: int = 0

    counter = Counter()
    counter.n += 1
    assert counter == Counter(1)
