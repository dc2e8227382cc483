"""ldl.rl.agent_checks: the watched environments count steps and episodes, stop at the target or
the budget, the verdict is decided from the recorded returns, and a fail explains itself."""

import copy

import numpy as np
import pytest

from ldl.rl import agent_checks
from ldl.rl.agent_checks import AgentTarget

TARGET = AgentTarget("CartPole-v1", total_steps=3_000, window=5, threshold=60.0, seeds=(0, 1, 2), needed=2)


def always_left(make_env, seed, total_steps):
    """Falls within about ten steps, every episode: it never reaches 60."""
    env = make_env()
    env.reset(seed=seed)
    for _ in range(total_steps):
        _, _, terminated, truncated, _ = env.step(0)
        if terminated or truncated:
            env.reset()


def balancer(make_env, seed, total_steps):
    """A hand-made controller (push towards where the pole falls): episodes of hundreds of steps."""
    env = make_env()
    obs, _ = env.reset(seed=seed)
    for _ in range(total_steps):
        obs, _, terminated, truncated, _ = env.step(int(obs[2] + 0.5 * obs[3] > 0))
        if terminated or truncated:
            obs, _ = env.reset()


def test_best_average_is_the_best_window():
    assert agent_checks.best_average([0, 10, 20, 0], 2) == 15.0
    assert agent_checks.best_average([1.0], 2) == float("-inf")


@pytest.fixture(scope="module")
def never_learns():
    return agent_checks.train_on_seeds(always_left, TARGET)


def test_a_learner_that_never_learns_fails_on_every_seed_it_needs(never_learns):
    record = never_learns
    runs = record["runs"]
    assert len(runs) == 2  # two seeds failed: 2 of 3 can no longer be reached, the third is not run
    assert all(run["steps"] == TARGET.total_steps and run["stopped"] == "train returned" for run in runs)
    assert all(0 < np.mean(run["returns"]) < 15 for run in runs)
    message = agent_checks.judge(record, TARGET)
    assert "seed 0: NOT reached" in message and "seed 1: NOT reached" in message
    assert "0 of 3 seeds reached" in message and "1 seed(s) not run" in message
    assert "not learning" in message


def test_a_good_agent_stops_at_the_target_and_passes():
    record = agent_checks.train_on_seeds(balancer, TARGET)
    assert [run["stopped"] for run in record["runs"]] == ["target reached"] * 2
    assert all(run["steps"] < TARGET.total_steps for run in record["runs"])
    assert agent_checks.judge(record, TARGET) is None


def test_the_grader_counts_steps_across_every_env_of_a_seed():
    def two_envs(make_env, seed, total_steps):
        envs = [make_env(), make_env()]
        for env in envs:
            env.reset(seed=seed)
        for _ in range(total_steps):  # twice the budget in all: the watcher stops it half-way
            for env in envs:
                _, _, terminated, truncated, _ = env.step(1)
                if terminated or truncated:
                    env.reset()

    target = AgentTarget("CartPole-v1", total_steps=400, window=5, threshold=1e9, seeds=(0,), needed=1)
    run = agent_checks.train_on_seeds(two_envs, target)["runs"][0]
    assert run["steps"] == 400 and run["stopped"] == "budget spent"


def test_the_verdict_comes_from_the_returns_not_from_flags(never_learns):
    record = copy.deepcopy(never_learns)
    for run in record["runs"]:
        run["stopped"] = "target reached"  # a tampered flag changes nothing
    assert agent_checks.judge(record, TARGET) is not None
    assert "another target" in agent_checks.judge({**record, "target": {"threshold": 1}}, TARGET)
    assert "no record" in agent_checks.judge(None, TARGET)


def test_fast_mode_picks_the_reduced_target(monkeypatch):
    small = AgentTarget("CartPole-v1", 10, 1, 1.0, (0,), 1)
    monkeypatch.setenv("LDL_FAST", "1")
    assert agent_checks.pick(TARGET, small) is small
    monkeypatch.setenv("LDL_FAST", "0")
    assert agent_checks.pick(TARGET, small) is TARGET


@pytest.mark.parametrize(
    ("returns", "top", "expected"),
    [([1, 1, 1], None, "▁▁▁"), ([0, 5, 10], None, "▁▅█"), ([0, 0], 10, "▁▁")],
)
def test_sparkline(returns, top, expected):
    assert agent_checks.sparkline(returns, top=top).startswith(expected)
