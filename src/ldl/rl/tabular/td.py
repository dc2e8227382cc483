"""Learning from experience with a table of Q-values: Monte Carlo, SARSA, Q-learning, expected
SARSA and n-step SARSA (Sutton & Barto, chapters 5-7).

All of them improve Q(s, a) towards a *target* built from what happened next, acting
epsilon-greedily (a random action with probability epsilon, else the best one so far):

    SARSA            r + gamma * Q(s', a')                   a' the action actually taken next
    Q-learning       r + gamma * max_a Q(s', a)              the best next action (off-policy)
    expected SARSA   r + gamma * sum_a pi(a | s') Q(s', a)   the average under the behaviour policy
    n-step SARSA     r_t + ... + gamma^(n-1) r_{t+n-1} + gamma^n Q(s_{t+n}, a_{t+n})
    Monte Carlo      the whole return G_t of the episode (nothing bootstrapped)

Q(s, a) <- Q(s, a) + alpha * (target - Q(s, a)).

An episode can end two ways (see ldl.rl.returns): after a *termination* the future is worth 0;
after a *truncation* (a time limit) the state s' still has a future, so every target here keeps
its bootstrap term gamma * Q(s', .) at a truncation, and Monte Carlo starts its return from the
estimate of s' instead of 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

METHODS = ("sarsa", "q_learning", "expected_sarsa")


@dataclass
class TabularResult:
    """A learned table and the return of every training episode (rewards summed, undiscounted)."""

    q: np.ndarray  # (S, A)
    episode_returns: list[float] = field(default_factory=list)

    @property
    def policy(self) -> np.ndarray:
        """The greedy policy, (S,)."""
        return self.q.argmax(axis=1)


def epsilon_greedy(q_row: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    """A random action with probability epsilon, else a best action (ties broken at random,
    which matters at the start, when every Q-value is 0)."""
    if rng.random() < epsilon:
        return int(rng.integers(len(q_row)))
    return int(rng.choice(np.flatnonzero(q_row == q_row.max())))


def epsilon_greedy_probs(q_row: np.ndarray, epsilon: float) -> np.ndarray:
    """pi(a | s) of the epsilon-greedy policy (greedy mass shared among tied best actions). (A,)"""
    best = q_row == q_row.max()
    return epsilon / len(q_row) + (1.0 - epsilon) * best / best.sum()


def bootstrap(method: str, q_row: np.ndarray, next_action: int, epsilon: float) -> float:
    """The estimate of the next state's value that each method puts into its target."""
    if method == "sarsa":
        return float(q_row[next_action])
    if method == "q_learning":
        return float(q_row.max())
    if method == "expected_sarsa":
        return float(epsilon_greedy_probs(q_row, epsilon) @ q_row)
    raise ValueError(f"unknown method {method!r}; choose one of {METHODS}")


def td_control(
    env,
    method: str,
    num_episodes: int,
    alpha: float = 0.1,
    gamma: float = 1.0,
    epsilon: float = 0.1,
    seed: int = 0,
    q: np.ndarray | None = None,
) -> TabularResult:
    """One-step SARSA, Q-learning or expected SARSA on a Gymnasium env with discrete states."""
    rng = np.random.default_rng(seed)
    S, A = env.observation_space.n, env.action_space.n
    q = np.zeros((S, A)) if q is None else q
    result = TabularResult(q)
    state, _ = env.reset(seed=seed)
    for _ in range(num_episodes):
        action = epsilon_greedy(q[state], epsilon, rng)
        total, done = 0.0, False
        while not done:
            next_state, reward, terminated, truncated, _ = env.step(action)
            total += reward
            next_action = epsilon_greedy(q[next_state], epsilon, rng)
            future = 0.0 if terminated else bootstrap(method, q[next_state], next_action, epsilon)
            q[state, action] += alpha * (reward + gamma * future - q[state, action])
            state, action, done = next_state, next_action, terminated or truncated
        result.episode_returns.append(total)
        state, _ = env.reset()
    return result


def n_step_sarsa(
    env,
    n: int,
    num_episodes: int,
    alpha: float = 0.1,
    gamma: float = 1.0,
    epsilon: float = 0.1,
    seed: int = 0,
) -> TabularResult:
    """n-step SARSA: each update waits n steps and uses n real rewards before bootstrapping.

    An update of step tau uses rewards tau .. min(tau + n, T) - 1, then gamma^k Q(s, a) of the
    state reached, unless that state is terminal (T the step the episode ended)."""
    rng = np.random.default_rng(seed)
    q = np.zeros((env.observation_space.n, env.action_space.n))
    result = TabularResult(q)
    state, _ = env.reset(seed=seed)
    for _ in range(num_episodes):
        states, actions, rewards = [state], [epsilon_greedy(q[state], epsilon, rng)], []
        terminated = truncated = False
        while not (terminated or truncated):
            state, reward, terminated, truncated, _ = env.step(actions[-1])
            states.append(state)
            actions.append(epsilon_greedy(q[state], epsilon, rng))
            rewards.append(reward)
            if len(rewards) >= n:  # step tau = t - n + 1 has its n rewards now
                _n_step_update(q, states, actions, rewards, len(rewards) - n, n, alpha, gamma, terminated)
        first_pending = max(len(rewards) - n + 1, 0)
        for tau in range(first_pending, len(rewards)):  # the last steps: fewer than n rewards left
            _n_step_update(q, states, actions, rewards, tau, n, alpha, gamma, terminated)
        result.episode_returns.append(float(sum(rewards)))
        state, _ = env.reset()
    return result


def _n_step_update(q, states, actions, rewards, tau, n, alpha, gamma, terminated) -> None:
    end = min(tau + n, len(rewards))  # rewards tau .. end - 1
    target = sum(gamma ** (i - tau) * rewards[i] for i in range(tau, end))
    reached_end = end == len(rewards)
    if not (reached_end and terminated):  # bootstrap unless the state reached is terminal
        target += gamma ** (end - tau) * q[states[end], actions[end]]
    s, a = states[tau], actions[tau]
    q[s, a] += alpha * (target - q[s, a])


def monte_carlo_control(
    env, num_episodes: int, alpha: float = 0.05, gamma: float = 1.0, epsilon: float = 0.1, seed: int = 0
) -> TabularResult:
    """On-policy every-visit Monte Carlo control with a constant step size: play an episode, then
    move every Q(s_t, a_t) towards the return G_t that followed it.

    A truncated episode's return is incomplete: it starts from the estimate sum_a pi(a|s_T) Q(s_T, a)
    of the final state instead of 0."""
    rng = np.random.default_rng(seed)
    q = np.zeros((env.observation_space.n, env.action_space.n))
    result = TabularResult(q)
    state, _ = env.reset(seed=seed)
    for _ in range(num_episodes):
        visits, terminated, truncated = [], False, False
        while not (terminated or truncated):
            action = epsilon_greedy(q[state], epsilon, rng)
            next_state, reward, terminated, truncated, _ = env.step(action)
            visits.append((state, action, reward))
            state = next_state
        g = 0.0 if terminated else bootstrap("expected_sarsa", q[state], 0, epsilon)
        for s, a, r in reversed(visits):
            g = r + gamma * g
            q[s, a] += alpha * (g - q[s, a])
        result.episode_returns.append(float(sum(r for _, _, r in visits)))
        state, _ = env.reset()
    return result
