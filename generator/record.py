"""Record classes: fields declared as annotations, like dataclasses, but built without code.

``dataclasses`` writes, compiles and runs several functions for every class at import (about
0.8 ms a class, a sixth of a one-plan build's start-up for the ~35 on its path). A record is
a plain class with ``__slots__`` whose ``__init__``, ``__eq__``, ``__hash__``, ``__repr__``
are shared functions reading the class's field names, so defining one costs what defining any
class costs, and an instance holds no ``__dict__``. A frozen record (the default) refuses
assignment; ``replace`` copies one with some fields changed.

    @record
    class Column:
        field: str
        label: str
        width_mm: float = 0.0
        notes: list[str] = Factory(list)     # a fresh list for each instance
"""
from __future__ import annotations

_REQUIRED = object()            # in ``_tail``: a field without a default


class Factory:
    """A default made anew for each instance (dataclasses' ``default_factory``)."""

    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make


class FrozenError(AttributeError):
    """An assignment to a field of a frozen record."""


def record(cls=None, /, *, frozen: bool = True):
    """The class rebuilt as a record; its own annotations, in order, are the fields."""
    def build(cls):
        names = tuple(cls.__dict__.get("__annotations__", ()))
        body = {k: v for k, v in cls.__dict__.items()
                if k not in names and k not in ("__dict__", "__weakref__")}
        body.update(_METHODS)
        body["__slots__"] = names
        body["_fields"] = names
        body["_tail"] = tuple(cls.__dict__.get(n, _REQUIRED) for n in names)
        body["_index"] = {n: i for i, n in enumerate(names)}
        body["_fixed"] = not any(type(d) is Factory for d in body["_tail"])
        if frozen:
            body["__setattr__"] = body["__delattr__"] = _refuse
            body["__hash__"] = _hash
        else:
            body["__hash__"] = None             # equal by value and mutable: unhashable
        made = type(cls)(cls.__name__, cls.__bases__, body)
        # each slot's own setter: a third cheaper than object.__setattr__ looking it up by
        # name (a child plan makes ~100 records: its Tasks and their cells)
        made._setters = tuple(made.__dict__[name].__set__ for name in names)
        return made
    return build if cls is None else build(cls)


def replace(obj, /, **changes):
    """A copy of the record ``obj`` with ``changes`` (field → value)."""
    for name in obj._fields:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return obj.__class__(**changes)


def asdict(obj) -> dict:
    """The fields of ``obj`` by name, in order (not recursive)."""
    return {name: getattr(obj, name) for name in obj._fields}


def _values(self) -> tuple:
    return tuple([getattr(self, name) for name in self._fields])


def _init(self, *args, **kwargs):
    setters = self._setters
    if kwargs or len(args) != len(setters):
        args = _bind(self, args, kwargs)
    for setter, value in zip(setters, args):
        setter(self, value)


def _bind(self, args: tuple, kwargs: dict) -> tuple | list:
    """All field values: the positional arguments, the keyword ones, then the defaults."""
    cls = self.__class__
    given = len(args)
    if given > len(cls._fields):
        raise TypeError(f"{cls.__name__}() takes {len(cls._fields)} arguments, got {given}")
    tail = cls._tail[given:]                        # each field's default, or _REQUIRED
    if not kwargs and cls._fixed and _REQUIRED not in tail:
        return args + tail                          # a short path: trailing defaults
    if not args and len(kwargs) == len(cls._fields):
        try:
            return [kwargs[name] for name in cls._fields]     # another: every field by name
        except KeyError:
            pass                                    # a name wrong: said below
    values = [*args, *tail]
    for name, value in kwargs.items():
        at = cls._index.get(name, -1)
        if at < given:
            raise TypeError(f"{cls.__name__}() got an unexpected or repeated argument '{name}'")
        values[at] = value
    for at in range(given, len(values)):
        value = values[at]
        if value is _REQUIRED:
            raise TypeError(f"{cls.__name__}() missing argument '{cls._fields[at]}'")
        if type(value) is Factory:
            values[at] = value.make()
    return values


def _eq(self, other):
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self) -> int:
    return hash(_values(self))


def _repr(self) -> str:
    inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
    return f"{self.__class__.__qualname__}({inner})"


def _reduce(self):
    """Pickle (worker processes) and copy by calling the class with the field values."""
    return self.__class__, _values(self)


def _refuse(self, name, value=None):
    raise FrozenError(f"cannot assign to field '{name}' of a frozen {self.__class__.__name__}")


_METHODS = {"__init__": _init, "__eq__": _eq, "__repr__": _repr, "__reduce__": _reduce}
