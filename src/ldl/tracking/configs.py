"""Run configs: one dataclass of hyperparameters per training script, saved as JSON with the run.

    @dataclass
    class Config:
        lr: float = 0.1
        \"\"\"Learning rate.\"\"\"
        fast: bool = False

    config_to_dict(Config())                        # {"lr": 0.1, "fast": False}
    apply_overrides(Config(), ["lr=0.01"])          # Config(lr=0.01, fast=False)

`apply_overrides` turns `--set field=value` strings into typed fields, so `ldl run` can change any
hyperparameter from the command line without the script parsing arguments itself.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from pathlib import Path
from typing import Any

from ldl.errors import LdlError

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def _plain(value: Any) -> Any:
    """A JSON-ready copy of `value` (paths become strings, tuples lists, enums their values)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return value.item()
    return value


def config_to_dict(config: Any) -> dict[str, Any]:
    """A dataclass instance or a dict, as a JSON-ready dict."""
    if dataclasses.is_dataclass(config) and not isinstance(config, type):
        return _plain(dataclasses.asdict(config))
    if isinstance(config, dict):
        return _plain(config)
    raise LdlError(f"A run config must be a dataclass instance or a dict, not {type(config).__name__}.")


def resume_may_change(config: Any) -> tuple[str, ...]:
    """The fields a resumed run may change: those that only decide when it stops.

    A config class declares them as `RESUME_MAY_CHANGE: ClassVar[tuple[str, ...]] = ("num_episodes",)`,
    so that `ldl run NAME --resume RUN --set num_episodes=20000` extends a run instead of refusing.
    A field belongs there only if training up to the old stop is the same with either value.
    """
    return tuple(getattr(config, "RESUME_MAY_CHANGE", ()))


def missing_means(config: Any) -> dict[str, Any]:
    """What a saved config that lacks a field ran with, for fields whose default is not that.

    A field added to a script later usually gets a default that keeps the old behaviour, and a run
    saved before it existed resumes with that default. When a new default changes the recipe (a
    better one found later), the class says what the field's absence means:
    `MISSING_MEANS: ClassVar[dict[str, Any]] = {"opening_plies": 0}`; an old run then resumes as it
    ran, and only new runs get the new default."""
    return dict(getattr(config, "MISSING_MEANS", {}))


def config_defaults(config: Any) -> dict[str, Any]:
    """The JSON-ready value a saved config without a field stands for: the field's default, or its
    entry in `missing_means` ({} for a dict)."""
    if not dataclasses.is_dataclass(config):
        return {}
    defaults = {}
    for field in dataclasses.fields(config):
        if field.default is not dataclasses.MISSING:
            defaults[field.name] = _plain(field.default)
        elif field.default_factory is not dataclasses.MISSING:
            defaults[field.name] = _plain(field.default_factory())
    return {**defaults, **_plain(missing_means(config))}


def describe_config_diff(
    saved: dict[str, Any],
    current: dict[str, Any],
    ignore: tuple[str, ...] = (),
    defaults: dict[str, Any] | None = None,
) -> str:
    """Human-readable differences between two configs ("" when equal), e.g. "lr: 0.1 -> 0.2".

    Fields in `ignore` are not compared. A field the saved config lacks counts as its value in
    `defaults`: a field added to the script after the run started, whose default keeps the old
    behaviour, does not stop the run from resuming."""
    saved = {**{k: v for k, v in (defaults or {}).items() if k in current}, **saved}
    parts = []
    for key in sorted((set(saved) | set(current)) - set(ignore)):
        if key not in current:
            parts.append(f"{key}: {saved[key]!r} -> (missing)")
        elif key not in saved:
            parts.append(f"{key}: (missing) -> {current[key]!r}")
        elif saved[key] != current[key]:
            parts.append(f"{key}: {saved[key]!r} -> {current[key]!r}")
    return "; ".join(parts)


_TYPE_NAMES = {"int": "an integer", "float": "a number", "str": "a string", "Path": "a path"}


