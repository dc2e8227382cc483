"""The replay buffer: wrap-around, sampling, and an exact state round trip."""

import numpy as np

from ldl.rl.buffers import ReplayBuffer


def fill(buffer, count):
    for i in range(count):
        buffer.add(np.full(2, i), i % 3, float(i), np.full(2, i + 1), terminated=i % 4 == 0)


def test_wraps_around_and_overwrites_the_oldest():
    buffer = ReplayBuffer(capacity=5, obs_shape=(2,))
    fill(buffer, 7)
    assert len(buffer) == 5 and buffer.position == 2
    # slots 0 and 1 now hold transitions 5 and 6; slots 2..4 still hold 2..4
    np.testing.assert_array_equal(buffer.rewards, [5, 6, 2, 3, 4])
    np.testing.assert_array_equal(buffer.observations[:, 0], [5, 6, 2, 3, 4])
    np.testing.assert_array_equal(buffer.next_observations[:, 0], [6, 7, 3, 4, 5])
    np.testing.assert_array_equal(buffer.terminated, [0, 0, 0, 0, 1])


def test_samples_only_filled_slots_and_keeps_transitions_together():
    buffer = ReplayBuffer(capacity=100, obs_shape=(2,))
    fill(buffer, 10)
    batch = buffer.sample(256, np.random.default_rng(0))
    assert batch["observations"].shape == (256, 2)
    assert batch["rewards"].max() <= 9
    np.testing.assert_array_equal(batch["next_observations"][:, 0], batch["rewards"] + 1)


def test_state_dict_round_trip_gives_the_same_samples():
    buffer = ReplayBuffer(capacity=8, obs_shape=(2,))
    fill(buffer, 11)
    copy = ReplayBuffer(capacity=8, obs_shape=(2,))
    copy.load_state_dict(buffer.state_dict())
    a, b = buffer.sample(16, np.random.default_rng(3)), copy.sample(16, np.random.default_rng(3))
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
    fill(copy, 1)
    assert copy.position == (buffer.position + 1) % 8
