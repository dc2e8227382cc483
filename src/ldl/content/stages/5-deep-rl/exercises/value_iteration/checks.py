"""Checks for value_iteration: the worked two-state example; random MDPs (more actions than
states, more states than actions); a loose theta and a small max_iterations (the exact number of
synchronous sweeps matters); ties between actions (lowest index wins); a policy after a single sweep, where
the immediate reward is a lure; and FrozenLake 4x4
slippery built from its rules, compared with its known optimal values."""

import numpy as np

from ldl.grading.spec import Case


def random_mdp(rng, states, actions):
    P = rng.random((states, actions, states))
    P /= P.sum(axis=2, keepdims=True)
    return P, rng.normal(size=(states, actions))


def frozen_lake():
    """FrozenLake 4x4, slippery: the intended move or either side move, 1/3 each; reward 1 on the
    goal; holes and the goal absorbing."""
    grid = ["SFFF", "FHFH", "FFFH", "HFFG"]
    moves = [(0, -1), (1, 0), (0, 1), (-1, 0)]  # left, down, right, up (Gymnasium's order)
    P, R = np.zeros((16, 4, 16)), np.zeros((16, 4))
    for s in range(16):
        row, col = divmod(s, 4)
        if grid[row][col] in "HG":
            P[s, :, s] = 1.0
            continue
        for a in range(4):
            for slip in (a - 1, a, a + 1):
                dr, dc = moves[slip % 4]
                r, c = min(max(row + dr, 0), 3), min(max(col + dc, 0), 3)
                P[s, a, r * 4 + c] += 1 / 3
                R[s, a] += (grid[r][c] == "G") / 3
    return P, R


def solve(module, P, R, gamma, **kwargs):
    V, policy = module.value_iteration(P, R, gamma, **kwargs)
    return {"V": V, "policy": policy}


def cases():
    rng = np.random.default_rng(51)
    P, R = random_mdp(rng, 5, 3)
    P2, R2 = random_mdp(rng, 3, 6)
    chain_P = np.zeros((2, 2, 2))
    chain_P[0, 0, 0] = chain_P[0, 1, 1] = 1.0
    chain_P[1, :, 1] = 1.0
    chain_R = np.array([[0.0, 1.0], [0.0, 0.0]])
    tie_P = np.zeros((3, 3, 3))
    tie_P[:, :, 2] = 1.0  # every action ends the episode
    tie_R = np.array([[1.0, 1.0, 0.5], [0.0, 2.0, 2.0], [0.0, 0.0, 0.0]])
    lake_P, lake_R = frozen_lake()
    lure_P = np.zeros((3, 2, 3))  # state 0: take 1 now and stop, or walk to state 1 worth 10
    lure_P[0, 0, 2] = lure_P[0, 1, 1] = 1.0
    lure_P[1, :, 2] = lure_P[2, :, 2] = 1.0
    lure_R = np.array([[1.0, 0.0], [10.0, 10.0], [0.0, 0.0]])
    return [
        Case("the worked two-state chain", probe="solve", args=(chain_P, chain_R, 0.9)),
        Case("5 states, 3 actions, gamma 0.9", probe="solve", args=(P, R, 0.9)),
        Case("3 states, 6 actions, gamma 0.5", probe="solve", args=(P2, R2, 0.5)),
        Case("theta = 0.1 stops early", probe="solve", args=(P, R, 0.9), kwargs={"theta": 0.1}),
        Case("max_iterations = 3 sweeps", probe="solve", args=(P, R, 0.9), kwargs={"max_iterations": 3}),
        Case(
            "one sweep, then the policy greedy for that sweep's values",
            probe="solve",
            args=(lure_P, lure_R, 0.9),
            kwargs={"max_iterations": 1},
        ),
        Case("ties go to the lowest action", probe="solve", args=(tie_P, tie_R, 0.9)),
        Case(
            "FrozenLake 4x4 slippery, gamma 1 (no time limit)",
            probe="solve",
            args=(lake_P, lake_R, 1.0),
            kwargs={"theta": 1e-10},
            atol=1e-6,
        ),
        Case("FrozenLake 4x4 slippery, gamma 0.95", probe="solve", args=(lake_P, lake_R, 0.95)),
    ]
