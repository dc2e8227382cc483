"""CLI group: `ldl progress`, your progress as a file you can move, keep or repair.

    ldl progress export [FILE]     write all your progress as JSON (to stdout without FILE)
    ldl progress import FILE       merge an export into this workspace (twice changes nothing)
    ldl progress rescue FILE       merge what can still be read from a damaged store file

The store also keeps automatic backups in `.ldl/backups/progress/` and restores the newest one by
itself when it finds damage (see `ldl.progress.backup`); `rescue` is for trying a damaged file again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from ldl.cli import common
from ldl.errors import LdlError

progress_app = typer.Typer(
    help="Your progress as a file: export it, import it elsewhere, rescue a damaged store.\n\n"
    "The store also keeps automatic backups in .ldl/backups/progress/ and restores them by itself.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""
    app.add_typer(progress_app, name="progress")


@dataclass(frozen=True)
class MergeReport:
    source: str
    added: dict[str, int]  # rows added (or, for unit statuses, updated) per table

    @property
    def total(self) -> int:
        return sum(self.added.values())


def export_progress() -> dict:
    """The whole store of the current workspace as an export document."""
    from ldl.progress import transfer
    from ldl.progress.store import ProgressStore, now
    from ldl.workspace import require_workspace

    with ProgressStore(require_workspace().progress_db) as store:
        return transfer.document(store.export_tables(), store.schema_version, now())


def import_progress(source: Path) -> MergeReport:
    """Merge the export file `source` into the current workspace's store."""
    from ldl.progress import transfer
    from ldl.progress.store import ProgressStore
    from ldl.workspace import require_workspace

    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LdlError(f"There is no file {source}.", hint="Check the path you gave.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LdlError(
            f"{source} is not a JSON progress export ({error}).",
            hint="Make one with `ldl progress export FILE`.",
        ) from None
    tables = transfer.tables_of(data, str(source))
    with ProgressStore(require_workspace().progress_db) as store:
        return MergeReport(str(source), store.merge(tables))


def rescue_progress(damaged: Path) -> MergeReport:
    from ldl.progress.rescue import rescue_into
    from ldl.progress.store import ProgressStore
    from ldl.workspace import require_workspace

    with ProgressStore(require_workspace().progress_db) as store:
        return MergeReport(str(damaged), rescue_into(damaged, store))


def render_merge(report: MergeReport) -> None:
    if not report.total:
        common.console.print(f"Nothing new in {report.source}: your progress already holds all of it.")
        return
    parts = ", ".join(f"{count} {table.replace('_', ' ')}" for table, count in report.added.items() if count)
    common.console.print(f"Merged from {report.source}: {parts}.", soft_wrap=True)
    common.console.print("`ldl status` shows where you stand now.")


@progress_app.command("export")
def export_command(
    file: Annotated[Path | None, typer.Argument(help="Where to write the JSON; stdout when omitted.")] = None,
) -> None:
    """Write all your progress (attempts, hints, labs, reviews, units, goal) as one JSON file."""
    text = json.dumps(export_progress(), indent=1, ensure_ascii=False) + "\n"
    if file is None:
        typer.echo(text, nl=False)
        return
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, file)
    common.err_console.print(f"Wrote your progress to {file}; `ldl progress import {file}` reads it back.")


@progress_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A file written by `ldl progress export`.")],
    as_json: common.JsonOption = False,
) -> None:
    """Merge an export into this workspace's progress; records already here are not added twice."""
    common.emit(import_progress(file), render_merge, as_json)


@progress_app.command("rescue")
def rescue_command(
    file: Annotated[Path, typer.Argument(help="A damaged store, e.g. .ldl/progress.sqlite.corrupt-...")],
    as_json: common.JsonOption = False,
) -> None:
    """Read every record that can still be read from a damaged progress store and merge it in."""
    common.emit(rescue_progress(file), render_merge, as_json)
