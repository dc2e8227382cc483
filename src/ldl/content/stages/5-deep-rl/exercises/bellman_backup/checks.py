"""Checks for bellman_backup: the worked example; random MDPs with more actions than states and
more states than actions; a deterministic and a stochastic policy; gamma = 0 (only the immediate
reward) and gamma = 1; an absorbing terminal state; integer values of V; and a large MDP where a
Python loop over states would be far slower than the matrix product."""

import numpy as np

from ldl.grading.spec import Case


def random_mdp(rng, states, actions):
    P = rng.random((states, actions, states))
    P /= P.sum(axis=2, keepdims=True)
    R = rng.normal(size=(states, actions))
    policy = rng.random((states, actions))
    policy /= policy.sum(axis=1, keepdims=True)
    return P, R, policy


def cases():
    rng = np.random.default_rng(50)
    P, R, pi = random_mdp(rng, 4, 3)
    P2, R2, pi2 = random_mdp(rng, 2, 5)
    V = rng.normal(size=4)
    deterministic = np.eye(3)[[0, 2, 1, 2]]  # one action per state
    absorbing_P, absorbing_R, absorbing_pi = random_mdp(rng, 3, 2)
    absorbing_P[2] = 0.0
    absorbing_P[2, :, 2] = 1.0  # state 2 is terminal: it leads to itself ...
    absorbing_R[2] = 0.0  # ... with reward 0
    Pb, Rb, pib = random_mdp(rng, 600, 4)
    example = (np.array([[[0.0, 1.0]], [[0.0, 1.0]]]), np.array([[1.0], [0.0]]), np.ones((2, 1)))
    return [
        Case("the worked example", call="bellman_backup", args=(*example, np.array([0.0, 2.0]), 0.5)),
        Case("4 states, 3 actions, gamma 0.9", call="bellman_backup", args=(P, R, pi, V, 0.9)),
        Case("2 states, 5 actions", call="bellman_backup", args=(P2, R2, pi2, rng.normal(size=2), 0.9)),
        Case("a deterministic policy", call="bellman_backup", args=(P, R, deterministic, V, 0.9)),
        Case("gamma = 0: only the immediate reward", call="bellman_backup", args=(P, R, pi, V, 0.0)),
        Case("gamma = 1", call="bellman_backup", args=(P, R, pi, V, 1.0)),
        Case(
            "an absorbing terminal state",
            call="bellman_backup",
            args=(absorbing_P, absorbing_R, absorbing_pi, np.array([1.0, -2.0, 0.0]), 0.95),
        ),
        Case("integer values in V", call="bellman_backup", args=(P, R, pi, np.array([1, 0, 3, -2]), 0.9)),
        Case(
            "600 states: one matrix product, no loop over states",
            call="bellman_backup",
            args=(Pb, Rb, pib, rng.normal(size=600), 0.99),
            time_factor=10.0,
        ),
    ]
