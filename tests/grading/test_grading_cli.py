"""The exercise commands, through the CLI runner, on a real exercise (logsumexp) in a temporary
workspace; and the watch loop with a bounded number of polls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ldl.cli import exercises
from ldl.curriculum.items import get_exercise
from ldl.grading.watch import watch_loop
from ldl.progress.store import ProgressStore
from ldl.workspace import MARKER, Workspace

EXERCISE = "logsumexp"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    exercises.register(app)
    return app


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Workspace:
    root = tmp_path / "workspace"
    root.mkdir()
    (root / MARKER).write_text("schema_version = 1\n")
    monkeypatch.setenv("LDL_HOME", str(root))
    monkeypatch.setenv("COLUMNS", "120")
    return Workspace(root)


def run(app, *args: str):
    return CliRunner().invoke(app, list(args))


def learner_file(workspace: Workspace) -> Path:
    return get_exercise(EXERCISE).learner_path(workspace)


def solve(workspace: Workspace) -> None:
    learner_file(workspace).parent.mkdir(parents=True, exist_ok=True)
    learner_file(workspace).write_text(get_exercise(EXERCISE).solution_path.read_text())


def test_check_creates_the_file_from_the_starter_and_records_an_error(app, workspace):
    result = run(app, "check", EXERCISE, "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["grade"]["verdict"] == "error"
    assert "not implemented yet" in data["grade"]["summary"]
    assert learner_file(workspace).read_text() == get_exercise(EXERCISE).starter_path.read_text()
    with ProgressStore(workspace.progress_db) as store:
        assert [a.verdict for a in store.attempts(EXERCISE)] == ["error"]


def test_a_solved_file_passes_and_unlocks_the_solution(app, workspace):
    assert run(app, "solution", EXERCISE).exit_code != 0  # locked before a pass
    solve(workspace)
    result = run(app, "check", EXERCISE)
    assert result.exit_code == 0, result.output
    assert "PASS" in result.output
    solution = json.loads(run(app, "solution", EXERCISE, "--json").output)
    assert solution["gave_up"] is False and "def logsumexp" in solution["text"]


def test_giving_up_is_confirmed_and_recorded(app, workspace):
    declined = CliRunner().invoke(app, ["solution", EXERCISE, "--give-up"], input="n\n")
    assert declined.exit_code != 0
    with ProgressStore(workspace.progress_db) as store:
        assert not store.gave_up(EXERCISE)
    accepted = CliRunner().invoke(app, ["solution", EXERCISE, "--give-up"], input="y\n")
    assert accepted.exit_code == 0 and "def logsumexp" in accepted.output
    with ProgressStore(workspace.progress_db) as store:
        assert store.gave_up(EXERCISE)


def test_hints_come_in_order_and_are_recorded(app, workspace):
    hints = get_exercise(EXERCISE).hints
    levels = [json.loads(run(app, "hint", EXERCISE, "--json").output) for _ in range(len(hints) + 1)]
    assert [h["level"] for h in levels] == [*range(1, len(hints) + 1), len(hints)]
    assert levels[0]["text"] == hints[0] and levels[-1]["more"] is False
    with ProgressStore(workspace.progress_db) as store:
        assert store.hints_used(EXERCISE) == len(hints)


def test_exercises_lists_every_exercise_with_its_status(app, workspace):
    solve(workspace)
    run(app, "check", EXERCISE)
    rows = json.loads(run(app, "exercises", "--json").output)
    by_id = {row["id"]: row for row in rows}
    assert by_id[EXERCISE]["status"] == "passed" and by_id[EXERCISE]["attempts"] == 1
    assert {row["status"] for row in rows if row["id"] != EXERCISE} == {"not_started"}


def test_check_without_an_argument_grades_the_current_exercise(app, workspace):
    data = json.loads(run(app, "check", "--json").output)
    assert data["grade"]["exercise_id"]  # whichever exercise `ldl next` points at
    assert data["recorded"] is True


def test_a_grader_fault_is_not_recorded_as_an_attempt(app, workspace, monkeypatch):
    from ldl.grading import runner

    monkeypatch.setattr(runner, "_run_both", lambda job: (_ for _ in ()).throw(OSError(28, "No space left")))
    data = json.loads(run(app, "check", EXERCISE, "--json").output)
    assert data["grade"]["verdict"] == "grader_error" and data["recorded"] is False
    with ProgressStore(workspace.progress_db) as store:
        assert store.attempts(EXERCISE) == []


def test_the_watch_loop_rechecks_after_each_save(tmp_path):
    watched = tmp_path / "exercise.py"
    watched.write_text("v1")
    runs: list[str] = []
    edits = iter(["v2", None, "v3 is longer"])

    def fake_sleep(seconds):
        edit = next(edits)
        if edit is not None:
            watched.write_text(edit)

    count = watch_loop(
        lambda: [watched], lambda: runs.append(watched.read_text()), sleep=fake_sleep, max_polls=3
    )
    assert runs == ["v1", "v2", "v3 is longer"] and count == 3
