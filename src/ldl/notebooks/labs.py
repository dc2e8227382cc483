"""Running labs for the learner (`ldl lab-run`, `ldl tour`) and listing them (`ldl labs`).

Two ways to run a lab, and why they differ:
- `run_lab` runs the learner's own notebook in their workspace (materialised first if it is not
  there yet), because that is their work; the run is recorded with mode "full" or "fast".
- `run_reference_lab` runs ldl's copy of the lab straight from its jupytext source, without
  writing a notebook into the workspace, so a learner's edits are never run or touched; `ldl tour`
  uses it and records the run with mode "tour".
Either way the kernel starts in the lab's folder of the workspace, with LDL_HOME pointing at the
workspace, so whatever the lab writes (runs, figures) lands there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ldl.curriculum.items import Lab
from ldl.notebooks.materialise import materialise_lab, read_lab
from ldl.notebooks.runner import CellResult, NotebookResult, run_notebook
from ldl.progress.store import LabRun, ProgressStore
from ldl.workspace import Workspace

FULL_CELL_TIMEOUT_S = 3 * 3600  # a full (not fast) lab may train for a long time in one cell


@dataclass
class LabRunResult:
    lab_id: str
    title: str
    mode: str  # full, fast or tour
    notebook: NotebookResult


@dataclass
class LabListing:
    id: str
    title: str
    stage_dir: str
    unit: str
    minutes: int
    tour: bool
    notebook: str | None  # the learner's notebook, once materialised
    last_status: str | None  # of the most recent run, if any
    last_run_at: str | None


def lab_env(workspace: Workspace, fast: bool) -> dict[str, str]:
    """The environment a lab's kernel gets on top of ours."""
    return {"LDL_FAST": "1" if fast else "0", "LDL_HOME": str(workspace.root)}


def run_lab(
    lab: Lab,
    workspace: Workspace,
    store: ProgressStore,
    fast: bool = False,
    on_cell: Callable[[CellResult], None] | None = None,
) -> LabRunResult:
    """Run the learner's notebook for `lab` and record the run. Fast mode keeps to the lab's
    `fast_timeout` for the whole notebook; a full run only limits each cell (generously)."""
    path = materialise_lab(lab, workspace)
    result = run_notebook(
        path,
        timeout_per_cell=lab.fast_timeout if fast else FULL_CELL_TIMEOUT_S,
        total_timeout=lab.fast_timeout if fast else None,
        env=lab_env(workspace, fast),
        cwd=path.parent,
        on_cell=on_cell,
    )
    mode = "fast" if fast else "full"
    _record(store, lab, result, mode)
    return LabRunResult(lab_id=lab.id, title=lab.title, mode=mode, notebook=result)


def run_reference_lab(
    lab: Lab,
    workspace: Workspace,
    store: ProgressStore,
    on_cell: Callable[[CellResult], None] | None = None,
) -> LabRunResult:
    """Run ldl's own copy of `lab` in fast mode within its `fast_timeout`, and record it as "tour"."""
    folder = workspace.labs_dir / lab.stage_dir
    folder.mkdir(parents=True, exist_ok=True)
    result = run_notebook(
        read_lab(lab.path),
        timeout_per_cell=lab.fast_timeout,
        total_timeout=lab.fast_timeout,
        env=lab_env(workspace, fast=True),
        cwd=folder,
        on_cell=on_cell,
    )
    result.path = lab.path
    _record(store, lab, result, "tour")
    return LabRunResult(lab_id=lab.id, title=lab.title, mode="tour", notebook=result)


def list_labs(
    labs: tuple[Lab, ...], workspace: Workspace | None, latest: dict[str, LabRun]
) -> list[LabListing]:
    """One row per lab, with where the learner's notebook is and how its last run went."""
    rows = []
    for lab in labs:
        notebook = workspace.labs_dir / lab.stage_dir / f"{lab.id}.ipynb" if workspace else None
        run = latest.get(lab.id)
        rows.append(
            LabListing(
                id=lab.id,
                title=lab.title,
                stage_dir=lab.stage_dir,
                unit=lab.unit,
                minutes=lab.minutes,
                tour=lab.tour,
                notebook=str(notebook) if notebook and notebook.exists() else None,
                last_status=run.status if run else None,
                last_run_at=run.created_at if run else None,
            )
        )
    return rows


def headline(metrics: dict[str, Any]) -> tuple[str, Any] | None:
    """The lab's key metric: the first one it reported."""
    return next(iter(metrics.items()), None)


def _record(store: ProgressStore, lab: Lab, result: NotebookResult, mode: str) -> None:
    store.record_lab_run(lab.id, result.status, result.duration_s, result.metrics, mode=mode)
