"""Returns, n-step targets and GAE against hand-computed examples, terminated vs truncated."""

import numpy as np
import pytest

from ldl.rl.buffers import RolloutStorage
from ldl.rl.returns import discount_cumsum, gae, n_step_returns, td_targets

REWARDS = np.array([1.0, 1.0, 1.0])
VALUES = np.array([0.5, 0.4, 0.3])
NEXT_VALUES = np.array([0.4, 0.3, 2.0])  # V(s_{t+1}); 2.0 is V(final observation)
NO = np.array([False, False, False])
LAST = np.array([False, False, True])


def test_discount_cumsum_restarts_after_each_episode():
    returns = discount_cumsum([1.0, 1.0, 1.0], 0.5, dones=[False, True, False])
    np.testing.assert_allclose(returns, [1.5, 1.0, 1.0])


def test_td_targets_bootstrap_at_truncation_not_at_termination():
    np.testing.assert_allclose(td_targets([1.0, 1.0], [2.0, 2.0], [False, True], 0.5), [2.0, 1.0])


def test_gae_truncated_bootstraps_from_final_value():
    # by hand: delta = [0.86, 0.87, 1 + 0.9 * 2.0 - 0.3 = 2.5]; A2 = 2.5, A1 = 0.87 + 0.72 * 2.5, ...
    advantages, returns = gae(REWARDS, VALUES, NEXT_VALUES, NO, LAST, gamma=0.9, lam=0.8)
    np.testing.assert_allclose(advantages, [2.7824, 2.67, 2.5])
    np.testing.assert_allclose(returns, advantages + VALUES)


def test_gae_terminated_does_not_bootstrap():
    advantages, _ = gae(REWARDS, VALUES, NEXT_VALUES, LAST, NO, gamma=0.9, lam=0.8)
    np.testing.assert_allclose(advantages, [1.84928, 1.374, 0.7])


def test_gae_stops_at_an_episode_end_in_the_middle():
    truncated = np.array([True, False, False])
    advantages, _ = gae(REWARDS, VALUES, NEXT_VALUES, NO, truncated, gamma=0.9, lam=0.8)
    assert advantages[0] == pytest.approx(1 + 0.9 * 0.4 - 0.5)  # nothing from the next episode
    assert advantages[1] == pytest.approx(2.67)


def test_gae_with_lambda_one_is_the_discounted_return_minus_value():
    rewards = np.array([[1.0, 0.0], [2.0, 1.0], [3.0, 5.0]])  # (T=3, N=2)
    values = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
    next_values = np.array([[0.3, 0.4], [0.5, 0.6], [0.0, 0.0]])
    terminated = np.array([[False, False], [False, False], [True, True]])
    advantages, _ = gae(rewards, values, next_values, terminated, np.zeros_like(terminated), 0.9, 1.0)
    expected = discount_cumsum(rewards, 0.9) - values
    np.testing.assert_allclose(advantages, expected)


@pytest.mark.parametrize(
    "terminated, truncated, expected",
    [
        (NO, NO, [1 + 0.5 * 2 + 0.25 * 20, 2 + 0.5 * 3 + 0.25 * 30, 3 + 0.5 * 30]),
        ([False, True, False], NO, [1 + 0.5 * 2, 2, 3 + 0.5 * 30]),
        (NO, [False, True, False], [1 + 0.5 * 2 + 0.25 * 20, 2 + 0.5 * 20, 3 + 0.5 * 30]),
    ],
)
def test_n_step_returns(terminated, truncated, expected):
    got = n_step_returns([1.0, 2.0, 3.0], [10.0, 20.0, 30.0], terminated, truncated, gamma=0.5, n=2)
    np.testing.assert_allclose(got, expected)


def test_n_step_one_equals_td_targets_and_works_per_env():
    rng = np.random.default_rng(0)
    rewards, next_values = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    terminated = rng.random((5, 3)) < 0.3
    got = n_step_returns(rewards, next_values, terminated, np.zeros_like(terminated), 0.9, n=1)
    np.testing.assert_allclose(got, td_targets(rewards, next_values, terminated, 0.9))


def test_rollout_next_values_shift_by_one():
    storage = RolloutStorage(3, 2, (1,))
    storage.values[:] = [[1, 2], [3, 4], [5, 6]]
    np.testing.assert_allclose(storage.next_values(np.array([7, 8])), [[3, 4], [5, 6], [7, 8]])
