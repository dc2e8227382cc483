"""CLI group: exercises. Write code in your workspace; ldl checks it on the spot.

    ldl show [EXERCISE]           the statement: maths, shapes, an example, the signatures
    ldl check [EXERCISE]          grade your file for an exercise (default: your current one)
    ldl watch [EXERCISE]          re-check every time you save; keys h (hint), s (show), c, q
    ldl hint EXERCISE             the next hint (hints used are recorded)
    ldl solution EXERCISE         the reference solution, after a pass or `--give-up`
    ldl exercises                 every exercise with its status

The grading itself lives in `ldl.grading` (service.py is what these commands call).

Checking a file that has not changed since its last check (nor have the earlier exercise files it
imports) shows the verdict again but does not count as a new attempt: each attempt stores a hash
of the files graded, and the store skips a repeat of the same hash with the same verdict.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ldl.cli import common

if TYPE_CHECKING:
    from ldl.cli.statement import ShowResult
    from ldl.curriculum.items import Exercise
    from ldl.curriculum.raw import RawExercise
    from ldl.grading.service import ExerciseStatus, HintResult, SolutionResult
    from ldl.grading.verdicts import GradeResult
    from ldl.progress.store import ProgressStore
    from ldl.workspace import Workspace

OptionalExercise = Annotated[
    str | None, typer.Argument(help="An exercise id (see `ldl exercises`); default: your current one.")
]
RequiredExercise = Annotated[str, typer.Argument(help="An exercise id (see `ldl exercises`).")]
VERDICT_STYLES = {
    "pass": "bold green",
    "fail": "bold red",
    "error": "bold red",
    "grader_error": "bold magenta",
}


def current_exercise(workspace: Workspace, store: ProgressStore) -> Exercise:
    """Your current exercise: the one `ldl next` points at, else the first one not passed yet."""
    from ldl.cli.path import learner_state
    from ldl.curriculum.items import get_exercise
    from ldl.curriculum.next_step import next_step
    from ldl.errors import LdlError
    from ldl.grading.service import first_unpassed

    curriculum, progress, goal = learner_state(workspace)
    step = next_step(curriculum, progress, goal)
    if step.kind == "exercise" and step.item_id:
        return get_exercise(step.item_id)
    exercise = first_unpassed(curriculum.exercises, store)
    if exercise is None:
        raise LdlError("You have passed every exercise.", hint="`ldl exercises` lists them all.")
    return exercise


def _exercise(exercise_id: str | None, workspace: Workspace, store: ProgressStore) -> Exercise:
    from ldl.curriculum.items import get_exercise

    return get_exercise(exercise_id) if exercise_id else current_exercise(workspace, store)


def _open() -> tuple[Workspace, ProgressStore]:
    from ldl.progress.store import ProgressStore
    from ldl.workspace import require_workspace

    workspace = require_workspace()
    return workspace, ProgressStore(workspace.progress_db)


@dataclass
class CheckReport:
    """A graded check: the grading, the file, whether it was recorded as an attempt, and whether it
    repeated the last one (same files, same verdict: shown, not counted)."""

    grade: GradeResult
    learner_file: Path
    recorded: bool
    unchanged: bool = False


class _HashingStore:
    """The progress store as the grading service sees it, with every attempt tagged by the hash of
    the files graded; remembers whether the store counted it (see the module docstring)."""

    def __init__(self, store: ProgressStore, content_hash: str):
        self._store, self._hash, self.counted = store, content_hash, True

    def record_attempt(
        self, exercise_id: str, verdict: str, duration_s: float, feedback_digest: str = ""
    ) -> str:
        event_id, self.counted = self._store.record_check(
            exercise_id, verdict, duration_s, feedback_digest, content_hash=self._hash
        )
        return event_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def graded_files_hash(exercise: Exercise | RawExercise, learner_file: Path) -> str:
    """A hash of the learner's file and of the earlier exercise files it may import (`uses`)."""
    folder = learner_file.parent.parent
    used = map(grading_exercise, exercise.uses)
    files = [learner_file, *(folder / u.stage_dir / f"{u.id}.py" for u in used)]
    digest = hashlib.sha256()
    for path in files:
        content = path.read_bytes() if path.is_file() else b"<missing>"
        digest.update(f"{path.name}\0{len(content)}\0".encode() + content)
    return digest.hexdigest()[:32]


