"""`ldl done` refuses unfinished units unless `--anyway` (hours follow what was done), and
`ldl progress export | import | rescue` move progress between workspaces."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.curriculum.path import load_curriculum
from ldl.progress.store import ProgressStore

UNIT = "practical.recommenders"  # two exercises and a lab


def ldl(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def _unit(workspace_map: dict, unit_id: str) -> dict:
    return next(u for stage in workspace_map["stages"] for u in stage["units"] if u["id"] == unit_id)


def test_done_refuses_a_unit_with_exercises_not_passed_and_names_them(workspace):
    exercises = [e.id for e in load_curriculum().exercises if e.unit == UNIT]
    result = ldl("done", UNIT)
    assert result.exit_code == 1
    shown = " ".join(result.output.split())
    assert all(f"`{exercise_id}`" in shown for exercise_id in exercises) and "--anyway" in shown
    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:
        assert store.unit_statuses() == {}  # nothing was marked


def test_done_anyway_marks_it_but_credits_hours_only_for_what_was_done(workspace):
    curriculum = load_curriculum()
    items = curriculum.items_of(UNIT)
    exercises = [item.id for item in items if item.id in {e.id for e in curriculum.exercises}]
    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:
        store.record_attempt(exercises[0], "pass", 1.0)  # one of the exercises is passed
    result = ldl("done", UNIT, "--anyway", "--json")
    assert result.exit_code == 0, result.output
    view = _unit(json.loads(ldl("map", "--json").output), UNIT)
    assert view["status"] == "done"
    missing = len(exercises) - 1  # labs count on the learner's word; exercises only when passed
    assert abs(view["progress"] - (1 - missing / len(items))) < 1e-9
    assert view["progress"] < 1.0


def test_done_needs_no_anyway_once_every_exercise_is_passed_or_given_up(workspace):
    exercises = [e.id for e in load_curriculum().exercises if e.unit == UNIT]
    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:
        store.record_attempt(exercises[0], "pass", 1.0)
        for exercise_id in exercises[1:]:
            store.record_give_up(exercise_id)
    assert ldl("done", UNIT).exit_code == 0
    assert _unit(json.loads(ldl("map", "--json").output), UNIT)["progress"] == 1.0


def test_progress_moves_to_another_workspace_through_a_json_file(workspace, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(workspace, other)
    shutil.rmtree(other / ".ldl")
    assert ldl("init", str(other)).exit_code == 0
    assert ldl("goal", "overview").exit_code == 0
    assert ldl("skip", "math.calculus").exit_code == 0
    exported = tmp_path / "progress.json"
    assert ldl("progress", "export", str(exported)).exit_code == 0
    data = json.loads(exported.read_text())
    assert data["format"] == "ldl-progress" and data["tables"]["unit_status"][0]["unit_id"] == "math.calculus"
    env = {"LDL_HOME": str(other)}
    first = ldl("progress", "import", str(exported), "--json", env=env)
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["added"]["unit_status"] == 1
    again = ldl("progress", "import", str(exported), env=env)
    assert "already holds all of it" in " ".join(again.output.split())
    status = json.loads(ldl("status", "--json", env=env).output)
    assert status["goal"] == "overview" and status["units_skipped"] == 1


def test_importing_something_else_is_a_clear_error(workspace, tmp_path):
    (tmp_path / "notes.json").write_text("[1, 2]")
    result = ldl("progress", "import", str(tmp_path / "notes.json"))
    assert result.exit_code == 1 and "not an ldl progress export" in result.output
    (tmp_path / "broken.json").write_text("{")
    assert "not a JSON progress export" in ldl("progress", "import", str(tmp_path / "broken.json")).output
    assert "There is no file" in ldl("progress", "import", str(tmp_path / "absent.json")).output
