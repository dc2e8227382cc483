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


# --- the frame-once buffer against a naive buffer of stacked states ---------------------------


def play_random_episodes(capacity, stack, frame_shape, num_episodes, seed):
    """Random episodes (random lengths, random frames, some truncated) fed to a FrameReplayBuffer and,
    as stacked states, to a plain list; returns both."""
    from collections import deque

    from ldl.rl.buffers import FrameReplayBuffer

    rng = np.random.default_rng(seed)
    buffer = FrameReplayBuffer(capacity, frame_shape, stack=stack)
    naive = []  # (s, a, r, s', terminated) with s a stack of frames, built like FrameStack does
    for _ in range(num_episodes):
        frame = rng.integers(0, 256, size=frame_shape, dtype=np.uint8)
        frames = deque([frame] * stack, maxlen=stack)
        buffer.start_episode(frame)
        length = int(rng.integers(1, 9))
        for t in range(length):
            state = np.concatenate([f[None] if f.ndim == 2 else f for f in frames])
            action, reward = int(rng.integers(4)), float(rng.normal())
            next_frame = rng.integers(0, 256, size=frame_shape, dtype=np.uint8)
            terminated = t == length - 1 and rng.random() < 0.7  # else: truncated or still running
            frames.append(next_frame)
            next_state = np.concatenate([f[None] if f.ndim == 2 else f for f in frames])
            naive.append((state, action, reward, next_state, terminated))
            buffer.add(action, reward, next_frame, terminated)
    return buffer, naive


def assert_same_as_newest(buffer, naive):
    """The buffer's valid transitions, oldest first, are exactly the newest len(valid) naive ones."""
    valid = buffer.valid_indices()
    order = valid[np.argsort((valid - buffer.position) % buffer.capacity)]  # oldest first
    got = buffer.transitions(order)
    expected = naive[len(naive) - len(order) :]
    assert len(order) > 0 and len(expected) == len(order)
    for j, (state, action, reward, next_state, terminated) in enumerate(expected):
        np.testing.assert_array_equal(got["observations"][j], state)
        np.testing.assert_array_equal(got["next_observations"][j], next_state)
        assert got["actions"][j] == action and got["terminated"][j] == float(terminated)
        assert got["rewards"][j] == np.float32(reward)


def test_frame_buffer_rebuilds_the_same_stacks_as_a_naive_buffer_before_it_wraps():
    buffer, naive = play_random_episodes(capacity=500, stack=4, frame_shape=(6, 5), num_episodes=30, seed=0)
    assert len(buffer) == len(naive)  # nothing overwritten yet: every transition is there
    assert_same_as_newest(buffer, naive)


def test_frame_buffer_after_wrapping_keeps_the_newest_transitions_exactly():
    for seed in range(5):
        buffer, naive = play_random_episodes(
            capacity=37, stack=4, frame_shape=(3, 3), num_episodes=40, seed=seed
        )
        assert buffer.size == buffer.capacity
        # the slots whose history would reach overwritten frames are left out, nothing else
        assert len(buffer) - (buffer.stack - 1) <= len(buffer.valid_indices()) <= len(buffer)
        assert_same_as_newest(buffer, naive)


def test_frame_buffer_with_channel_frames_and_no_stacking_minatar_style():
    buffer, naive = play_random_episodes(
        capacity=50, stack=1, frame_shape=(4, 10, 10), num_episodes=20, seed=1
    )
    assert buffer.sample(8, np.random.default_rng(0))["observations"].shape == (8, 4, 10, 10)
    assert_same_as_newest(buffer, naive)


def test_frame_buffer_never_stacks_across_an_episode_start():
    from ldl.rl.buffers import FrameReplayBuffer

    buffer = FrameReplayBuffer(capacity=20, frame_shape=(1, 1), stack=4)
    buffer.start_episode(np.full((1, 1), 10))
    buffer.add(0, 0.0, np.full((1, 1), 11), terminated=True)
    buffer.start_episode(np.full((1, 1), 20))  # a new episode: its states must not show 10 or 11
    buffer.add(1, 1.0, np.full((1, 1), 21), terminated=False)
    states = buffer.transitions(buffer.valid_indices())
    np.testing.assert_array_equal(states["observations"][:, :, 0, 0], [[10, 10, 10, 10], [20, 20, 20, 20]])
    np.testing.assert_array_equal(
        states["next_observations"][:, :, 0, 0], [[10, 10, 10, 11], [20, 20, 20, 21]]
    )


def test_frame_buffer_stores_each_frame_once_and_round_trips_its_state():
    from ldl.rl.buffers import FrameReplayBuffer

    buffer, _ = play_random_episodes(capacity=64, stack=4, frame_shape=(84, 84), num_episodes=12, seed=2)
    assert buffer.frames.nbytes == 64 * 84 * 84  # one frame a slot, not 2 * 4 of them
    copy = FrameReplayBuffer(capacity=64, frame_shape=(84, 84), stack=4)
    copy.load_state_dict(buffer.state_dict())
    a, b = buffer.sample(16, np.random.default_rng(3)), copy.sample(16, np.random.default_rng(3))
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
