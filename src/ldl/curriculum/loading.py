"""Reading content files: YAML in, validated pydantic models out, errors that name file and field.

Every content file (syllabus.yaml, stage.yaml, exercise.yaml, card files, lab headers) goes through
`validate(model, data, source)`. When the data does not fit the model, the `ContentError` lists
each problem as `<file>: <field path>: <what is wrong>`, for example

    stages/2-math/stage.yaml: units[1] (math.calculus).hours: Input should be a valid number

so the author knows exactly where to look.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

from ldl.errors import LdlError

Model = TypeVar("Model", bound=pydantic.BaseModel)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built: ~7x faster


class ContentError(LdlError):
    """A content file (shipped with ldl or written by a content author) is malformed."""


class Strict(pydantic.BaseModel):
    """Base of every content model: unknown keys are errors (they are usually typos)."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, defer_build=True)


def display(path: Path) -> str:
    """A short, readable name for a content file: relative to the content root when possible."""
    parts = path.parts
    for anchor in ("content", "stages"):
        if anchor in parts:
            index = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[index + 1 :]) if anchor == "content" else "/".join(parts[index:])
    return str(path)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; a syntax error becomes a ContentError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ContentError(f"{display(path)}: cannot read the file ({error.strerror}).") from error
    return parse_yaml(text, path)


def parse_yaml(text: str, source: Path) -> Any:
    """Parse YAML text that came from `source` (used in error messages)."""
    try:
        return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader, libyaml's when built
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ContentError(f"{display(source)}{where}: not valid YAML: {problem}.") from error


def validate(
    model: type[Model], data: Any, source: Path, at: tuple[int | str, ...] = (), document: Any = None
) -> Model:
    """Build `model` from `data`, or raise a ContentError naming `source` and each bad field.

    When `data` is one part of a file (a card in a list), `at` is its location in the whole
    `document`, so the error still points to the right place in the file.
    """
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:
        whole = data if document is None else document
        lines = [
            f"{display(source)}: {field_path((*at, *e['loc']), whole)}: {e['msg']}" for e in error.errors()
        ]
        raise ContentError(
            "\n".join(lines), hint=f"Fix the field(s) above in {source}; docs/ARCHITECTURE.md has the format."
        ) from None


def field_path(loc: Iterable[int | str], data: Any) -> str:
    """Render a pydantic error location as `units[2] (math.calculus).hours`.

    List indices are followed by the item's `id` when it has one, so the author need not count.
    """
    text, node = "", data
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                text += f" ({node['id']})"
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text or "(top level)"


def suggest(word: str, choices: Iterable[str]) -> str:
    """A hint listing the choices closest to `word`, or all of them if few."""
    choices = sorted(choices)
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.5)
    if close:
        return "Did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
    if len(choices) <= 12:
        return "Known: " + ", ".join(choices) + "."
    return f"There are {len(choices)} known ids; `ldl map` lists the units and their items."
