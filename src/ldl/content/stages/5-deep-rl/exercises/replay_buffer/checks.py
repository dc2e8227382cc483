"""Checks for replay_buffer: storage and dtypes after a few adds; wrap-around (the oldest slot is
overwritten, the length stops at capacity); a stored observation that the caller changes
afterwards; sampling before the buffer is full (only filled rows); seeded samples; a uint8
observation dtype (Atari frames); samples that are copies; and sampling an empty buffer."""

import numpy as np

from ldl.grading.spec import Case


def fill(module, capacity, count, obs_shape=(3,), **kwargs):
    buffer = module.ReplayBuffer(capacity, obs_shape, **kwargs)
    for i in range(count):
        buffer.add(np.full(obs_shape, i), i, float(i) / 2, np.full(obs_shape, i + 1), i % 3 == 2)
    return buffer


def stored(module, capacity, count, **kwargs):
    buffer = fill(module, capacity, count, **kwargs)
    return {
        "len": len(buffer),
        "obs": buffer.obs,
        "next_obs": buffer.next_obs,
        "actions": buffer.actions,
        "rewards": buffer.rewards,
        "terminated": buffer.terminated,
    }


def caller_reuses_array(module):
    buffer = module.ReplayBuffer(4, (2,))
    obs = np.zeros(2)
    buffer.add(obs, 0, 1.0, obs + 1, False)
    obs[:] = 99.0  # the caller reuses their array
    return {"obs": buffer.obs[0], "next_obs": buffer.next_obs[0]}


def samples(module, capacity, count, batch_size, seed):
    buffer = fill(module, capacity, count)
    rng = np.random.default_rng(seed)
    batch = buffer.sample(batch_size, rng)
    batch["obs"][:] = -1.0  # a copy may be changed freely ...
    again = buffer.sample(batch_size, np.random.default_rng(seed))  # ... without touching the buffer
    return {**again, "next_draw": rng.random()}


def empty(module):
    try:
        module.ReplayBuffer(3, (2,)).sample(1, np.random.default_rng(0))
    except ValueError:
        return "ValueError"
    return "no error"


def cases():
    return [
        Case("three transitions in a buffer of five", probe="stored", args=(5, 3)),
        Case("seven transitions in a buffer of five wrap around", probe="stored", args=(5, 7)),
        Case("uint8 observations (Atari frames)", probe="stored", args=(4, 6), kwargs={"obs_dtype": "uint8"}),
        Case("the buffer keeps its own copy", probe="caller_reuses_array"),
        Case("sampling before the buffer is full", probe="samples", args=(100, 6, 64, 1)),
        Case("sampling after wrap-around, seeded", probe="samples", args=(8, 20, 32, 2)),
        Case("sampling an empty buffer raises ValueError", probe="empty"),
    ]
