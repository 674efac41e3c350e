"""Typed conversion of plain data (parsed YAML) into the pack's frozen dataclasses.

Every key is checked; a failure names the key path and the reason, never guesses.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Literal, TypeVar, get_args, get_origin

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import LANGUAGES, Cite, Cited, Text

T = TypeVar("T")


class PackError(DomainError):
    """A pack file is malformed: names the file, the key path and the reason."""

    def __init__(self, file: str, path: str, reason: str) -> None:
        super().__init__(ErrorCode.PACK_INVALID, {"file": file, "key": path, "reason": reason})
        self.file, self.path, self.reason = file, path, reason


def _fail(path: str, reason: str) -> typing.NoReturn:
    raise PackError("", path, reason)


def _convert(tp: Any, data: Any, path: str) -> Any:  # noqa: PLR0911
    origin = get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in get_args(tp) if a is not type(None)]
        if data is None:
            return None
        return _convert(options[0], data, path)
    if origin is Literal:
        if data not in get_args(tp):
            _fail(path, f"must be one of {', '.join(map(str, get_args(tp)))}, not {data!r}")
        return data
    if origin is tuple:
        args = get_args(tp)
        if not isinstance(data, list):
            _fail(path, "must be a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item, f"{path}[{i}]") for i, item in enumerate(data))
        if len(data) != len(args):
            _fail(path, f"must have {len(args)} items")
        return tuple(
            _convert(a, item, f"{path}[{i}]")
            for i, (a, item) in enumerate(zip(args, data, strict=True))
        )
    if origin is Cited:
        return _convert_cited(get_args(tp)[0], data, path)
    if dataclasses.is_dataclass(tp):
        return _convert_dataclass(tp, data, path)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except ValueError:
            _fail(path, f"must be one of {', '.join(str(m.value) for m in tp)}, not {data!r}")
    return _convert_scalar(tp, data, path)


def _convert_scalar(tp: Any, data: Any, path: str) -> Any:  # noqa: PLR0911, PLR0912
    if tp is bool:
        if not isinstance(data, bool):
            _fail(path, f"must be true or false, not {data!r}")
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            _fail(path, f"must be a whole number, not {data!r}")
        return data
    if tp is str:
        if not isinstance(data, str):
            _fail(path, f"must be text, not {data!r}")
        return data
    if tp is Decimal:
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            _fail(path, f"must be a number, not {data!r}")
        try:
            return Decimal(str(data))
        except InvalidOperation:
            _fail(path, f"must be a number, not {data!r}")
    if tp is date:
        if isinstance(data, date):
            return data
        if isinstance(data, str):
            try:
                return date.fromisoformat(data)
            except ValueError:
                pass
        _fail(path, f"must be a date (yyyy-mm-dd), not {data!r}")
    if tp is Any:
        return data
    raise TypeError(f"unsupported type {tp!r} at {path}")


def _convert_cited(inner: Any, data: Any, path: str) -> Cited[Any]:
    if not isinstance(data, Mapping) or "value" not in data or "cite" not in data:
        _fail(path, "must be a mapping with 'value' and 'cite'")
    extra = set(data) - {"value", "cite", "unverified", "note"}
    if extra:
        _fail(path, f"unknown keys {', '.join(sorted(extra))}")
    unverified = _convert(bool, data.get("unverified", False), f"{path}.unverified")
    note = _convert_note(data.get("note"), f"{path}.note")
    if unverified and note is None:
        _fail(f"{path}.note", "an unverified value must say why in a note")
    return Cited(
        value=_convert(inner, data["value"], f"{path}.value"),
        cite=_convert(Cite, data["cite"], f"{path}.cite"),
        unverified=unverified,
        note=note,
    )


def _convert_note(data: Any, path: str) -> Text | None:
    """A note explains a value to the reader, so it is written in every language a page
    may show: Kazakh, Russian and English, none of them empty."""
    if data is None:
        return None
    if not isinstance(data, Mapping):
        _fail(path, f"must give the note in {', '.join(LANGUAGES)}, not {data!r}")
    text: Text = _convert_dataclass(Text, data, path)
    missing = [lang for lang in LANGUAGES if not getattr(text, lang).strip()]
    if missing:
        _fail(f"{path}.{missing[0]}", f"must not be empty (text needed in {', '.join(LANGUAGES)})")
    return text


_ALIASES = {"from": "start", "to": "end", "p": "paragraph"}


def _convert_dataclass(tp: Any, data: Any, path: str) -> Any:
    if not isinstance(data, Mapping):
        _fail(path, "must be a mapping")
    hints = typing.get_type_hints(tp)
    fields = {f.name: f for f in dataclasses.fields(tp) if f.init}
    data = {_ALIASES.get(k, k): v for k, v in data.items()}
    unknown = set(data) - set(fields)
    if unknown:
        _fail(path, f"unknown keys {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for name, fld in fields.items():
        key = f"{path}.{name}" if path else name
        if name == "note" and hints[name] == Text | None:
            values[name] = _convert_note(data.get(name), key)
        elif name == "notes" and name in data and hints[name] == tuple[Text, ...]:
            if not isinstance(data[name], list):
                _fail(key, "must be a list")
            values[name] = tuple(_convert_note(n, f"{key}[{i}]") for i, n in enumerate(data[name]))
        elif name in data:
            values[name] = _convert(hints[name], data[name], key)
        elif fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING:
            _fail(key, "is required")
    return tp(**values)


def convert(tp: type[T], data: Any, path: str = "") -> T:
    """Plain data (from YAML) to a typed value; raises ``PackError`` naming the key."""
    result: T = _convert(tp, data, path)
    return result
