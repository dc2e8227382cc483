"""The content self-check (like `rustlings dev check`), for every exercise in the repository:
its checks fail on the starter (fail or error, never grader_error) and pass on the reference
solution within the exercise's budget. Also runnable as `python -m ldl.grading.selfcheck`."""

from __future__ import annotations

import pytest

from ldl.curriculum.items import load_exercises
from ldl.grading.selfcheck import grade_as_learner
from ldl.grading.verdicts import Verdict

EXERCISES = load_exercises()


def test_there_are_exercises_to_check():
    assert len(EXERCISES) >= 6


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_checks_fail_on_the_starter(exercise):
    result = grade_as_learner(exercise, exercise.starter_path)
    assert result.verdict in (Verdict.FAIL, Verdict.ERROR), result.feedback


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_checks_pass_on_the_solution_within_budget(exercise):
    result = grade_as_learner(exercise, exercise.solution_path)
    assert result.verdict is Verdict.PASS, result.feedback
    assert result.duration_s <= exercise.budget_seconds


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_every_known_mistake_fails(exercise):
    """A mistakes/ module is a wrong solution: it must not pass (else its hint could never show)."""
    mistakes = sorted(exercise.mistakes_dir.glob("*.py")) if exercise.mistakes_dir.is_dir() else []
    for mistake in mistakes:
        result = grade_as_learner(exercise, mistake)
        assert result.verdict in (Verdict.FAIL, Verdict.ERROR), f"{mistake.name}: {result.summary}"
