"""Your update adds alpha * target to Q[s, a] instead of moving Q[s, a] a step *towards* the target:
the temporal-difference error is target - Q[s, a], so subtract the current estimate inside the
bracket. Without it the values grow without bound."""

import numpy as np


def q_learning_update(q, state, action, reward, next_state, terminated, alpha, gamma):
    bootstrap = 0.0 if terminated else gamma * q[next_state].max()
    q[state, action] += alpha * (reward + bootstrap)


def epsilon_at(step, total_steps, start=1.0, end=0.01, fraction=0.4):
    """Linear decay from `start` to `end` over the first `fraction` of the steps, then flat."""
    return end + (start - end) * max(0.0, 1.0 - step / (fraction * total_steps))


def train(make_env, seed, total_steps, alpha=0.5, gamma=0.99):
    """Q-learning with an epsilon-greedy behaviour policy for `total_steps` steps; returns Q (S, A)."""
    env = make_env()
    rng = np.random.default_rng(seed)
    q = np.zeros((env.observation_space.n, env.action_space.n))  # (S, A)
    state, _ = env.reset(seed=seed)
    for step in range(total_steps):
        if rng.random() < epsilon_at(step, total_steps):
            action = int(rng.integers(env.action_space.n))
        else:  # greedy, ties broken at random so that untried actions get their turn
            action = int(rng.choice(np.flatnonzero(q[state] == q[state].max())))
        next_state, reward, terminated, truncated, _ = env.step(action)
        q_learning_update(q, state, action, reward, next_state, terminated, alpha, gamma)
        state = next_state
        if terminated or truncated:  # a truncated step was still updated with its bootstrap above
            state, _ = env.reset()
    return q