def _convert(text: str, annotation: Any, field: str) -> Any:
    """Convert the command-line string `text` to the type `annotation` of `field`."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if text.lower() == "none" and len(options) < len(typing.get_args(annotation)):
            return None
        if len(options) == 1:
            return _convert(text, options[0], field)
    if origin is typing.Literal:
        choices = typing.get_args(annotation)
        for choice in choices:
            if str(choice) == text:
                return choice
        raise LdlError(f"{field} must be one of {', '.join(map(str, choices))}; got {text!r}.")
    if annotation is bool:
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise LdlError(f"{field} is true or false; got {text!r}.")
    if annotation in (int, float, str, Path):
        try:
            return annotation(text)
        except ValueError:
            name = _TYPE_NAMES[annotation.__name__]
            raise LdlError(f"{field} must be {name}; got {text!r}.") from None
    if origin in (tuple, list):
        return _convert_sequence(text, annotation, field)
    raise LdlError(f"{field} has type {annotation}, which --set cannot convert yet.")


def _convert_sequence(text: str, annotation: Any, field: str) -> Any:
    """`32,128` or `[32, 128]` -> a tuple or list of the element type (tuple[int, int], list[str], ...)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    inner = text.strip()
    if inner[:1] in "[(" and inner[-1:] in "])":
        inner = inner[1:-1]
    parts = [part.strip().strip("'\"") for part in inner.split(",")] if inner.strip() else []
    if origin is tuple and args and args[-1] is not Ellipsis:
        if len(parts) != len(args):
            raise LdlError(
                f"{field} takes {len(args)} comma-separated values (e.g. --set {field}="
                f"{','.join(['1'] * len(args))}); got {text!r}."
            )
        kinds = args
    else:
        kinds = (args[0] if args else str,) * len(parts)
    values = [_convert(part, kind, field) for part, kind in zip(parts, kinds)]
    return tuple(values) if origin is tuple else values


def apply_overrides(config: Any, overrides: list[str]) -> Any:
    """A copy of the dataclass `config` with `field=value` overrides converted to each field's type."""
    hints = typing.get_type_hints(type(config))
    fields = [field.name for field in dataclasses.fields(config)]
    changes: dict[str, Any] = {}
    for item in overrides:
        name, equals, text = item.partition("=")
        name = name.strip().replace("-", "_")
        if not equals:
            raise LdlError(f"--set expects field=value, got {item!r}.", hint="For example: --set lr=0.01")
        if name not in fields:
            raise LdlError(
                f"{type(config).__name__} has no field {name!r}.",
                hint=f"Valid fields: {', '.join(fields)}.",
            )
        changes[name] = _convert(text.strip(), hints[name], name)
    return dataclasses.replace(config, **changes)


def config_from_dict(config_class: type, values: dict[str, Any]) -> Any:
    """Rebuild a config dataclass from its saved JSON (strings go back to paths, literals...)."""
    hints = typing.get_type_hints(config_class)
    unknown = sorted(set(values) - set(hints))
    if unknown:
        raise LdlError(
            f"The saved config has fields that {config_class.__name__} no longer has: {', '.join(unknown)}.",
            hint="The training script changed since this run started; start a new run.",
        )
    values = {**missing_means(config_class), **values}  # fields added since it was saved
    converted = {
        name: _convert(value, hints[name], name)
        if isinstance(value, str) and hints[name] is not str
        else value
        for name, value in values.items()
    }
    return config_class(**converted)


def field_docs(config_class: type) -> dict[str, str]:
    """Each field's docstring (the string literal written just below it in the class body); a field
    a subclass sets again without one keeps its base class's docstring."""
    docs: dict[str, str] = {}
    for klass in reversed(config_class.__mro__[:-1]):  # base classes first, object left out
        docs.update(_own_field_docs(klass))
    return docs


def _own_field_docs(config_class: type) -> dict[str, str]:
    import ast
    import inspect
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(config_class)))
    except (OSError, TypeError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {}
    for node, following in zip(body, body[1:], strict=False):
        documented = isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and documented:
            docs[node.target.id] = inspect.cleandoc(str(following.value.value))
    return docs
