"""What every command module shares: the console, `--json` output and error rendering.

A command computes a typed result with a pure function, then calls `emit(result, render, as_json)`:
with `--json` the result is printed as JSON (dataclasses, pydantic models, paths and numpy scalars
are converted), otherwise `render(result)` draws it with Rich.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of a table.")]


def to_jsonable(value: Any) -> Any:
    """Convert results (dataclasses, pydantic models, paths, enums, numpy scalars) to JSON types."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return to_jsonable(value.model_dump())
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # numpy / torch scalars
        try:
            return value.item()
        except (ValueError, TypeError):
            pass
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def print_json(value: Any) -> None:
    typer.echo(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False))


def emit(result: Any, render: Callable[[Any], None], as_json: bool) -> None:
    """Print `result` as JSON when asked, else draw it with `render`."""
    if as_json:
        print_json(result)
    else:
        render(result)
