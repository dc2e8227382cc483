"""Returns: discounting, n-step targets and GAE, shared by every agent in ldl.rl.

Every function here takes two kinds of episode ends, because they mean different things:

- **terminated**: the episode really ended (the pole fell, the agent reached the goal). The state
  after it has no future, so its value is 0 and nothing is bootstrapped.
- **truncated**: a time limit (or the end of a rollout) cut the episode off. The state after it
  *has* a future we did not see, so its value is estimated, V(s_final), and bootstrapped.

Treating a truncation as a termination is the classic bug: the agent learns that surviving to the
time limit is worth nothing. Arrays are indexed by time first: shape (T,) or (T, N) for N
parallel environments. `next_values[t]` is V(s_{t+1}), the value of the observation that step t
returned (for a step that ended an episode, the final observation of that episode).
"""

from __future__ import annotations

import numpy as np


def discount_cumsum(rewards: np.ndarray, gamma: float, dones: np.ndarray | None = None) -> np.ndarray:
    """G_t = r_t + gamma * G_{t+1}, restarting after every step with dones[t] = True.

    Used for Monte Carlo returns of complete episodes (REINFORCE, Karpathy's Pong): nothing is
    bootstrapped, so it is only right when every episode in `rewards` ends with a termination.
    rewards: (T,) or (T, N); dones: same shape (bool), or None for one episode. Returns float64.
    """
    rewards = np.asarray(rewards, dtype=np.float64)
    dones = np.zeros(rewards.shape, dtype=bool) if dones is None else np.asarray(dones, dtype=bool)
    returns = np.zeros_like(rewards)
    running = np.zeros(rewards.shape[1:])
    for t in reversed(range(len(rewards))):
        running = rewards[t] + gamma * running * (1.0 - dones[t])
        returns[t] = running
    return returns


def td_targets(
    rewards: np.ndarray, next_values: np.ndarray, terminated: np.ndarray, gamma: float
) -> np.ndarray:
    """One-step targets y_t = r_t + gamma * (1 - terminated_t) * V(s_{t+1}).

    A truncated step keeps its bootstrap term (V of the final observation); only termination
    zeroes it. This is the target of TD(0), DQN (with V = max_a Q_target) and the A2C critic.
    """
    not_terminal = 1.0 - np.asarray(terminated, dtype=np.float64)
    return np.asarray(rewards, dtype=np.float64) + gamma * not_terminal * np.asarray(next_values)


def n_step_returns(
    rewards: np.ndarray,
    next_values: np.ndarray,
    terminated: np.ndarray,
    truncated: np.ndarray,
    gamma: float,
    n: int,
) -> np.ndarray:
    """n-step targets G_t^(n) = r_t + ... + gamma^(k-1) r_{t+k-1} + gamma^k V(s_{t+k}).

    k = n, or fewer when the episode ends (or the data runs out) first: at a termination the tail is
    0; at a truncation, or at the end of the array, the tail is next_values of that last step.
    Shapes (T,) or (T, N).
    """
    rewards = np.asarray(rewards, dtype=np.float64)
    terminated = np.asarray(terminated, dtype=bool)
    ends = terminated | np.asarray(truncated, dtype=bool)
    T = len(rewards)
    returns = np.zeros_like(rewards)
    for t in range(T):
        total = np.zeros(rewards.shape[1:])
        discount = np.ones(rewards.shape[1:])
        alive = np.ones(rewards.shape[1:], dtype=bool)  # per env: still inside the same episode
        for k in range(n):
            i = t + k
            if i >= T:
                break
            total = total + alive * discount * rewards[i]
            last = alive & (ends[i] | (k == n - 1) | (i == T - 1))  # this is the final step counted
            tail = np.where(terminated[i], 0.0, np.asarray(next_values[i], dtype=np.float64))
            total = total + last * discount * gamma * tail
            alive = alive & ~last
            discount = discount * gamma
        returns[t] = total
    return returns


def gae(
    rewards: np.ndarray,
    values: np.ndarray,
    next_values: np.ndarray,
    terminated: np.ndarray,
    truncated: np.ndarray,
    gamma: float,
    lam: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Generalised advantage estimation (Schulman et al., 2016). Returns (advantages, returns).

        delta_t = r_t + gamma * (1 - terminated_t) * V(s_{t+1}) - V(s_t)
        A_t     = delta_t + gamma * lam * (1 - done_t) * A_{t+1},     done = terminated or truncated

    The bootstrap value of a truncated step is V(final observation); of a terminated step, 0. The
    recursion stops at either kind of end, because A_{t+1} belongs to the next episode.
    returns = advantages + values (the critic's regression target). Shapes (T,) or (T, N).
    """
    rewards = np.asarray(rewards, dtype=np.float64)
    terminated = np.asarray(terminated, dtype=bool)
    dones = terminated | np.asarray(truncated, dtype=bool)
    deltas = td_targets(rewards, next_values, terminated, gamma) - np.asarray(values)
    advantages = np.zeros_like(rewards)
    running = np.zeros(rewards.shape[1:])
    for t in reversed(range(len(rewards))):
        running = deltas[t] + gamma * lam * (1.0 - dones[t]) * running
        advantages[t] = running
    return advantages, advantages + values
