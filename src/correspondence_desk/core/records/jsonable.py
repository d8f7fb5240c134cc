"""Records to plain JSON values and back (an issued letter's snapshot is stored this way)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any, TypeVar

T = TypeVar("T")


def from_jsonable(cls: type[T], data: Any) -> T:
    """The inverse of `to_jsonable` for a record class: nested records, enums, dates and tuples rebuilt
    from their declared types (an issued letter's snapshot is read back this way)."""
    return _decode(cls, data)  # type: ignore[no-any-return]


def _decode(kind: Any, value: Any) -> Any:
    import types
    import typing

    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        return None if value is None else _decode(options[0], value)
    if origin is tuple:
        (item, *_rest) = typing.get_args(kind)
        return tuple(_decode(item, v) for v in value)
    if origin in (dict, list) or kind is Any:
        return value
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: _decode(hints[f.name], value[f.name]) for f in dataclasses.fields(kind)
                       if f.name in value})  # fmt: skip
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    return value


def to_jsonable(value: object) -> object:
    """Records → plain JSON values: dates as YYYY-MM-DD, enums as their value, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value
