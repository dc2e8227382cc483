"""Checks for td_targets: the worked example; a batch of 6 transitions with 4 actions, some
terminal, for each target; a batch where every transition is terminal; gamma = 0; integer
rewards; and Expected SARSA with a greedy policy equal to Q-learning."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(55)
    r, q = rng.normal(size=6), rng.normal(size=(6, 4))
    actions = rng.integers(0, 4, size=6)
    probs = rng.random((6, 4))
    probs /= probs.sum(axis=1, keepdims=True)
    done = np.array([False, True, False, False, True, False])
    greedy = np.eye(4)[q.argmax(axis=1)]
    all_done = np.ones(6, dtype=bool)
    example_q = np.array([[1.0, 3.0], [2.0, 0.0]])
    return [
        Case(
            "the worked example",
            call="q_learning_target",
            args=(np.array([1.0, 1.0]), example_q, np.array([False, True]), 0.5),
        ),
        Case("SARSA, 6 transitions", call="sarsa_target", args=(r, q, actions, done, 0.9)),
        Case("Q-learning, 6 transitions", call="q_learning_target", args=(r, q, done, 0.9)),
        Case("Expected SARSA, 6 transitions", call="expected_sarsa_target", args=(r, q, probs, done, 0.9)),
        Case("SARSA, every transition terminal", call="sarsa_target", args=(r, q, actions, all_done, 0.9)),
        Case("Q-learning, gamma = 0", call="q_learning_target", args=(r, q, done, 0.0)),
        Case("SARSA, integer rewards", call="sarsa_target", args=(np.arange(6), q, actions, done, 0.9)),
        Case(
            "Expected SARSA with a greedy policy",
            call="expected_sarsa_target",
            args=(r, q, greedy, done, 0.9),
        ),
    ]
