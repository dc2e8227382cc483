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
from rich import box
from rich.markup import escape
from rich.table import Table

from ldl.cli import common
from ldl.errors import FULL_INSTALL_HINT

STATUS_STYLE = {"ok": "green", "error": "red", "timeout": "red", "skipped": "yellow"}
FAST_MODE_CAPTION = (
    "Metrics are fast-mode figures (LDL_FAST=1: a few epochs on small subsets), "
    "far below what the full runs reach."
)


def summary_table(result) -> Table:
    """One row per lab under a row naming its stage; fits an 80-column terminal: the metric and the
    note wrap, stage names and lab ids stay whole up to 34 characters (longer ones fold), nothing
    is cut."""
    table = Table(
        title="Tour summary",
        title_justify="left",
        caption=FAST_MODE_CAPTION,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        collapse_padding=True,
    )
    labels = [stop.stage for stop in result.stops] + [f"  {stop.lab_id}" for stop in result.stops]
    whole = max(map(len, labels), default=0) <= 34  # then nothing in the first column ever wraps
    table.add_column("Stage / lab", no_wrap=whole, overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column("Key metric", overflow="fold")
    table.add_column("Time", no_wrap=True, justify="right")
    stage = None
    for stop in result.stops:
        if stop.stage != stage:
            stage = stop.stage
            table.add_row(f"[bold]{escape(stage)}[/]", "", "", "")
        style = STATUS_STYLE.get(stop.status, "white")
        if stop.metric:
            metric = escape(f"{stop.metric} = {_number(stop.value)}")
        else:
            metric = "" if stop.note and stop.status == "skipped" else "[dim]none reported[/]"
        if stop.note:
            metric = f"{metric}\n[dim]{escape(stop.note)}[/]".strip()
        time = f"{stop.duration_s:.1f}s" if stop.status != "skipped" else "-"
        table.add_row(f"  {stop.lab_id}", f"[{style}]{stop.status}[/]", metric, time)
    return table


def render_summary(result) -> None:
    if result.stops:
        common.console.print(summary_table(result))
        for stop in result.stops:
            if stop.error:
                common.console.print(f"[red]{stop.lab_id}:[/] {escape(stop.error)}", highlight=False)
        if any(stop.status == "skipped" for stop in result.stops):
            common.console.print(
                "[yellow]Skipped labs need the full install (PyTorch and fastai).[/] "
                + escape(FULL_INSTALL_HINT),
                highlight=False,
            )
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
        data that ships with ldl or its packages (a stand-in, announced, where a lab's dataset is
        not on this machine), and its run is recorded. Labs that need PyTorch and fastai are
        skipped in a light install. Ends with a summary table and the stages still to come.
        Exits with status 1 if a lab failed.
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
