"""CLI group: labs.

    ldl labs              every lab, with its learner notebook and how its last run went
    ldl open LAB          create your notebook for LAB (if needed) and open it in JupyterLab
    ldl open LAB --print  only print the notebook's path
    ldl lab-run LAB       run your notebook headless, cell by cell, and record the run

Logic lives in `ldl.notebooks` (materialise, runner, labs, jupyter); this module only renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ldl.cli import common

LabArgument = Annotated[str, typer.Argument(help="A lab id, e.g. as listed by `ldl labs`.")]
STATUS_STYLE = {"ok": "green", "done": "green", "error": "red", "timeout": "red", "not_run": "dim"}
SYMBOL = {"ok": "✔", "error": "✘", "timeout": "⏱", "not_run": "·"}


@dataclass
class OpenResult:
    lab_id: str
    notebook: str
    url: str | None = None  # None with --print


def _styled(status: str | None) -> str:
    if status is None:
        return "[dim]never run[/]"
    return f"[{STATUS_STYLE.get(status, 'white')}]{status}[/]"


def render_labs(rows: list) -> None:
    if not rows:
        common.console.print("No labs yet: they arrive with each stage's content.")
        return
    table = Table(title="Labs", title_justify="left")
    for column in ("Lab", "Title", "Stage", "Minutes", "Last run"):
        table.add_column(column, no_wrap=column != "Title")
    for row in rows:
        tour = " [dim](tour)[/]" if row.tour else ""
        table.add_row(row.id + tour, row.title, row.stage_dir, str(row.minutes), _styled(row.last_status))
    common.console.print(table)
    common.console.print("Open one with `ldl open LAB`; run it headless with `ldl lab-run LAB`.")


def print_cell(cell) -> None:
    """One line per executed cell, printed as soon as the cell finishes."""
    style = STATUS_STYLE.get(cell.status, "white")
    symbol = SYMBOL.get(cell.status, "?")
    line = f"[{style}]{symbol}[/] cell {cell.index:>3} {cell.duration_s:7.1f}s  {escape(cell.first_line)}"
    common.console.print(line, highlight=False)
    if cell.status in ("error", "timeout"):
        problem = escape(f"{cell.error_name or cell.status}: {cell.error_message}")
        common.console.print(f"    [red]{problem}[/]", highlight=False)
        if cell.traceback:
            common.console.print(cell.traceback, style="dim", highlight=False, markup=False)


def render_run(result) -> None:
    notebook = result.notebook
    metrics = escape(", ".join(f"{k}={v}" for k, v in notebook.metrics.items()) or "none reported")
    outcome = f"{_styled(notebook.status)} in {notebook.duration_s:.1f}s"
    common.console.print(f"{result.lab_id} ({result.mode}): {outcome}; metrics: {metrics}")
    if not notebook.ok:
        common.console.print(f"[red]{escape(notebook.error or '')}[/]")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""

    @app.command("labs")
    def labs(as_json: common.JsonOption = False) -> None:
        """List every lab, with the last run of your notebook (inside a workspace)."""
        from ldl.curriculum.items import load_labs
        from ldl.notebooks.labs import list_labs
        from ldl.progress.store import ProgressStore
        from ldl.workspace import find_workspace

        workspace = find_workspace()
        latest = {}
        if workspace is not None:
            with ProgressStore(workspace.progress_db) as store:
                latest = store.latest_lab_runs()
        common.emit(list_labs(load_labs(), workspace, latest), render_labs, as_json)

    @app.command("open")
    def open_lab(
        lab_id: LabArgument,
        print_only: Annotated[bool, typer.Option("--print", help="Only print the notebook's path.")] = False,
        port: Annotated[int, typer.Option(help="Port for JupyterLab (default: a free one).")] = 0,
        as_json: common.JsonOption = False,
    ) -> None:
        """Create your notebook for a lab (never overwriting yours) and open it in JupyterLab.

        JupyterLab listens on 127.0.0.1 only; the URL printed includes a one-time token.
        Stop it with Ctrl-C (closing the terminal stops it too). Nothing is recorded: `ldl lab-run
        LAB` records a run.
        """
        from ldl.curriculum.items import get_lab
        from ldl.notebooks import jupyter
        from ldl.notebooks.materialise import materialise_lab
        from ldl.workspace import require_workspace

        workspace = require_workspace()
        notebook = materialise_lab(get_lab(lab_id), workspace)
        if print_only:
            common.emit(OpenResult(lab_id, str(notebook)), lambda r: typer.echo(r.notebook), as_json)
            return
        launch = jupyter.plan_launch(notebook, workspace.root, port=port or None)
        common.emit(OpenResult(lab_id, str(notebook), launch.url), _render_open, as_json)
        jupyter.serve(launch, quiet=as_json)

    @app.command("lab-run")
    def lab_run(
        lab_id: LabArgument,
        fast: Annotated[
            bool, typer.Option("--fast", help="Run with LDL_FAST=1: the lab's quick CI-sized version.")
        ] = False,
        as_json: common.JsonOption = False,
    ) -> None:
        """Run your notebook for a lab headless, cell by cell, and record the run.

        Creates the notebook first if you have not opened the lab yet. Exits with status 1 if a
        cell fails or runs out of time.
        """
        from ldl.curriculum.items import get_lab
        from ldl.errors import require_full_install
        from ldl.notebooks.labs import run_lab
        from ldl.progress.store import ProgressStore
        from ldl.tour import imported_modules
        from ldl.workspace import require_workspace

        workspace, lab = require_workspace(), get_lab(lab_id)
        require_full_install(f"The lab {lab.id}", imported_modules(lab.path.read_text(encoding="utf-8")))
        with ProgressStore(workspace.progress_db) as store:
            result = run_lab(lab, workspace, store, fast=fast, on_cell=None if as_json else print_cell)
        common.emit(result, render_run, as_json)
        if not result.notebook.ok:
            raise typer.Exit(1)


def _render_open(result: OpenResult) -> None:
    common.console.print(f"Your notebook: {result.notebook}")
    common.console.print(
        f"JupyterLab (this computer only): [link={result.url}]{result.url}[/link]", soft_wrap=True
    )
    common.console.print("[dim]Press Ctrl-C to stop the server.[/]")
