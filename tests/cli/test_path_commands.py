"""`ldl map / unit / next / goal / skip / unskip / done / status` through the CLI."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.curriculum.items import load_exercises, load_labs
from ldl.curriculum.syllabus import load_syllabus


def shown(result) -> str:
    """What the user saw, with Rich's panel borders and line wrapping taken out."""
    text = re.sub(r"[\u2500-\u257f]", " ", result.output)
    return " ".join(text.split())


def ldl_json(*args: str) -> dict:
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, f"{args}: {result.output} {result.exception!r}"
    return json.loads(result.stdout)


def test_a_fresh_workspace_starts_at_the_first_unit(workspace):
    first = load_syllabus().units[0]
    step = ldl_json("next")
    assert step["unit_id"] == first.id and step["command"].startswith("ldl ")
    course = ldl_json("map")
    assert [stage["key"] for stage in course["stages"]] == [stage.key for stage in load_syllabus().stages]
    assert course["hours_done"] == 0 and course["hours_left"] == sum(u.hours for u in load_syllabus().units)


def test_done_and_skip_move_the_next_step_on_and_unskip_brings_a_unit_back(workspace):
    first, second = load_syllabus().units[:2]
    assert ldl_json("done", first.id)["next"]["unit_id"] == second.id
    skipped = ldl_json("skip", second.id)
    assert skipped["next"]["unit_id"] not in (first.id, second.id)
    states = {u["id"]: u["status"] for s in ldl_json("map")["stages"] for u in s["units"]}
    assert (states[first.id], states[second.id]) == ("done", "skipped")
    assert ldl_json("unskip", second.id)["next"]["unit_id"] == second.id
    assert "was not skipped" in ldl_json("unskip", second.id)["message"]


def test_a_goal_changes_which_units_are_on_the_path(workspace):
    choice = ldl_json("goal")
    assert choice["changed"] is False and choice["current"] == load_syllabus().default_goal
    chosen = ldl_json("goal", "overview")
    assert chosen["current"] == "overview" and [g["id"] for g in chosen["goals"] if g["selected"]] == [
        "overview"
    ]
    course = ldl_json("map")
    optional = {u["id"] for s in course["stages"] for u in s["units"] if u["status"] == "optional"}
    assert optional == {u.id for u in load_syllabus().units if "overview" in u.optional_for}
    assert ldl_json("status")["goal"] == "overview"


def test_an_unknown_goal_or_unit_is_refused_with_suggestions(workspace):
    result = CliRunner().invoke(app, ["goal", "overveiw"])
    assert result.exit_code == 1 and "`overview`" in shown(result)
    result = CliRunner().invoke(app, ["skip", "math.calculas"])
    assert result.exit_code == 1 and "`math.calculus`" in shown(result)


def test_done_on_a_lab_ticks_the_lab_off(workspace):
    lab = load_labs()[0]
    marked = ldl_json("done", lab.id)
    assert marked["kind"] == "lab"
    unit = ldl_json("unit", lab.unit)
    assert [item["complete"] for item in unit["items"] if item["id"] == lab.id] == [True]
    assert ldl_json("status")["labs_done"] == 1


def test_status_counts_activity(workspace):
    ldl_json("done", load_syllabus().units[0].id)
    status = ldl_json("status")
    assert status["units_done"] == 1 and status["streak_days"] == 1 and status["last_activity"]


def test_the_map_renders_as_a_table(workspace):
    result = CliRunner().invoke(app, ["map"])
    assert result.exit_code == 0
    assert "Mathematical foundations" in result.output and "available" in result.output


def test_the_store_records_drive_item_completion(workspace):
    from ldl.progress.store import ProgressStore

    # The first lab whose unit also has an exercise (the first unit has a lab only).
    exercise_units = {exercise.unit for exercise in load_exercises()}
    lab = next(lab for lab in load_labs() if lab.unit in exercise_units)
    unit = load_syllabus().unit(lab.unit)
    exercises = [item for item in ldl_json("unit", unit.id)["items"] if item["kind"] == "exercise"]
    assert exercises, "the test needs a unit with a lab and an exercise"
    exercise = exercises[0]["id"]

    def complete() -> dict[str, bool]:
        return {item["id"]: item["complete"] for item in ldl_json("unit", unit.id)["items"]}

    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:
        store.record_lab_run(lab.id, "error", 1.0)
        store.record_attempt(exercise, "fail", 0.5)
    assert complete()[lab.id] is False and complete()[exercise] is False
    assert ldl_json("unit", unit.id)["status"] == "in_progress"
    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:
        store.record_lab_run(lab.id, "ok", 1.0)
        store.record_give_up(exercise)
    assert complete()[lab.id] is True and complete()[exercise] is True
    assert ldl_json("status")["exercises_passed"] == 0


def test_done_on_an_exercise_points_to_check(workspace):
    exercise = load_exercises()[0].id
    result = CliRunner().invoke(app, ["done", exercise])
    assert result.exit_code == 1 and f"ldl check {exercise}" in shown(result)
