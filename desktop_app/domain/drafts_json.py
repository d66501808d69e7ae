"""Drafts (dataclasses of plain values) to JSON and back, by their type hints.

Used to keep an editor's unsaved draft on disk while it is being edited, so that after a crash the
user is offered what was typed; any draft of any area converts the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(item) for item in value]
    return value


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        for option in options:
            try:
                return _convert(option, value)
            except (TypeError, ValueError):
                continue
        return value
    if origin in (list, tuple, set, frozenset):
        (item_hint, *_rest) = typing.get_args(hint) or (Any,)
        items = [_convert(item_hint, item) for item in value]
        return origin(items) if origin is not list else items
    if origin is dict:
        key_hint, item_hint = typing.get_args(hint) or (Any, Any)
        return {key: _convert(item_hint, item) for key, item in value.items()}
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return from_jsonable(hint, value)
        if issubclass(hint, dt.datetime):
            return dt.datetime.fromisoformat(value)
        if issubclass(hint, dt.date):
            return dt.date.fromisoformat(value)
        if issubclass(hint, enum.Enum):
            return hint(value)
        if hint in (int, float, str, bool):
            if hint is int and isinstance(value, bool):
                raise TypeError("not an int")
            if hint is bool and not isinstance(value, bool):
                raise TypeError("not a bool")
            return hint(value)
    return value


def from_jsonable(cls: type[T], data: dict[str, Any]) -> T:
    """The draft ``cls`` from what :func:`to_jsonable` wrote (unknown keys ignored)."""
    hints = typing.get_type_hints(cls)
    values = {field.name: _convert(hints.get(field.name, Any), data[field.name])
              for field in dataclasses.fields(cls)  # type: ignore[arg-type]
              if field.name in data}
    return cls(**values)
