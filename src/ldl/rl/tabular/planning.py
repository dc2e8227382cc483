"""Dynamic programming: policy evaluation, value and policy iteration, finite-horizon planning.

These methods *plan*: they read the environment's model (every transition probability) instead
of learning from experience. Gymnasium's toy-text environments (FrozenLake, Taxi, CliffWalking)
publish their model as `env.unwrapped.P[s][a] = [(probability, next_state, reward, terminated)]`;
`TabularModel.from_env` turns it into arrays:

    transitions[s, a, s']  probability of moving to s' *and continuing* (terminal moves left out)
    rewards[s, a]          expected immediate reward

so that one Bellman backup is a single line: Q = R + gamma * T @ V.

A time limit matters. FrozenLake-v1 truncates at 100 steps; the best policy *with* that limit
succeeds 73.6% of the time from the start, the best one without it 82%. The limit is part of the
problem, so `finite_horizon` plans over exactly H steps (gamma = 1): V_H(s) is then the best
achievable expected return in at most H steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class TabularModel:
    """A finite MDP as arrays (S states, A actions); see the module docstring."""

    transitions: np.ndarray  # (S, A, S)
    rewards: np.ndarray  # (S, A)
    initial: np.ndarray  # (S,) distribution of the first state

    @property
    def num_states(self) -> int:
        return self.rewards.shape[0]

    @property
    def num_actions(self) -> int:
        return self.rewards.shape[1]

    @classmethod
    def from_env(cls, env) -> TabularModel:
        """Read `env.unwrapped.P` (and the start distribution) of a Gymnasium toy-text env."""
        base = env.unwrapped
        S, A = base.observation_space.n, base.action_space.n
        transitions = np.zeros((S, A, S))
        rewards = np.zeros((S, A))
        for s in range(S):
            for a in range(A):
                for probability, next_state, reward, terminated in base.P[s][a]:
                    rewards[s, a] += probability * reward
                    if not terminated:
                        transitions[s, a, next_state] += probability
        initial = _start_of(base, S)
        return cls(transitions, rewards, initial / initial.sum())

    def q_values(self, values: np.ndarray, gamma: float) -> np.ndarray:
        """One Bellman backup: Q(s, a) = R(s, a) + gamma * sum_s' T(s, a, s') V(s'). Shape (S, A)."""
        return self.rewards + gamma * self.transitions @ values


def _start_of(base, num_states: int) -> np.ndarray:
    """Start distribution of envs without `initial_state_distrib` (CliffWalking: a fixed start)."""
    if hasattr(base, "initial_state_distrib"):
        return np.asarray(base.initial_state_distrib)
    distribution = np.zeros(num_states)
    distribution[int(base.start_state_index)] = 1.0
    return distribution


def policy_evaluation(model: TabularModel, policy: np.ndarray, gamma: float) -> np.ndarray:
    """V^pi, the solution of the linear system V = R_pi + gamma * T_pi V, for a policy (S,) of actions.

    Solved exactly, (I - gamma T_pi) V = R_pi; needs gamma < 1 unless every state reaches an end."""
    states = np.arange(model.num_states)
    t_pi = model.transitions[states, policy]  # (S, S)
    r_pi = model.rewards[states, policy]  # (S,)
    return np.linalg.solve(np.eye(model.num_states) - gamma * t_pi, r_pi)


def value_iteration(
    model: TabularModel, gamma: float, tol: float = 1e-10, max_iterations: int = 100_000
) -> tuple[np.ndarray, np.ndarray, int]:
    """V*(s) = max_a [R(s, a) + gamma * sum_s' T(s, a, s') V*(s')], iterated to a fixed point.

    Returns (values (S,), greedy policy (S,), iterations). With gamma = 1 it still converges when
    every optimal policy ends the episode (Taxi, CliffWalking)."""
    values, iteration, change = np.zeros(model.num_states), 0, np.inf
    while change >= tol and iteration < max_iterations:
        new = model.q_values(values, gamma).max(axis=1)
        change, values, iteration = np.max(np.abs(new - values)), new, iteration + 1
    return values, model.q_values(values, gamma).argmax(axis=1), iteration


def policy_iteration(
    model: TabularModel, gamma: float, max_iterations: int = 1000
) -> tuple[np.ndarray, np.ndarray, int]:
    """Alternate exact evaluation of the policy and greedy improvement until the policy is stable.

    Needs gamma < 1 when a policy can loop for ever (evaluation would not converge).
    Returns (values, policy, improvements)."""
    policy = np.zeros(model.num_states, dtype=np.int64)
    for iteration in range(1, max_iterations + 1):
        values = policy_evaluation(model, policy, gamma)
        q = model.q_values(values, gamma)
        # keep the current action on ties, or the loop can flip between equally good actions
        best = q.max(axis=1)
        keep = np.isclose(q[np.arange(model.num_states), policy], best, rtol=0, atol=1e-12)
        new_policy = np.where(keep, policy, q.argmax(axis=1))
        if np.array_equal(new_policy, policy):
            return values, policy, iteration
        policy = new_policy
    return values, policy, iteration


def finite_horizon(model: TabularModel, horizon: int, gamma: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Backward induction over `horizon` steps: V_0 = 0, V_k = max_a [R + gamma T V_{k-1}].

    Returns (values (horizon + 1, S), policies (horizon, S)): values[k] is the best expected return
    with k steps left, policies[k - 1] the best first action with k steps left (a policy that
    depends on the time left, as the optimum under a time limit does)."""
    values = np.zeros((horizon + 1, model.num_states))
    policies = np.zeros((horizon, model.num_states), dtype=np.int64)
    for k in range(1, horizon + 1):
        q = model.q_values(values[k - 1], gamma)  # (S, A)
        values[k], policies[k - 1] = q.max(axis=1), q.argmax(axis=1)
    return values, policies


def finite_horizon_evaluation(
    model: TabularModel, policy: np.ndarray, horizon: int, gamma: float = 1.0
) -> np.ndarray:
    """Expected return of a stationary policy (S,) over at most `horizon` steps, per start state (S,)."""
    states = np.arange(model.num_states)
    values = np.zeros(model.num_states)
    for _ in range(horizon):
        values = model.q_values(values, gamma)[states, policy]
    return values


def start_value(model: TabularModel, values: np.ndarray) -> float:
    """The expected value of the first state: sum_s initial(s) V(s)."""
    return float(model.initial @ values)
