"""`ldl data`: list, inspect, download, check and clean the datasets the curriculum uses.

Rendering only: the work is done by `ldl.data.store` and `ldl.data.describe`, imported inside
each command so that `ldl --help` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ldl.cli import common
from ldl.errors import LdlError

data_app = typer.Typer(
    help="Datasets: list them, fetch them (verified by checksum), check and clean the cache.\n\n"
    "Files are looked for in the cache (LDL_DATA_DIR), installed packages, the folders in "
    "LDL_DATA_MIRROR and system folders before the network; LDL_OFFLINE=1 never downloads.",
    no_args_is_help=True,
)

NameArgument = Annotated[str, typer.Argument(help="A dataset name from `ldl data list`.")]
_STATUS_STYLE = {"ready": "green", "ok": "green", "missing": "yellow", "corrupt": "red"}


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""
    app.add_typer(data_app, name="data")


def _size(size: int | None) -> str:
    return "?" if size is None else f"{size / 1e6:.1f} MB"


def _styled(status: str) -> str:
    return f"[{_STATUS_STYLE.get(status, 'white')}]{status}[/]"


@data_app.command("list")
def list_command(as_json: common.JsonOption = False) -> None:
    """List every dataset, its size, whether it is ready here, and how its checksums are known."""
    from ldl.data.describe import list_datasets

    def render(rows) -> None:
        table = Table("name", "title", "size", "status", "checksums")  # licences: `info` and --json
        for row in rows:
            table.add_row(row.name, row.title, _size(row.size), _styled(row.status), row.checksums)
        common.console.print(table)

    common.emit(list_datasets(), render, as_json)


@data_app.command("info")
def info_command(name: NameArgument, as_json: common.JsonOption = False) -> None:
    """Show a dataset's origin, licence, citation, loader, files, checksums and local copies."""
    from ldl.data.describe import dataset_info

    def render(info) -> None:
        console = common.console
        console.print(f"[bold]{info.title}[/] ({info.name})\n{info.summary}")
        console.print(f"homepage: {info.homepage}\nlicence:  {info.licence}\ncite:     {info.citation}")
        console.print(f"loader:   {info.loader}\ncache:    {info.cache_dir}")
        if info.notes:
            console.print(f"note:     {info.notes}")
        for f in info.files:
            checksum = f"sha256 {f.sha256}" if f.sha256 else f"md5 {f.md5} (no SHA-256 known)"
            trust = "verified by ldl" if f.verified else "published, not checked by ldl"
            console.print(f"\n  [bold]{f.name}[/] {_size(f.size)} {_styled(f.status)} {f.path or ''}")
            console.print(f"    from:   {f.source}\n    {checksum} ({trust})\n    how:    {f.provenance}")
            if f.mirror_paths:
                console.print(f"    mirror: <LDL_DATA_MIRROR folder>/{' or '.join(f.mirror_paths)}")

    common.emit(dataset_info(name), render, as_json)


@data_app.command("fetch")
def fetch_command(
    names: Annotated[list[str], typer.Argument(help="Dataset names from `ldl data list`.")],
    as_json: common.JsonOption = False,
) -> None:
    """Make the datasets available: use a verified local copy, or download and verify one."""
    from ldl.data.store import fetch

    result = {name: fetch(name) for name in names}

    def render(fetched) -> None:
        for name, paths in fetched.items():
            common.console.print(f"[green]ready[/] {name}")
            for path in paths.values():
                common.console.print(f"  {path}")

    common.emit(result, render, as_json)


@data_app.command("verify")
def verify_command(
    names: Annotated[list[str] | None, typer.Argument(help="Datasets to check (default: all).")] = None,
    as_json: common.JsonOption = False,
) -> None:
    """Check the checksum of every local copy; exits with status 1 if one is corrupt."""
    from ldl.data.store import verify

    statuses = verify(names)

    def render(rows) -> None:
        table = Table("dataset", "file", "status", "path")
        for row in rows:
            table.add_row(row.dataset, row.name, _styled(row.status), str(row.path or row.detail))
        common.console.print(table)

    common.emit(statuses, render, as_json)
    if any(status.status == "corrupt" for status in statuses):
        raise typer.Exit(1)


@data_app.command("path")
def path_command(name: NameArgument, as_json: common.JsonOption = False) -> None:
    """Print where a dataset's verified files are (fetch it first if they are missing)."""
    from ldl.data.store import file_statuses

    statuses = file_statuses(name)
    missing = [status.name for status in statuses if status.status != "ok"]
    if missing:
        hint = f"Run `ldl data fetch {name}`."
        raise LdlError(f"{name} is not ready here: {', '.join(missing)}.", hint=hint)

    def render(paths) -> None:
        for path in paths.values():
            typer.echo(str(path))  # plain lines, easy to use from a shell script

    common.emit({status.name: status.path for status in statuses}, render, as_json)


@data_app.command("gc")
def gc_command(as_json: common.JsonOption = False) -> None:
    """Delete leftovers from the cache: interrupted downloads, unknown and corrupt files."""
    from ldl.data.store import gc

    removed = gc()

    def render(rows) -> None:
        for row in rows:
            common.console.print(f"removed {row.path} ({_size(row.bytes)}, {row.reason})")
        total = sum(row.bytes for row in rows)
        common.console.print(f"{len(rows)} leftover(s) removed, {_size(total)} freed.")

    common.emit(removed, render, as_json)