def prepare_files(exercise: Exercise | RawExercise, workspace: Workspace) -> Path:
    """The learner's file (from the starter when missing) and the statement beside it."""
    from ldl.curriculum.starters import exercise_starter, sync_statement
    from ldl.workspace import write_new

    path = exercise.learner_path(workspace)
    write_new(path, exercise_starter(exercise).text)
    sync_statement(exercise, workspace)
    return path


def grading_exercise(exercise_id: str) -> Exercise | RawExercise:
    """The exercise as the grader needs it: read straight from its exercise.yaml when that reading
    is sound (no content models to import: a tenth of a second saved on every `ldl check`; the
    content tests prove both readings give the same grading job for every exercise), else the
    validated model, whose loading explains what is wrong (an unknown id, a broken file)."""
    from ldl.curriculum.raw import read_exercise

    raw = read_exercise(exercise_id)
    if raw is not None and all(read_exercise(used) is not None for used in raw.uses):
        return raw
    from ldl.curriculum.items import get_exercise

    return get_exercise(exercise_id)


def check_once(exercise_id: str | None, workspace: Workspace, store: ProgressStore) -> CheckReport:
    from ldl.grading import service

    exercise = grading_exercise(exercise_id) if exercise_id else current_exercise(workspace, store)
    tagged = _HashingStore(store, graded_files_hash(exercise, prepare_files(exercise, workspace)))
    result = service.check(exercise, workspace, tagged, grading_exercise)  # type: ignore[arg-type]
    recorded = result.recorded and tagged.counted
    return CheckReport(
        result.grade, result.learner_file, recorded, unchanged=result.recorded and not recorded
    )


def render_check(result: CheckReport) -> None:
    grade = result.grade
    style = VERDICT_STYLES.get(grade.verdict.value, "bold yellow")
    repeat = " [dim](unchanged since your last check: not counted again)[/]" if result.unchanged else ""
    common.console.print(
        f"[{style}]{grade.verdict.value.upper()}[/] {grade.exercise_id}{repeat}", highlight=False
    )
    common.console.print(grade.feedback, markup=False, highlight=False, end="")
    common.console.print(
        f"[dim]{result.learner_file} · graded in {grade.duration_s:.2f} s · sandbox: {grade.sandbox}[/]",
        highlight=False,
    )
    if grade.passed:
        common.console.print("Well done. `ldl next` says what comes next.")
    elif grade.verdict.value != "grader_error":
        common.console.print(f"[dim]Stuck? `ldl hint {grade.exercise_id}`.[/]")


def show_exercise(exercise_id: str | None, store: ProgressStore | None = None) -> ShowResult:
    from ldl.cli.statement import show_exercise as compute

    return compute(exercise_id, store)


def render_show(result: ShowResult) -> None:
    from ldl.cli.statement import render_show as draw

    draw(result)


def render_hint(hint: HintResult) -> None:
    common.console.print(f"[bold]Hint {hint.level} of {hint.total}[/] for {hint.exercise_id}:")
    common.console.print(hint.text, markup=False, highlight=False)
    if hint.more:
        common.console.print(f"[dim]Still stuck? `ldl hint {hint.exercise_id}` again for a stronger hint.[/]")


def render_solution(solution: SolutionResult) -> None:
    common.console.print(f"[bold]Reference solution of {solution.exercise_id}[/] ({solution.path.name}):")
    common.console.print(solution.text, markup=False, highlight=False)
    if solution.gave_up:
        common.console.print(
            "[dim]Read it, close it, then write your own version from memory: that is the exercise.[/]"
        )


