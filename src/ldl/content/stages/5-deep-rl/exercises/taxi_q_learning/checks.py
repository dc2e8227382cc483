"""Checks for taxi_q_learning: the update on its own (a continuing transition, a terminal one, a
self-loop, gamma = 0, fifty random updates in a row; always in place), then the whole agent: your
`train` runs on several seeds with watched Taxi environments, and enough seeds must reach the
target (ldl.rl.agent_checks says how; LDL_FAST=1 uses a smaller setting for the self-check)."""

import numpy as np

from ldl.grading.spec import Case
from ldl.rl import agent_checks

FULL = agent_checks.AgentTarget("Taxi-v4", total_steps=100_000, window=100, threshold=6.0,
                                seeds=(0, 1, 2, 3, 4), needed=4)  # fmt: skip
FAST = agent_checks.AgentTarget("Taxi-v4", total_steps=30_000, window=50, threshold=0.0,
                                seeds=(0, 1), needed=1)  # fmt: skip
agent_checks.prepare("Taxi-v4")  # before the fence: Gymnasium's imports


def updates(module, seed, transitions, alpha, gamma):
    """Apply `transitions` [(s, a, r, s', terminated)] in order to a seeded Q (6 states, 3 actions)."""
    q = np.random.default_rng(seed).normal(size=(6, 3))  # (S, A): non-zero, so a bootstrap shows
    for state, action, reward, next_state, terminated in transitions:
        module.q_learning_update(q, state, action, reward, next_state, terminated, alpha, gamma)
    return q


def random_transitions(seed, count):
    rng = np.random.default_rng(seed)
    return [(int(rng.integers(6)), int(rng.integers(3)), float(rng.normal()), int(rng.integers(6)),
             bool(rng.random() < 0.2)) for _ in range(count)]  # fmt: skip


def agent(module):
    return agent_checks.train_on_seeds(module.train, agent_checks.pick(FULL, FAST))


def judge_agent(expected, got, case):
    return agent_checks.judge(got, agent_checks.pick(FULL, FAST))


def cases():
    target = agent_checks.pick(FULL, FAST)
    return [
        Case("one continuing transition", probe="updates", args=(0, [(1, 2, -1.0, 4, False)], 0.5, 0.9)),
        Case(
            "a terminal transition bootstraps nothing",
            probe="updates",
            args=(1, [(3, 0, 20.0, 5, True)], 0.5, 0.9),
        ),
        Case("a self-loop (s' = s)", probe="updates", args=(2, [(2, 1, -1.0, 2, False)], 0.1, 0.99)),
        Case(
            "gamma = 0", probe="updates", args=(3, [(0, 0, 1.0, 1, False), (1, 1, -2.0, 0, False)], 1.0, 0.0)
        ),
        Case("fifty updates in a row", probe="updates", args=(4, random_transitions(5, 50), 0.1, 0.9)),
        Case(
            f"the agent: {target.needed} of {len(target.seeds)} seeds average {target.threshold:g} over "
            f"{target.window} episodes within {target.total_steps} steps",
            probe="agent",
            compare="judge_agent",
            reference=False,
            show_input=False,
            memory_factor=None,
            global_random=True,
            fp_warnings=False,
            reason="a whole agent is judged by its results (agent_checks.judge), not against a reference run",
        ),
    ]
