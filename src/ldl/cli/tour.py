"""CLI group: tour.

    ldl tour                     the map, then every stage's reference labs in fast mode, then a
                                 summary (stage, lab, status, key metric, time); a throwaway workspace
    ldl tour --workspace DIR     the same in DIR (made a workspace if it is not one), kept afterwards
    ldl tour --json              only the summary, as JSON

The logic is `ldl.tour`; this module draws the map, a live progress display and the summary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ldl.cli import common

STATUS_STYLE = {"ok": "green", "error": "red", "timeout": "red"}


def render_summary(result) -> None:
    if result.stops:
        table = Table(title="Tour summary", title_justify="left")
        for column in ("Stage", "Lab", "Status", "Key metric", "Time"):  # narrow terminal: others wrap
            table.add_column(column, no_wrap=column in ("Lab", "Status", "Time"), overflow="fold")
        for stop in result.stops:
            style = STATUS_STYLE.get(stop.status, "white")
            metric = f"{stop.metric} = {_number(stop.value)}" if stop.metric else "[dim]none reported[/]"
            table.add_row(
                stop.stage, stop.lab_id, f"[{style}]{stop.status}[/]", metric, f"{stop.duration_s:.1f}s"
            )
        common.console.print(table)
        for stop in result.stops:
            if stop.error:
                common.console.print(f"[red]{stop.lab_id}:[/] {escape(stop.error)}", highlight=False)
    else:
        common.console.print("No stage has a reference lab yet, so there was nothing to run.")
    if result.stages_to_come:
        common.console.print(
            "Still to come (no reference labs yet): " + "; ".join(result.stages_to_come) + "."
        )
    where = result.workspace if result.kept else "a temporary workspace (now deleted)"
    common.console.print(f"[dim]Ran in {where}. `ldl next` says where to start learning.[/]")


def _number(value) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _show_map(workspace) -> None:
    from ldl.cli.path import current_map, render_map

    render_map(current_map(workspace))


def _prepare(folder: Path | None) -> Path | None:
    """`--workspace DIR`: make DIR a full workspace (like `ldl init`) unless it already is one."""
    if folder is None:
        return None
    from ldl.workspace import MARKER

    if not (folder / MARKER).is_file():
        from ldl.cli.workspace import initialise

        initialise(folder)
    return folder


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""

    @app.command("tour")
    def tour(
        workspace_dir: Annotated[
            Path | None,
            typer.Option("--workspace", help="Run in this folder (made a workspace if needed) and keep it."),
        ] = None,
        as_json: common.JsonOption = False,
    ) -> None:
        """See the whole curriculum run: the map, then every stage's reference labs in fast mode.

        Each lab runs from ldl's own copy (your notebooks are never touched) with LDL_FAST=1 on
        data that ships with ldl, and its run is recorded. Ends with a summary table and the
        stages still to come. Exits with status 1 if a lab failed.
        """
        from ldl.curriculum.path import load_curriculum
        from ldl.tour import tour_labs, tour_workspace

        curriculum = load_curriculum()
        with tour_workspace(_prepare(workspace_dir)) as (workspace, kept):
            if not as_json:
                _show_map(workspace)
            result = _run(curriculum, workspace, kept, total=len(tour_labs(curriculum)), quiet=as_json)
        common.emit(result, render_summary, as_json)
        if not result.ok:
            raise typer.Exit(1)


class TourDisplay:
    """A Rich progress bar over the labs, naming the current lab and how many cells it has run."""

    def __init__(self, display, total: int):
        self.display = display
        self.task = display.add_task("Starting the tour", total=total)
        self.label, self.cells = "", 0

    def on_start(self, stage, lab) -> None:
        self.label, self.cells = escape(f"{stage.number}. {lab.title}"), 0
        self.display.update(self.task, description=self.label)

    def on_cell(self, cell) -> None:
        self.cells += 1
        self.display.update(self.task, description=f"{self.label} · cell {self.cells}")

    def on_done(self, stop) -> None:
        style = STATUS_STYLE.get(stop.status, "white")
        line = f"[{style}]{stop.status:>7}[/] {escape(stop.stage)}: {stop.lab_id} ({stop.duration_s:.1f}s)"
        self.display.console.print(line, highlight=False)
        self.display.advance(self.task)


def _run(curriculum, workspace, kept: bool, total: int, quiet: bool):
    """Run the tour under a Rich progress display (none with --json)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from ldl.tour import run_tour

    if quiet:
        return run_tour(curriculum, workspace, kept)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=common.console) as display:
        view = TourDisplay(display, total)
        result = run_tour(
            curriculum, workspace, kept, on_start=view.on_start, on_cell=view.on_cell, on_done=view.on_done
        )
        display.update(view.task, description="Tour finished")
    return result
