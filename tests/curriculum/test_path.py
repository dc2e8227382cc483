"""Unit status, the course map and `next_step`, with goals, skips and prerequisites."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from content_kit import add_exercise, add_lab, make_content

from ldl.curriculum.next_step import next_step
from ldl.curriculum.path import Curriculum, Progress, UnitState, course_map, load_curriculum, unit_states
from ldl.curriculum.summary import status_summary, streak


@pytest.fixture
def curriculum(tmp_path) -> Curriculum:
    """alpha.one (a lab, then an exercise) -> alpha.two (no items; optional for `quick`) -> beta.one."""
    root = make_content(tmp_path)
    add_lab(root, "1-alpha", "a_lab", "alpha.one", order=1)
    add_exercise(root, "1-alpha", "a_ex", "alpha.one", order=2)
    add_exercise(root, "2-beta", "b_ex", "beta.one", order=1)
    return load_curriculum(root)


def progress(**fields) -> Progress:
    return Progress(**{key: frozenset(v) if key != "unit_statuses" else v for key, v in fields.items()})


def test_a_fresh_path_starts_with_the_first_lab(curriculum):
    states = unit_states(curriculum, Progress(), "everything")
    assert states == {"alpha.one": "available", "alpha.two": "locked", "beta.one": "locked"}
    step = next_step(curriculum, Progress(), "everything")
    assert (step.kind, step.command, step.unit_id) == ("lab", "ldl open a_lab", "alpha.one")
    assert step.path == "labs/1-alpha/a_lab.ipynb"


def test_after_the_lab_comes_the_exercise_and_the_unit_is_in_progress(curriculum):
    done_lab = progress(completed_labs={"a_lab"}, started_labs={"a_lab"})
    assert unit_states(curriculum, done_lab, "everything")["alpha.one"] == UnitState.IN_PROGRESS
    step = next_step(curriculum, done_lab, "everything")
    assert (step.kind, step.command, step.path) == ("exercise", "ldl check a_ex", "exercises/1-alpha/a_ex.py")


def test_a_failed_attempt_does_not_complete_an_exercise(curriculum):
    tried = progress(completed_labs={"a_lab"}, attempted_exercises={"a_ex"})
    assert next_step(curriculum, tried, "everything").command == "ldl check a_ex"


def test_finishing_every_item_finishes_the_unit_and_unlocks_the_next(curriculum):
    finished = progress(completed_labs={"a_lab"}, passed_exercises={"a_ex"})
    states = unit_states(curriculum, finished, "everything")
    assert states["alpha.one"] == UnitState.DONE and states["alpha.two"] == UnitState.AVAILABLE
    step = next_step(curriculum, finished, "everything")
    assert (step.kind, step.command, step.url) == (
        "resource",
        "ldl done alpha.two",
        "https://example.org/book",
    )


def test_a_goal_leaves_its_optional_units_out_and_they_count_as_settled(curriculum):
    finished = progress(completed_labs={"a_lab"}, passed_exercises={"a_ex"})
    states = unit_states(curriculum, finished, "quick")
    assert states["alpha.two"] == UnitState.OPTIONAL and states["beta.one"] == UnitState.AVAILABLE
    assert next_step(curriculum, finished, "quick").command == "ldl check b_ex"


def test_an_optional_unit_the_learner_started_stays_on_the_path(curriculum):
    started = Progress(unit_statuses={"alpha.one": "done", "alpha.two": "in_progress"})
    assert unit_states(curriculum, started, "quick")["alpha.two"] == UnitState.IN_PROGRESS
    assert next_step(curriculum, started, "quick").unit_id == "alpha.two"


def test_skips_are_respected_and_do_not_lock_what_follows(curriculum):
    skipped = Progress(unit_statuses={"alpha.one": "skipped", "alpha.two": "skipped"})
    states = unit_states(curriculum, skipped, "everything")
    assert states == {"alpha.one": "skipped", "alpha.two": "skipped", "beta.one": "available"}
    assert next_step(curriculum, skipped, "everything").command == "ldl check b_ex"


def test_done_beats_skipped_and_the_end_is_reported(curriculum):
    everything = Progress(unit_statuses={"alpha.one": "skipped", "alpha.two": "done", "beta.one": "done"})
    step = next_step(curriculum, everything, "everything")
    assert step.kind == "finished" and step.command == "ldl map"


def test_the_course_map_counts_hours_by_progress_and_leaves_out_what_the_goal_omits(curriculum):
    half = progress(completed_labs={"a_lab"})  # alpha.one: 1 of 2 items, 2 hours
    full = course_map(curriculum, half, "everything")
    assert (full.hours_done, full.hours_left) == (1.0, 1.0 + 4 + 6)
    assert full.stages[0].units[0].progress == 0.5 and full.stages[0].units[0].items_done == 1
    assert full.progress == pytest.approx(1 / 12)
    quick = course_map(curriculum, half, "quick")
    assert (quick.hours_done, quick.hours_left, quick.units_in_path) == (1.0, 1.0 + 6, 2)
    skipped = course_map(curriculum, Progress(unit_statuses={"beta.one": "skipped"}), "everything")
    assert skipped.hours_left == 2 + 4 and skipped.stages[1].progress == 1.0


@pytest.mark.parametrize("goal", ["career-switch", "work-problem", "overview"])
def test_following_next_on_the_real_syllabus_visits_each_path_unit_once_and_finishes(goal):
    curriculum = load_curriculum()
    statuses: dict[str, str] = {}
    visited = []
    for _ in range(len(curriculum.syllabus.units) + 1):
        step = next_step(curriculum, Progress(unit_statuses=statuses), goal)
        if step.kind == "finished":
            break
        assert step.command.startswith("ldl "), step
        visited.append(step.unit_id)
        statuses[step.unit_id] = "done"
    else:
        pytest.fail("next_step never reported the end of the path")
    expected = [u.id for u in curriculum.syllabus.units if goal not in u.optional_for]
    assert visited == expected


def test_capstone_units_start_a_project_then_check_it_then_publish_it():
    curriculum = load_curriculum()
    units = curriculum.syllabus.unit_ids
    before = {unit_id: "done" for unit_id in units[: units.index("capstone-1.choose")]}
    step = next_step(curriculum, Progress(unit_statuses=before), "career-switch")
    assert step.kind == "capstone" and step.command == "ldl capstone ideas"
    assert (
        "ldl capstone new 1 NAME" in step.instructions and "ldl done capstone-1.choose" in step.instructions
    )
    projects = {"capstone-1": ["digits_cnn"], "capstone-2": ["pong_agent"]}
    step = next_step(curriculum, Progress(unit_statuses=before), "career-switch", capstones=projects)
    assert (
        step.command == "ldl capstone check digits_cnn"
        and step.path == "capstones/digits_cnn/digits_cnn.ipynb"
    )
    build = curriculum.items_of("capstone-1.build")  # the unit's own labs and exercises come first
    finished = {**before, "capstone-1.choose": "done"}
    done_items = Progress(
        unit_statuses={**finished, "capstone-1.build": "done"},
        passed_exercises=frozenset(item.id for item in build),
        completed_labs=frozenset(item.id for item in build),
    )
    step = next_step(curriculum, done_items, "career-switch", capstones=projects)
    assert step.unit_id == "capstone-1.publish" and step.command == "ldl portfolio build"


# ---- ldl status --------------------------------------------------------------------------------


def test_a_streak_counts_consecutive_days_ending_today_or_yesterday():
    today = date(2026, 3, 10)
    days = [today - timedelta(days=n) for n in (0, 1, 2, 4)]
    assert streak(days, today) == 3
    assert streak(days[1:], today) == 2  # nothing yet today: the streak is still alive
    assert streak([today - timedelta(days=2)], today) == 0
    assert streak([], today) == 0


def test_status_summarises_the_path(curriculum):
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    activity = [now - timedelta(days=1), now]
    learner = progress(completed_labs={"a_lab", "gone_lab"}, passed_exercises={"a_ex"})
    summary = status_summary(curriculum, learner, "everything", activity, now.astimezone().date())
    assert (summary.units_done, summary.units_in_path) == (1, 3)
    assert (summary.exercises_passed, summary.exercises_total, summary.labs_done) == (1, 2, 1)
    assert summary.last_activity == now and summary.streak_days == 2
    assert summary.next.command == "ldl done alpha.two"


def test_an_exercise_given_up_on_lets_the_path_move_on_but_is_not_a_pass(curriculum):
    gave_up = progress(completed_labs={"a_lab"}, attempted_exercises={"a_ex"}, given_up_exercises={"a_ex"})
    assert unit_states(curriculum, gave_up, "everything")["alpha.one"] == UnitState.DONE
    summary = status_summary(curriculum, gave_up, "everything", [], date(2026, 3, 10))
    assert summary.exercises_passed == 0 and summary.next.unit_id == "alpha.two"
