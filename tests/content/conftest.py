"""The content self-check grades the agent exercises (taxi_q_learning, cartpole_dqn, cartpole_ppo)
in their reduced setting, LDL_FAST=1: fewer seeds and steps and a lower target, still far above
what an agent that does not learn reaches. A learner's `ldl check` and the slow test
tests/content/test_agent_exercises.py use the full setting."""

import pytest


@pytest.fixture(autouse=True)
def fast_agent_checks(monkeypatch):
    monkeypatch.setenv("LDL_FAST", "1")
