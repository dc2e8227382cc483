"""Stage 5's agent exercises (the learner's whole agent, trained by the grader on several seeds):
an agent that does not learn fails with each seed's averages and curve; slow: each reference agent
passes the full setting a learner's `ldl check` uses, within the exercise's budget. The reduced
setting (LDL_FAST=1, tests/content/conftest.py) is checked on every exercise by
test_exercises_selfcheck.py."""

from __future__ import annotations

import pytest

from ldl.curriculum.items import get_exercise
from ldl.grading.selfcheck import grade_as_learner
from ldl.grading.verdicts import Verdict

AGENT_EXERCISES = ("taxi_q_learning", "cartpole_dqn", "cartpole_ppo")


def test_an_agent_that_does_not_learn_fails_with_its_curves(tmp_path):
    exercise = get_exercise("taxi_q_learning")
    source = exercise.solution_path.read_text(encoding="utf-8")
    never_exploits = source.replace("if rng.random() < epsilon_at(step, total_steps):", "if True:")
    assert never_exploits != source
    learner = tmp_path / "taxi_q_learning.py"
    learner.write_text(never_exploits, encoding="utf-8")
    result = grade_as_learner(exercise, learner)
    assert result.verdict is Verdict.FAIL, result.feedback
    assert "seed 0: NOT reached" in result.feedback
    assert "0 of 2 seeds reached" in result.feedback
    assert "not learning" in result.feedback
    assert "▁" in result.feedback  # the learning curve


@pytest.mark.slow
@pytest.mark.parametrize("exercise_id", AGENT_EXERCISES)
def test_the_reference_agent_passes_the_full_setting(exercise_id, monkeypatch):
    monkeypatch.delenv("LDL_FAST", raising=False)
    exercise = get_exercise(exercise_id)
    result = grade_as_learner(exercise, exercise.solution_path)
    assert result.verdict is Verdict.PASS, result.feedback
    assert result.duration_s <= exercise.budget_seconds
