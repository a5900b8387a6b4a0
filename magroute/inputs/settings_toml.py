"""A scenario section <-> a settings dataclass, derived from the dataclass's fields.

The keys a section allows are the field names; each key's kind comes from the field's type
(float: a number, int: a whole number, str: text, Path: a path relative to the scenario file,
tuple[str, ...]: a list of strings, `X | None`: optional), its default from the field's
default, and its bounds from `domain.scenario.setting`. Keys that need more (a list of speed
bands, a nested table) are read and written by the section's own function, passed as
`special`.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, TypeVar

from magroute.inputs.tomlfile import TomlTable

T = TypeVar("T")
Special = Callable[[TomlTable, str], Any]  # reads one key of the table itself


def section_keys(cls: type) -> tuple[str, ...]:
    """The keys a section of `cls` allows, in field order."""
    return tuple(f.name for f in dataclasses.fields(cls))


def read_section(t: TomlTable, cls: type[T], *, base: Path,
                 special: Mapping[str, Special] | None = None,
                 given: Mapping[str, Any] | None = None,
                 extra_keys: Collection[str] = ()) -> T | None:
    """A `cls` from the table's keys (the rest from its defaults, `given` over both); None,
    with every problem recorded, when a key is unknown, missing or out of bounds."""
    special = special or {}
    t.check_keys((*section_keys(cls), *extra_keys))
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]  # T is a dataclass by contract
        if f.name not in t.data:
            if _required(f) and (given is None or f.name not in given):
                t.report(f.name, "required key is missing", expected=_expected(hints[f.name]))
            continue
        if f.name in special:
            kwargs[f.name] = special[f.name](t, f.name)
        else:
            kwargs[f.name] = _read_value(t, f, hints[f.name], base)
    kwargs.update(given or {})
    if t.bad:
        return None
    try:
        return cls(**kwargs)
    except ValueError as exc:  # a rule across keys that the dataclass checks itself
        t.report(None, str(exc))
        return None


def _required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _base_type(hint: Any) -> Any:
    """`X | None` -> X; anything else unchanged."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _expected(hint: Any) -> str:
    kind = _base_type(hint)
    return {float: "a number", int: "a whole number", str: "a string",
            Path: "a path"}.get(kind, "a value")


def _read_value(t: TomlTable, f: dataclasses.Field, hint: Any, base: Path) -> Any:
    kind = _base_type(hint)
    meta: Mapping[str, Any] = f.metadata or {}
    minimum, positive = meta.get("minimum"), meta.get("positive", False)
    limit = meta.get("limit")
    choices = tuple(meta.get("choices", ()))
    if kind is float:
        return t.number(f.name, minimum=minimum, positive=positive, limit=limit)
    if kind is int:
        low = 1 if positive else None if minimum is None else int(minimum)
        return t.integer(f.name, minimum=low, limit=limit)
    if kind is str and f.default == "":  # free text such as a note: any string, empty too
        t.free_text(f.name)
        value = t.data[f.name]
        return value if isinstance(value, str) else None
    if kind is str:
        text = t.text(f.name)
        if text is not None and choices and text not in choices:
            t.report(f.name, f"unknown {f.name.replace('_', ' ')}", text,
                     f"one of: {', '.join(choices)}")
        return text
    if kind is Path:
        text = t.text(f.name)
        return None if text is None else (base / Path(text).expanduser()).resolve()
    if typing.get_origin(kind) is tuple and typing.get_args(kind) == (str, ...):
        return t.string_list(f.name, choices=choices or None)
    raise TypeError(f"{f.name}: no TOML reading for {hint!r}; pass a special reader")


# ---------------------------------------------------------------- writing


def section_doc(obj: Any, *, base: Path, changed_only: bool = False,
                skip: Collection[str] = ()) -> dict[str, Any]:
    """The fields of a settings object as TOML values: unset optionals (None) left out, and
    with `changed_only` every field equal to its default; paths relative to `base`."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in skip or value is None:
            continue
        if changed_only and not _required(f) and value == _default(f):
            continue
        out[f.name] = toml_value(value, base)
    return out


def _default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    assert f.default_factory is not dataclasses.MISSING  # _required(f) is False
    return f.default_factory()


def toml_value(value: Any, base: Path) -> Any:
    """A setting as TOML writes it: paths portable, whole floats as integers, (name, number)
    pairs as a table, other tuples as arrays."""
    if isinstance(value, Path):
        return portable(value, base)
    if isinstance(value, float):
        return num(value)
    if isinstance(value, tuple):
        if value and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
                         for v in value):
            return {k: toml_value(v, base) for k, v in value}
        return [toml_value(v, base) for v in value]
    return value


def num(x: float) -> float | int:
    """12.0 -> 12, so that written files read like hand-written ones."""
    return int(x) if isinstance(x, float) and x.is_integer() and abs(x) < 2**53 else x


def portable(path: Path, base: Path) -> str:
    """`path` relative to `base` when they share more than the filesystem root, else absolute."""
    path = Path(path).absolute()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        pass
    try:
        common = Path(os.path.commonpath([path, base]))
    except ValueError:  # different drives on Windows
        return path.as_posix()
    if common == Path(common.anchor):
        return path.as_posix()
    return Path(os.path.relpath(path, base)).as_posix()
