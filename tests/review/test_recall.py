"""Recall exercises: passed exercises come back as blank files on the FSRS schedule, and `ldl next`
mixes them in by its documented rule."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.curriculum.items import get_exercise, load_exercises
from ldl.curriculum.next_step import RECALLS_PER_DAY, REVIEWS_FIRST, RecallsDue, next_step
from ldl.curriculum.path import Progress, load_curriculum
from ldl.progress.store import ProgressStore
from ldl.review import recall


def passed_store(path, exercise_id: str, hints: int = 0, gave_up: bool = False) -> ProgressStore:
    store = ProgressStore(path)
    store.record_attempt(exercise_id, "fail", 0.1)
    for level in range(1, hints + 1):
        store.record_hint(exercise_id, level)
    if gave_up:
        store.record_give_up(exercise_id)
    store.record_attempt(exercise_id, "pass", 0.1)
    return store


def row_of(store, exercise_id, now):
    queue = recall.recall_queue(store, load_exercises(), now)
    return next(r for r in [*queue.due, *queue.upcoming] if r.exercise_id == exercise_id)


def test_a_passed_exercise_comes_back_after_days_not_minutes(tmp_path):
    exercise = load_exercises()[0].id
    now = datetime.now(UTC)
    with passed_store(tmp_path / "p.sqlite", exercise) as store:
        queue = recall.recall_queue(store, load_exercises(), now + timedelta(hours=6))
        assert [r.exercise_id for r in queue.upcoming] == [exercise] and not queue.due
        due = datetime.fromisoformat(queue.upcoming[0].due)
        assert timedelta(days=1) < due - now < timedelta(days=5)  # a Good first pass: days later
        assert row_of(store, exercise, now + timedelta(days=6)).is_due
        # exercises never passed are not in the schedule, and failed attempts do not put them there
        store.record_attempt(load_exercises()[1].id, "fail", 0.1)
        assert len(recall.recall_queue(store, load_exercises(), now + timedelta(days=30)).due) == 1


@pytest.mark.parametrize(("hints", "gave_up", "rating"), [(0, False, 3), (2, False, 2), (0, True, 1)])
def test_the_first_pass_counts_as_good_hard_or_again(tmp_path, hints, gave_up, rating):
    exercise = load_exercises()[0].id
    with passed_store(tmp_path / "p.sqlite", exercise, hints, gave_up) as store:
        assert recall.first_rating(store, exercise) == rating


def test_help_brings_a_recall_sooner(tmp_path):
    exercise = load_exercises()[0].id
    now = datetime.now(UTC)
    dues = {}
    for name, hints in (("alone", 0), ("helped", 3)):
        with passed_store(tmp_path / f"{name}.sqlite", exercise, hints) as store:
            dues[name] = datetime.fromisoformat(row_of(store, exercise, now).due)
    assert dues["helped"] < dues["alone"]


def test_outcomes_follow_what_happened_and_grow_the_interval(tmp_path):
    exercise = load_exercises()[0].id
    now = datetime.now(UTC)
    with passed_store(tmp_path / "p.sqlite", exercise) as store:
        first_due = datetime.fromisoformat(row_of(store, exercise, now).due)
        t1 = first_due + timedelta(hours=1)
        recall.mark_started(store, exercise, t1)
        good = recall.record_outcome(store, exercise, passed=True, now=t1)
        assert good.rating_name == "Good"
        second_due = datetime.fromisoformat(good.next_due)
        assert second_due - t1 > first_due - now  # a success spaces the next one further out
        assert not row_of(store, exercise, t1).in_progress  # the outcome ends the recall
        # the next recall: two failed checks, then a pass -> Hard; giving up -> Again, back within days
        t2 = second_due + timedelta(hours=1)
        recall.mark_started(store, exercise, datetime.now(UTC) - timedelta(seconds=1))
        store.record_attempt(recall.recall_id(exercise), "fail", 0.1)
        store.record_attempt(recall.recall_id(exercise), "fail", 0.1)
        assert recall.failed_checks_since_start(store, exercise) == 2
        assert recall.record_outcome(store, exercise, passed=True, now=t2).rating_name == "Hard"
        recall.mark_started(store, exercise)
        again = recall.record_outcome(store, exercise, passed=False, now=t2 + timedelta(days=30))
        assert again.rating_name == "Again" and again.interval in {"1 d", "2 d"}
        # recall checks are logged apart: the exercise's own record still says passed, once
        assert [a.verdict for a in store.attempts(exercise)] == ["fail", "pass"]


def test_next_step_mixes_reviews_recalls_and_new_work_by_the_documented_rule():
    curriculum = load_curriculum()
    goal = curriculum.syllabus.default_goal
    progress = Progress()
    due = RecallsDue(("stable_softmax",), ("A stable softmax",), done_today=0)
    assert next_step(curriculum, progress, goal, REVIEWS_FIRST, due).kind == "review"
    step = next_step(curriculum, progress, goal, REVIEWS_FIRST - 1, due)
    assert (step.kind, step.command, step.recalls_due) == ("recall", "ldl recall start stable_softmax", 1)
    done = RecallsDue(("stable_softmax",), ("A stable softmax",), done_today=RECALLS_PER_DAY)
    step = next_step(curriculum, progress, goal, 0, done)
    assert step.kind not in {"recall", "review"} and step.recalls_due == 1
    assert next_step(curriculum, progress, goal).kind not in {"recall", "review"}


def test_a_whole_recall_through_the_cli(tmp_path):
    """Pass an exercise, get it back blank, fail without hints, pass again: scheduled further out."""
    exercise = (
        get_exercise("stable_softmax") if "stable_softmax" in {e.id for e in load_exercises()} else None
    )
    exercise = exercise or next(e for e in load_exercises() if e.requires == ["numpy"])
    env = {"LDL_HOME": str(tmp_path / "ws"), "LDL_OFFLINE": "1", "COLUMNS": "120"}
    runner = CliRunner()

    def ldl(*args, code=0):
        result = runner.invoke(app, list(args), env=env)
        assert result.exit_code == code, result.output
        return result

    ldl("init", str(tmp_path / "ws"))
    learner = tmp_path / "ws" / "exercises" / exercise.stage_dir / f"{exercise.id}.py"
    learner.parent.mkdir(parents=True, exist_ok=True)
    learner.write_text(exercise.solution_path.read_text())
    ldl("check", exercise.id)
    listed = json.loads(ldl("recall", "--json").stdout)
    assert [r["exercise_id"] for r in listed["upcoming"]] == [exercise.id] and not listed["due"]
    refused = ldl("recall", "start", exercise.id, code=1)
    assert "not yet" in refused.output and "--early" in refused.output
    started = json.loads(ldl("recall", "start", exercise.id, "--early", "--json").stdout)
    blank = tmp_path / "ws" / started["path"]
    assert blank.read_text() == exercise.starter_path.read_text()
    failed = json.loads(ldl("recall", "check", exercise.id, "--json", code=1).stdout)
    assert not failed["passed"] and "Hint:" not in failed["feedback"]
    blank.write_text(exercise.solution_path.read_text())
    passed = json.loads(ldl("recall", "check", "--json").stdout)  # the one under way is the default
    assert passed["passed"] and passed["outcome"]["rating_name"] == "Hard"  # one failed check before
    assert learner.read_text() == exercise.solution_path.read_text()  # the first solution is untouched
    with ProgressStore(tmp_path / "ws" / ".ldl" / "progress.sqlite") as store:
        assert [r.card_id for r in store.reviews()] == [recall.recall_id(exercise.id)]
    assert os.path.exists(blank)
    ldl("recall", "give-up", exercise.id, code=1)  # nothing under way any more