def render_statuses(rows: list[ExerciseStatus]) -> None:
    from rich.table import Table

    marks = {
        "passed": "[green]✔ passed[/]",
        "attempted": "[yellow]▶ attempted[/]",
        "gave_up": "[dim]↷ gave up[/]",
    }
    table = Table(title="Exercises", title_justify="left")
    for column in ("exercise", "unit", "status", "attempts", "hints"):
        table.add_column(column)
    for row in rows:
        status = marks.get(row.status, "○ not started")
        table.add_row(row.id, row.unit, status, str(row.attempts), f"{row.hints_used}/{row.hints_total}")
    common.console.print(table)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""

    @app.command("check")
    def check_command(exercise: OptionalExercise = None, as_json: common.JsonOption = False) -> None:
        """Grade your file for an exercise against the reference solution and record the attempt."""
        workspace, store = _open()
        with store:
            result = check_once(exercise, workspace, store)
        common.emit(result, render_check, as_json)
        if not result.grade.passed:
            raise typer.Exit(1)

    @app.command("show")
    def show_command(exercise: OptionalExercise = None, as_json: common.JsonOption = False) -> None:
        """Show an exercise's statement (maths, shapes, an example), your file, the signatures to
        implement and how many hints there are. `--json` gives the raw statement."""
        common.emit(show_exercise(exercise), render_show, as_json)

    @app.command("watch")
    def watch_command(
        exercise: OptionalExercise = None,
        poll: Annotated[float, typer.Option(help="Seconds between looks at your file.")] = 0.5,
    ) -> None:
        """Re-check your exercise every time you save it. Keys: h next hint, s show the statement,
        c or Enter check now, q quit (Ctrl-C works too)."""
        from ldl.cli.keys import Quit, key_wait, single_keys
        from ldl.grading.service import next_hint
        from ldl.grading.watch import watch_loop

        workspace, store = _open()
        state: dict[str, str | None] = {"id": exercise}

        def run_check() -> None:
            result = check_once(state["id"], workspace, store)
            common.console.rule(f"{result.grade.exercise_id}")
            render_check(result)
            state["id"] = exercise or (None if result.grade.passed else result.grade.exercise_id)
            common.console.print(
                f"[dim]Watching {result.learner_file.name}; save it to re-check. "
                "Keys: h hint, s show, c check, q quit.[/]"
            )

        def watched():
            return [_exercise(state["id"], workspace, store).learner_path(workspace)]

        def current() -> Exercise:
            return _exercise(state["id"], workspace, store)

        actions = {
            "h": lambda: render_hint(next_hint(current(), store)),
            "s": lambda: render_show(show_exercise(current().id, store)),
            **dict.fromkeys(("c", "\n", "\r", " "), run_check),
        }
        with store, single_keys() as keys:
            try:
                watch_loop(watched, run_check, poll_seconds=poll, sleep=key_wait(keys, actions))
            except (KeyboardInterrupt, Quit):
                common.console.print("\nStopped watching.")

    @app.command("hint")
    def hint_command(exercise: RequiredExercise, as_json: common.JsonOption = False) -> None:
        """Show the next hint for an exercise, from a nudge to nearly the answer (recorded)."""
        from ldl.curriculum.items import get_exercise
        from ldl.grading.service import next_hint

        _, store = _open()
        with store:
            common.emit(next_hint(get_exercise(exercise), store), render_hint, as_json)

    @app.command("solution")
    def solution_command(
        exercise: RequiredExercise,
        give_up: Annotated[
            bool, typer.Option("--give-up", help="See it without passing (recorded).")
        ] = False,
        yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
        as_json: common.JsonOption = False,
    ) -> None:
        """Show the reference solution: after you pass, or when you give up (`--give-up`)."""
        from ldl.curriculum.items import get_exercise
        from ldl.grading.service import has_passed, reveal_solution

        _, store = _open()
        with store:
            item = get_exercise(exercise)
            unlocked = has_passed(item.id, store) or store.gave_up(item.id)
            if give_up and not unlocked and not yes:
                typer.confirm(f"Give up on {item.id} and read its solution? This is recorded.", abort=True)
            common.emit(reveal_solution(item, store, give_up), render_solution, as_json)

    @app.command("exercises")
    def exercises_command(as_json: common.JsonOption = False) -> None:
        """List every exercise in curriculum order with your status, attempts and hints used."""
        from ldl.curriculum.items import load_exercises
        from ldl.grading.service import exercise_statuses

        _, store = _open()
        with store:
            common.emit(exercise_statuses(load_exercises(), store), render_statuses, as_json)
