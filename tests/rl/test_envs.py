"""Atari preprocessing on synthetic frames (oracle: Pillow's box filter) and on real Pong; the
native vector env; env snapshots."""

import numpy as np
import pytest

from ldl.rl.envs import (
    area_weights,
    env_snapshot,
    grey,
    make_atari_env,
    make_atari_vector_env,
    make_vector_env,
    preprocess_frame,
    resize,
    restore_env_snapshot,
)


def test_area_weights_average_the_covered_pixels():
    weights = area_weights(210, 84)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, rtol=1e-6)
    assert weights[0, 0] == pytest.approx(1 / 2.5) and weights[0, 2] == pytest.approx(0.5 / 2.5)


def test_resize_is_the_exact_area_average():
    """Oracle: repeat every input pixel `size_out` times, then average blocks of `size_in` values;
    that is the area average by definition. Checked per axis (the resize is separable)."""
    rng = np.random.default_rng(0)
    for size_in in (210, 160):
        signal = rng.uniform(0, 255, size_in)
        oracle = np.repeat(signal, 84).reshape(84, size_in).mean(axis=1)
        np.testing.assert_allclose(area_weights(size_in, 84) @ signal, oracle, rtol=1e-5)
    image = rng.uniform(0, 255, (168, 168))
    blocks = image.reshape(84, 2, 84, 2).mean(axis=(1, 3))  # a factor of 2: plain 2x2 means
    np.testing.assert_allclose(resize(image, 84, 84), blocks, rtol=1e-5)
    frame = rng.uniform(0, 255, (210, 160))
    assert resize(frame, 84, 84).mean() == pytest.approx(frame.mean(), rel=1e-5)  # brightness kept


def test_grey_uses_luminance_weights():
    frame = np.zeros((2, 2, 3), np.uint8)
    frame[0, 0] = [255, 0, 0]
    frame[1, 1] = [0, 0, 255]
    np.testing.assert_allclose(grey(frame), [[0.299 * 255, 0], [0, 0.114 * 255]], rtol=1e-6)


def test_max_pool_keeps_a_sprite_seen_in_only_one_frame():
    previous = np.zeros((210, 160, 3), np.uint8)
    current = previous.copy()
    current[100:110, 80:90] = 255  # a flickering sprite, drawn only on the second frame
    out = preprocess_frame(previous, current)
    assert out.shape == (84, 84) and out.dtype == np.uint8
    assert out.max() == 255 and preprocess_frame(current, previous).max() == 255
    assert out[:30].max() == 0  # nothing appears where the sprite is not


@pytest.fixture(scope="module")
def pong():
    env = make_atari_env("ALE/Pong-v5", noop_max=5)
    yield env
    env.close()


def test_real_pong_frames_are_stacked_84x84(pong):
    obs, _ = pong.reset(seed=0)
    assert obs.shape == (4, 84, 84) and obs.dtype == np.uint8
    np.testing.assert_array_equal(obs[0], obs[3])  # a fresh stack repeats the first frame
    for _ in range(6):
        new, reward, terminated, truncated, info = pong.step(2)
        assert reward in (-1.0, 0.0, 1.0) and "raw_reward" in info
    assert new.std() > 0 and not (terminated or truncated)


def test_frame_stack_shifts_by_one(pong):
    obs, _ = pong.reset(seed=1)
    new, *_ = pong.step(0)
    np.testing.assert_array_equal(new[:3], obs[1:])


def test_native_vector_env_observations():
    envs = make_atari_vector_env("pong", 2, num_threads=1)
    obs, _ = envs.reset(seed=0)
    assert obs.shape == (2, 4, 84, 84) and obs.dtype == np.uint8
    obs, rewards, terminated, truncated, _ = envs.step(np.zeros(2, dtype=np.int64))
    assert rewards.shape == (2,) and terminated.dtype == bool
    envs.close()


def test_vector_env_autoresets_on_the_next_step():
    envs = make_vector_env("CartPole-v1", 2)
    envs.reset(seed=0)
    ended = np.zeros(2, bool)
    for _ in range(200):
        obs, rewards, terminated, truncated, _ = envs.step(np.zeros(2, np.int64))  # always push left
        if ended.any():  # the step after an episode end is a reset step: reward 0, fresh observation
            assert np.all(rewards[ended] == 0) and np.all(np.abs(obs[ended]) <= 0.05)
            break
        ended = terminated | truncated
    assert ended.any()


def test_snapshot_restores_a_vector_env_exactly():
    envs = make_vector_env("CartPole-v1", 3)
    envs.reset(seed=0)
    rng = np.random.default_rng(0)
    for _ in range(30):
        envs.step(rng.integers(0, 2, 3))
    snapshot = env_snapshot(envs)
    actions = rng.integers(0, 2, (60, 3))
    first = [envs.step(a)[0] for a in actions]
    other = make_vector_env("CartPole-v1", 3)
    other.reset(seed=123)
    restore_env_snapshot(other, snapshot)
    second = [other.step(a)[0] for a in actions]
    np.testing.assert_array_equal(np.array(first), np.array(second))


def test_a_fresh_stack_starts_like_the_vector_env_ppo_trains_on():
    """ale-py's vector env pads a new episode's stack with blank frames; PPO's evaluation env does
    the same (pad="zeros"), and DQN's keeps repeating the first frame, as its replay buffer does."""
    envs = make_atari_vector_env("pong", 1, num_threads=1)
    vector_first, _ = envs.reset(seed=0)
    envs.close()
    assert vector_first[0, :3].max() == 0 and vector_first[0, 3].std() > 0
    zeros = make_atari_env("ALE/Pong-v5", pad="zeros", noop_max=0)
    first, _ = zeros.reset(seed=0)
    assert first[:3].max() == 0 and first[3].std() > 0
    after, *_ = zeros.step(0)
    assert after[:2].max() == 0 and np.array_equal(after[2], first[3])
    zeros.close()
    with pytest.raises(ValueError, match="pad"):
        make_atari_env("ALE/Pong-v5", pad="blank")
