"""CLI group: recall exercises, the "revisit by doing" half of review.

    ldl recall [--json]                the recall exercises due now, and the next ones
    ldl recall start EXERCISE          a blank file for an exercise you passed: solve it again
    ldl recall check [EXERCISE]        grade it (no hints); a pass schedules the next recall
    ldl recall give-up EXERCISE        stop this recall: it comes back sooner

The file lives at `recall/<stage>/<exercise>.py` in the workspace, apart from your first solution.
Feedback shows which check failed and why, never a hint. The schedule (FSRS, like the cards) lives
in `ldl.review.recall`; `ldl next` offers one recall a day before new work when one is due.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ldl.cli import common

if TYPE_CHECKING:
    from ldl.curriculum.items import Exercise
    from ldl.curriculum.next_step import RecallsDue
    from ldl.progress.store import ProgressStore
    from ldl.review.recall import RecallQueue
    from ldl.workspace import Workspace

recall_app = typer.Typer(help="Solve exercises you passed again, from a blank file, on a spaced schedule.")
ExerciseArgument = Annotated[str, typer.Argument(help="An exercise you have passed (see `ldl recall`).")]


def register(app: typer.Typer) -> None:
    app.add_typer(recall_app, name="recall")


def recall_path(workspace: Workspace, exercise: Exercise) -> Path:
    return workspace.root / "recall" / exercise.stage_dir / f"{exercise.id}.py"


def queue(store: ProgressStore, now: datetime | None = None) -> RecallQueue:
    from ldl.curriculum.path import load_curriculum
    from ldl.review.recall import recall_queue

    return recall_queue(store, load_curriculum().exercises, now)


def recalls_due(workspace: Workspace) -> RecallsDue:
    """What `ldl next` needs: the due recall exercises and how many were done today."""
    from ldl.curriculum.next_step import RecallsDue
    from ldl.progress.store import ProgressStore

    with ProgressStore(workspace.progress_db) as store:
        current = queue(store)
    ids = tuple(row.exercise_id for row in current.due)
    return RecallsDue(ids, tuple(row.title for row in current.due), current.done_today)


@dataclasses.dataclass
class StartResult:
    exercise_id: str
    path: str
    due: bool
    resumed: bool  # the blank file was handed out before and is kept as it is
    backup: str | None  # where an earlier recall's file was saved before the blank one replaced it


@dataclasses.dataclass
class RecallCheck:
    exercise_id: str
    verdict: str
    passed: bool
    feedback: str
    path: str
    duration_s: float
    outcome: dict | None  # the rating and the next recall, after a pass


@recall_app.callback(invoke_without_command=True)
def recall(ctx: typer.Context, as_json: common.JsonOption = False) -> None:
    """List the recall exercises due now and the next ones to come."""
    if ctx.invoked_subcommand is not None:
        return
    from ldl.progress.store import ProgressStore
    from ldl.workspace import require_workspace

    with ProgressStore(require_workspace().progress_db) as store:
        common.emit(queue(store), render_queue, as_json)


def render_queue(current: RecallQueue) -> None:
    from rich.table import Table

    if not current.due and not current.upcoming:
        common.console.print("No recall exercises yet: every exercise you pass comes back here, days later.")
        return
    if current.due:
        table = Table(title=f"{len(current.due)} recall exercise(s) due")
        for column in ("exercise", "unit", "passed", "recalls", "state"):
            table.add_column(column)
        for row in current.due:
            state = "started" if row.in_progress else ""
            table.add_row(row.exercise_id, row.unit, row.passed_at[:10], str(row.recalls), state)
        common.console.print(table)
        common.console.print(f"Start the first: [bold cyan]ldl recall start {current.due[0].exercise_id}[/]")
    else:
        common.console.print("No recall exercise is due now.")
    for row in current.upcoming[:5]:
        common.console.print(f"[dim]{row.exercise_id}: due {row.due.replace('T', ' ')}[/]")


@recall_app.command("start")
def start(
    exercise_id: ExerciseArgument,
    early: Annotated[bool, typer.Option("--early", help="Start a recall that is not due yet.")] = False,
    as_json: common.JsonOption = False,
) -> None:
    """Write a blank file for a passed exercise; solve it without hints, then `ldl recall check`."""
    from ldl.progress.store import ProgressStore
    from ldl.workspace import require_workspace

    workspace = require_workspace()
    with ProgressStore(workspace.progress_db) as store:
        common.emit(start_recall(workspace, store, exercise_id, early), render_start, as_json)


def start_recall(workspace: Workspace, store: ProgressStore, exercise_id: str, early: bool) -> StartResult:
    from ldl.curriculum.items import get_exercise
    from ldl.errors import LdlError
    from ldl.review import recall
    from ldl.workspace import backup_file

    exercise = get_exercise(exercise_id)
    row = _row(store, exercise_id)
    if not row.is_due and not early and not row.in_progress:
        raise LdlError(
            f"The recall of `{exercise_id}` is due {row.due.replace('T', ' ')}, not yet.",
            hint="Waiting is what makes it work. To do it now anyway: "
            f"`ldl recall start {exercise_id} --early`.",
        )
    path = recall_path(workspace, exercise)
    relative = path.relative_to(workspace.root).as_posix()
    if row.in_progress and path.is_file():
        return StartResult(exercise_id, relative, row.is_due, resumed=True, backup=None)
    backup = backup_file(workspace, relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(exercise.starter_path.read_text(encoding="utf-8"), encoding="utf-8")
    recall.mark_started(store, exercise_id)
    return StartResult(
        exercise_id, relative, row.is_due, resumed=False, backup=str(backup) if backup else None
    )


def render_start(result: StartResult) -> None:
    what = "Your recall file is where you left it" if result.resumed else "A blank file is ready"
    common.console.print(f"{what}: [bold]{result.path}[/]")
    if result.backup:
        common.console.print(f"[dim]Your previous recall of it was saved to {result.backup}.[/]")
    common.console.print(
        f"Solve it without hints or your old solution (`ldl show {result.exercise_id}` shows the statement), "
        f"then: [bold cyan]ldl recall check {result.exercise_id}[/]"
    )


@recall_app.command("check")
def check(
    exercise_id: Annotated[str | None, typer.Argument(help="Default: the recall you started.")] = None,
    as_json: common.JsonOption = False,
) -> None:
    """Grade your recall file; feedback names the failing check but gives no hint."""
    from ldl.progress.store import ProgressStore
    from ldl.workspace import require_workspace

    workspace = require_workspace()
    with ProgressStore(workspace.progress_db) as store:
        result = check_recall(workspace, store, exercise_id)
    common.emit(result, render_check, as_json)
    if not result.passed:
        raise typer.Exit(1)


def check_recall(workspace: Workspace, store: ProgressStore, exercise_id: str | None) -> RecallCheck:
    from ldl.curriculum.items import get_exercise
    from ldl.errors import LdlError, require_full_install
    from ldl.grading import service
    from ldl.grading.runner import grade
    from ldl.grading.verdicts import render_feedback
    from ldl.review import recall

    exercise_id = exercise_id or _started_one(store)
    exercise = get_exercise(exercise_id)
    path = recall_path(workspace, exercise)
    if recall.started_at(store, exercise_id) is None or not path.is_file():
        raise LdlError(
            f"No recall of `{exercise_id}` is under way.",
            hint=f"Start one with `ldl recall start {exercise_id}` (`ldl recall` lists those due).",
        )
    require_full_install(f"The exercise {exercise.id}", exercise.requires)
    # Graded exactly like `ldl check`, except for the file: earlier exercises it `uses` are your own.
    job = service.job_for(exercise, exercise.learner_path(workspace), get_exercise, workspace)
    result = grade(dataclasses.replace(job, learner_file=path))
    silent = dataclasses.replace(result, hints=[])
    outcome = None
    if result.verdict.counts_as_attempt:
        store.record_attempt(recall.recall_id(exercise_id), result.verdict.value, result.duration_s)
        if result.passed:
            outcome = dataclasses.asdict(recall.record_outcome(store, exercise_id, passed=True))
    return RecallCheck(
        exercise_id=exercise_id,
        verdict=result.verdict.value,
        passed=result.passed,
        feedback=render_feedback(silent),
        path=path.relative_to(workspace.root).as_posix(),
        duration_s=result.duration_s,
        outcome=outcome,
    )


def render_check(result: RecallCheck) -> None:
    style = "bold green" if result.passed else "bold red"
    common.console.print(
        f"[{style}]{result.verdict.upper()}[/] recall of {result.exercise_id}", highlight=False
    )
    common.console.print(result.feedback, markup=False, highlight=False, end="")
    common.console.print(f"[dim]{result.path} · graded in {result.duration_s:.2f} s[/]", highlight=False)
    if result.outcome:
        rating, interval = result.outcome["rating_name"], result.outcome["interval"]
        common.console.print(f"Recalled ({rating}). It comes back in {interval}.")
    else:
        common.console.print(
            "[dim]No hints in a recall. Try again, or `ldl recall give-up "
            f"{result.exercise_id}` (it will come back sooner).[/]"
        )


@recall_app.command("give-up")
def give_up(exercise_id: ExerciseArgument, as_json: common.JsonOption = False) -> None:
    """End a recall you cannot finish: rated Again, so it comes back soon."""
    from ldl.errors import LdlError
    from ldl.progress.store import ProgressStore
    from ldl.review import recall
    from ldl.workspace import require_workspace

    with ProgressStore(require_workspace().progress_db) as store:
        if recall.started_at(store, exercise_id) is None:
            raise LdlError(f"No recall of `{exercise_id}` is under way.", hint="`ldl recall` lists them.")
        outcome = recall.record_outcome(store, exercise_id, passed=False, now=datetime.now(UTC))
    common.emit(
        dataclasses.asdict(outcome),
        lambda o: common.console.print(
            f"Noted. `{o['exercise_id']}` comes back in {o['interval']}; `ldl solution {o['exercise_id']}` "
            "shows the reference solution."
        ),
        as_json,
    )


def _row(store: ProgressStore, exercise_id: str):
    from ldl.errors import LdlError

    current = queue(store)
    for row in [*current.due, *current.upcoming]:
        if row.exercise_id == exercise_id:
            return row
    raise LdlError(
        f"`{exercise_id}` is not in your recall schedule: only exercises you have passed come back.",
        hint=f"Pass it first with `ldl check {exercise_id}`; `ldl recall` lists your recall exercises.",
    )


def _started_one(store: ProgressStore) -> str:
    from ldl.errors import LdlError
    from ldl.review.recall import STARTED_SETTING

    started = sorted(store.get_setting(STARTED_SETTING, {}) or {})
    if len(started) != 1:
        raise LdlError(
            "Say which recall to check." if started else "No recall is under way.",
            hint="`ldl recall` lists them; `ldl recall check EXERCISE`.",
        )
    return started[0]
