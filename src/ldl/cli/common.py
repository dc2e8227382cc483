"""What every command module shares: the console, `--json` output and error rendering.

A command computes a typed result with a pure function, then calls `emit(result, render, as_json)`:
with `--json` the result is printed as JSON (dataclasses, pydantic models, paths and numpy scalars
are converted), otherwise `render(result)` draws it with Rich.

`LdlGroup` is the class of the root command: when a command fails because a file cannot be
written (a read-only workspace, a full disk, a folder owned by someone else), it turns the
operating system's or SQLite's error into an `LdlError` that says which folder and what to do,
instead of a traceback.
"""

from __future__ import annotations

import dataclasses
import enum
import errno
import json
import os
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from ldl.errors import LdlError

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


# ---- files ldl cannot write ---------------------------------------------------------------------

UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}
SQLITE_UNWRITABLE = {8, 14}  # SQLITE_READONLY, SQLITE_CANTOPEN (primary result codes)


class LdlGroup(TyperGroup):
    """The root command: file-system failures become clear `LdlError`s (see the module docstring),
    and command groups load lazily: `lazy_commands` maps a command name to the module under
    `ldl.cli` whose `register(app)` adds it, imported the first time that command is needed."""

    lazy_commands: dict[str, str] = {}

    def list_commands(self, ctx) -> list[str]:
        return list(dict.fromkeys([*self.lazy_commands, *super().list_commands(ctx)]))

    def get_command(self, ctx, name: str):
        if name not in self.commands and name in self.lazy_commands:
            self._load(self.lazy_commands[name])
        return super().get_command(ctx, name)

    def _load(self, module_name: str) -> None:
        import importlib

        module = importlib.import_module(f"ldl.cli.{module_name}")
        holder = typer.Typer(rich_markup_mode="markdown")
        holder.callback()(lambda: None)  # a callback keeps a one-command module a group
        module.register(holder)
        for name, command in typer.main.get_command(holder).commands.items():
            self.add_command(command, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (OSError, sqlite3.OperationalError) as error:
            friendly = unwritable_error(error)
            if friendly is None:
                raise
            raise friendly from None


def unwritable_error(error: BaseException) -> LdlError | None:
    """An LdlError for a write that the file system refused; None for any other error."""
    from ldl.workspace import find_workspace

    if isinstance(error, sqlite3.OperationalError):
        if (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF not in SQLITE_UNWRITABLE:
            return None
        workspace = find_workspace()
        path, reason = (workspace.progress_db if workspace else None), str(error)
    elif isinstance(error, OSError) and error.errno in UNWRITABLE:
        workspace = find_workspace()
        path, reason = (Path(error.filename) if error.filename else None), error.strerror or str(error)
    else:
        return None
    where = f" {path}" if path else ""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return LdlError(
            f"The disk is full: ldl could not write{where}.",
            hint="Free some space (`ldl data gc` removes leftover downloads), then run the command again.",
        )
    if workspace is not None and (path is None or _inside(path, workspace.root)):
        state = "read-only" if not os.access(workspace.root, os.W_OK) else "not writable by you here"
        return LdlError(
            f"Your workspace at {workspace.root} is {state}: ldl could not write{where} ({reason}). "
            "Nothing was changed.",
            hint=f"Make it writable (e.g. `chmod -R u+w {workspace.root}`, or remount it read-write), or "
            f"work in a copy: `cp -r {workspace.root} ~/ldl-copy` then `LDL_HOME=~/ldl-copy ldl ...`.",
        )
    return LdlError(
        f"ldl could not write{where or ' a file it needs'} ({reason}). Nothing was changed.",
        hint="Make that folder writable, or point ldl elsewhere: LDL_HOME for your workspace, "
        "LDL_DATA_DIR for datasets, LDL_RUNS_DIR for training runs.",
    )


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True
