"""Checks for discounted_returns: the worked example; one long episode; many short episodes
(a Pong-like stream where every point ends a rally); a buffer that ends mid-episode; the first and
last steps as episode ends; integer rewards; gamma = 1; and an empty buffer."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(56)
    r = rng.normal(size=40)
    pong = np.where(rng.random(60) < 0.1, rng.choice([-1.0, 1.0], size=60), 0.0)
    pong_done = pong != 0
    mixed_done = rng.random(40) < 0.2
    return [
        Case(
            "the worked example",
            call="discounted_returns",
            args=(np.array([1.0, 1.0, 1.0, 1.0]), np.array([False, True, False, False]), 0.5),
        ),
        Case("one episode, no boundary", call="discounted_returns", args=(r, np.zeros(40, dtype=bool), 0.99)),
        Case("episodes of random lengths", call="discounted_returns", args=(r, mixed_done, 0.9)),
        Case("Pong-like rallies", call="discounted_returns", args=(pong, pong_done, 0.99)),
        Case(
            "first and last steps end episodes",
            call="discounted_returns",
            args=(np.array([2.0, 1.0, 1.0, 3.0]), np.array([True, False, False, True]), 0.5),
        ),
        Case(
            "integer rewards, gamma 1",
            call="discounted_returns",
            args=(np.array([1, 2, 3, 4, 5]), np.array([False, False, True, False, False]), 1.0),
        ),
        Case("an empty buffer", call="discounted_returns", args=(np.zeros(0), np.zeros(0, dtype=bool), 0.9)),
    ]
