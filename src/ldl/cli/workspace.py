"""CLI group: the learner's workspace.

    ldl init [DIR]      create a workspace (or add what is missing to an existing one); each
                        exercise's statement is written beside it as `<id>.md`, and refreshed
                        when ldl's statement changes unless you edited that file
    ldl reset ITEM      put an exercise's starter file or a lab's notebook back, keeping a backup

Neither ever loses a learner's work: `init` only creates files that are missing, and `reset`
asks first and copies the learner's version to `.ldl/backups/<timestamp>/` before replacing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from ldl.cli import common
from ldl.curriculum import path as course
from ldl.curriculum.items import Exercise, Lab
from ldl.curriculum.loading import suggest
from ldl.curriculum.starters import exercise_starter, sync_statement, workspace_files
from ldl.errors import LdlError
from ldl.progress.store import ProgressStore
from ldl.workspace import Workspace, backup_file, create_workspace, require_workspace, restore_file


@dataclass(frozen=True)
class InitReport:
    root: Path
    created: bool  # False when the folder already was a workspace
    added: list[str]  # files created now, relative to the root
    kept: list[str]  # files already there, left untouched
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ResetReport:
    item_id: str
    kind: str  # "exercise" or "lab"
    path: str  # the restored file, relative to the workspace
    backup: str | None  # where the learner's version went, relative to the workspace
    changed: bool


def initialise(root: Path) -> InitReport:
    """Create (or complete) the workspace at `root`: folders, starter files, lab notebooks, store."""
    curriculum = course.load_curriculum()
    result = create_workspace(root, workspace_files(curriculum))
    workspace = Workspace(result.root)
    notes: list[str] = []
    refreshed = [e.id for e in curriculum.exercises if sync_statement(e, workspace) == "refreshed"]
    if refreshed:
        notes.append(f"Refreshed the statement beside {len(refreshed)} exercise file(s): ldl's text changed.")
    try:
        from ldl.notebooks.materialise import materialise_lab
    except ImportError:
        notes.append("Lab notebooks are created when you first open one (`ldl open LAB`).")
    else:
        for lab in curriculum.labs:
            target = lab.learner_path(workspace)
            if target.exists():
                result.kept.append(_relative(workspace, target))
            else:
                result.added.append(_relative(workspace, materialise_lab(lab, workspace)))
    existed = workspace.progress_db.exists()
    ProgressStore(workspace.progress_db).close()
    (result.kept if existed else result.added).append(_relative(workspace, workspace.progress_db))
    return InitReport(result.root, result.created, result.added, result.kept, notes)


def find_item(item_id: str, curriculum: course.Curriculum) -> Exercise | Lab:
    for item in (*curriculum.exercises, *curriculum.labs):
        if item.id == item_id:
            return item
    known = [item.id for item in (*curriculum.exercises, *curriculum.labs)]
    raise LdlError(f"There is no exercise or lab `{item_id}`.", hint=suggest(item_id, known))


def reset(
    workspace: Workspace, item: Exercise | Lab, confirm: Callable[[str], bool] | None = None
) -> ResetReport:
    """Put the item's starter back. `confirm(question)` is asked before replacing an existing file
    that differs from the starter; it returns False to cancel."""
    target = item.learner_path(workspace)
    relative = _relative(workspace, target)
    kind = "exercise" if isinstance(item, Exercise) else "lab"
    if isinstance(item, Exercise) and target.is_file():
        if target.read_text(encoding="utf-8") == item.starter_path.read_text(encoding="utf-8"):
            return ResetReport(item.id, kind, relative, None, changed=False)
    if target.exists() and confirm is not None and not confirm(f"Replace {relative} with a fresh copy?"):
        raise typer.Abort()
    if isinstance(item, Exercise):
        saved = restore_file(workspace, relative, exercise_starter(item).text)
    else:
        saved = _reset_lab(workspace, item, relative)
    return ResetReport(item.id, kind, relative, _relative(workspace, saved) if saved else None, changed=True)


def _reset_lab(workspace: Workspace, lab: Lab, relative: str) -> Path | None:
    from ldl.notebooks.materialise import materialise_lab

    saved = backup_file(workspace, relative)
    materialise_lab(lab, workspace, overwrite=True)  # atomic: on failure the learner's file stays
    return saved


def _relative(workspace: Workspace, path: Path) -> str:
    return path.resolve().relative_to(workspace.root).as_posix()


# ---- rendering ---------------------------------------------------------------------------------


def render_init(report: InitReport) -> None:
    if report.created:
        common.console.print(f"Created your workspace in [bold]{report.root}[/].")
    else:
        common.console.print(f"{report.root} is already a workspace; nothing of yours was changed.")
    if report.added:
        common.console.print(f"Added {len(report.added)} file(s):")
        for relative in report.added[:25]:
            common.console.print(f"  + {relative}")
        if len(report.added) > 25:
            common.console.print(f"  ... and {len(report.added) - 25} more")
    elif not report.created:
        common.console.print("Nothing was missing.")
    for note in report.notes:
        common.console.print(f"[dim]{note}[/]")
    common.console.print(f"Start with: [bold cyan]cd {report.root} && ldl next[/]")


def render_reset(report: ResetReport) -> None:
    if not report.changed:
        common.console.print(f"{report.path} is already the starter; nothing changed.")
        return
    common.console.print(f"Restored {report.path} to the starter.")
    if report.backup:
        common.console.print(f"Your previous version is in {report.backup}.")


# ---- the commands ------------------------------------------------------------------------------


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""

    @app.command("init")
    def init(
        directory: Annotated[Path, typer.Argument(help="Where to create the workspace.")] = Path("."),
        as_json: common.JsonOption = False,
    ) -> None:
        """Create your workspace: lab notebooks, exercise files, capstones, runs and the progress
        store. Safe to run again: it only adds missing files and never overwrites yours."""
        common.emit(initialise(directory), render_init, as_json)

    @app.command("reset")
    def reset_item(
        item_id: Annotated[str, typer.Argument(help="An exercise id or a lab id.")],
        yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
        as_json: common.JsonOption = False,
    ) -> None:
        """Put an exercise's starter file (or a lab's notebook) back as it came, after confirmation.
        Your version is kept in .ldl/backups/."""
        if as_json and not yes:
            raise LdlError("`--json` cannot ask for confirmation.", hint="Add --yes to reset without asking.")
        workspace = require_workspace()
        item = find_item(item_id, course.load_curriculum())
        confirm = None if yes else (lambda question: typer.confirm(question, default=False))
        common.emit(reset(workspace, item, confirm), render_reset, as_json)
