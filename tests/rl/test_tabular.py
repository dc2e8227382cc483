"""Planning reaches the known optima; the learning agents behave as the textbook says; every agent
bootstraps at a truncation."""

import gymnasium as gym
import numpy as np
import pytest

from ldl.rl.tabular import (
    TabularModel,
    finite_horizon,
    finite_horizon_evaluation,
    monte_carlo_control,
    n_step_sarsa,
    policy_iteration,
    start_value,
    td_control,
    value_iteration,
)


def model_of(env_id):
    return TabularModel.from_env(gym.make(env_id))


def test_frozenlake_without_time_limit_is_14_over_17():
    model = model_of("FrozenLake-v1")
    values, _, _ = value_iteration(model, gamma=1.0, tol=1e-13)
    assert start_value(model, values) == pytest.approx(14 / 17, abs=1e-6)


def test_frozenlake_with_the_100_step_limit():
    """Backward induction over the 100 steps the TimeLimit allows: 0.7442, checked against the
    real environment with the time-dependent policy (Monte Carlo, within 3 standard errors)."""
    model = model_of("FrozenLake-v1")
    values, policies = finite_horizon(model, horizon=100)
    optimum = start_value(model, values[100])
    assert optimum == pytest.approx(0.7442, abs=1e-3)
    stationary = finite_horizon_evaluation(model, value_iteration(model, 0.999)[1], 100)
    assert start_value(model, stationary) < optimum  # the time limit rewards a time-aware policy
    env = gym.make("FrozenLake-v1", disable_env_checker=True)
    successes = []
    for episode in range(600):
        state, _ = env.reset(seed=episode)
        reward, done, t = 0.0, False, 0
        while not done:
            state, reward, terminated, truncated, _ = env.step(int(policies[99 - t][state]))
            done, t = terminated or truncated, t + 1
        successes.append(reward)
    standard_error = np.sqrt(optimum * (1 - optimum) / len(successes))
    assert abs(np.mean(successes) - optimum) < 3 * standard_error


def test_taxi_and_cliffwalking_optima_and_policy_iteration_agrees():
    taxi = model_of("Taxi-v4")
    values, policy, _ = value_iteration(taxi, gamma=1.0)
    assert start_value(taxi, values) == pytest.approx(7.93, abs=1e-3)
    env = gym.make("Taxi-v4", disable_env_checker=True)
    returns = []
    for episode in range(100):
        state, _ = env.reset(seed=episode)
        total, done = 0.0, False
        while not done:
            state, reward, terminated, truncated, _ = env.step(int(policy[state]))
            total, done = total + reward, terminated or truncated
        returns.append(total)
    assert abs(np.mean(returns) - 7.93) < 0.5  # starts are random: a sampling check
    cliff = model_of("CliffWalking-v1")
    assert start_value(cliff, value_iteration(cliff, gamma=1.0)[0]) == pytest.approx(-13.0, abs=1e-9)
    for model in (taxi, cliff):
        v_vi, _, _ = value_iteration(model, gamma=0.95)
        v_pi, _, _ = policy_iteration(model, gamma=0.95)
        np.testing.assert_allclose(v_vi, v_pi, atol=1e-6)


def greedy_return(env_id, policy, horizon):
    model = model_of(env_id)
    return start_value(model, finite_horizon_evaluation(model, policy, horizon))


def test_cliffwalking_q_learning_finds_the_edge_sarsa_the_safe_path():
    """Sutton & Barto, example 6.6: with epsilon = 0.1 Q-learning learns the optimal path along the
    cliff (-13) but falls off while exploring; SARSA learns a longer, safer path and earns more
    while it learns."""
    q = td_control(gym.make("CliffWalking-v1"), "q_learning", 400, alpha=0.5, epsilon=0.1, seed=0)
    sarsa = td_control(gym.make("CliffWalking-v1"), "sarsa", 400, alpha=0.5, epsilon=0.1, seed=0)
    assert greedy_return("CliffWalking-v1", q.policy, 1000) == -13
    safe = greedy_return("CliffWalking-v1", sarsa.policy, 1000)
    assert -25 <= safe < -13
    assert np.mean(sarsa.episode_returns[-200:]) > np.mean(q.episode_returns[-200:])


@pytest.mark.slow
def test_taxi_learning_reaches_the_optimum_within_5_percent():
    result = td_control(gym.make("Taxi-v4", disable_env_checker=True), "q_learning", 5000, alpha=0.5, seed=0)
    assert greedy_return("Taxi-v4", result.policy, 200) >= 0.95 * 7.93


@pytest.mark.slow
@pytest.mark.parametrize("method", ["q_learning", "expected_sarsa"])
def test_frozenlake_learning_within_5_percent(method):
    env = gym.make("FrozenLake-v1", disable_env_checker=True)
    result = td_control(env, method, 10_000, alpha=0.1, gamma=0.99, seed=0)
    assert greedy_return("FrozenLake-v1", result.policy, 100) >= 0.95 * 0.7442


@pytest.mark.parametrize(
    "learn",
    [
        lambda env: td_control(env, "q_learning", 300, alpha=0.2, gamma=0.5),
        lambda env: td_control(env, "sarsa", 300, alpha=0.2, gamma=0.5),
        lambda env: td_control(env, "expected_sarsa", 300, alpha=0.2, gamma=0.5),
        lambda env: n_step_sarsa(env, 2, 300, alpha=0.2, gamma=0.5),
        lambda env: monte_carlo_control(env, 300, alpha=0.2, gamma=0.5),
    ],
    ids=["q_learning", "sarsa", "expected_sarsa", "n_step_sarsa", "monte_carlo"],
)
def test_each_agent_bootstraps_at_truncation(learn, forever_env):
    """Reward 1 per step for ever, episodes cut at 3 steps: the true value is 1 / (1 - 0.5) = 2.
    An agent that treated the cut as the end would learn at most 1 + 0.5 + 0.25 = 1.75."""
    result = learn(forever_env)
    np.testing.assert_allclose(result.q[0], 2.0, atol=0.05)
