"""Checks for dirichlet_noise: the worked example at the root and below it; non-default alpha and
fraction (fraction = 1: pure noise); one legal move; all the prior on illegal moves; a Go-sized
root with alpha = 0.03; and a search's sequence of calls (one root, many inner nodes) drawing
from one generator: the priors it produced and how far the generator advanced."""

import numpy as np

from ldl.grading.spec import Case


def run(module, priors, legal, seed, is_root, **kwargs):
    rng = np.random.default_rng(seed)
    out = module.node_priors(np.asarray(priors, float), np.asarray(legal, bool), rng, is_root, **kwargs)
    return {"priors": out, "next_draw": rng.random()}


def search_calls(module, seed):
    """A search expands its root once, then inner nodes: only the first call may draw."""
    rng = np.random.default_rng(seed)
    net = np.random.default_rng(100)  # the 'network's' priors, fixed by the checks
    out = []
    for call in range(12):
        priors = net.dirichlet(np.ones(7))
        legal = net.random(7) < 0.7
        legal[call % 7] = True
        out.append(module.node_priors(priors, legal, rng, call == 0, alpha=0.5))
    return {"priors": np.stack(out), "next_draw": rng.random()}


def cases():
    P, legal = [0.5, 0.2, 0.3], [True, False, True]
    rng = np.random.default_rng(5)
    go_p = rng.dirichlet(np.ones(362))
    go_legal = rng.random(362) < 0.9
    return [
        Case("below the root: renormalised, no noise", probe="run", args=(P, legal, 0, False)),
        Case("at the root", probe="run", args=(P, legal, 0, True)),
        Case("at the root, every move legal", probe="run", args=([0.1, 0.2, 0.3, 0.4], [True] * 4, 1, True)),
        Case(
            "alpha = 1.5, fraction = 0.5",
            probe="run",
            args=(P, legal, 2, True),
            kwargs={"alpha": 1.5, "fraction": 0.5},
        ),
        Case("fraction = 1: pure noise", probe="run", args=(P, legal, 3, True), kwargs={"fraction": 1.0}),
        Case("a single legal move", probe="run", args=([0.3, 0.3, 0.4], [False, True, False], 4, True)),
        Case(
            "all the prior on illegal moves",
            probe="run",
            args=([0.0, 1.0, 0.0], [True, False, True], 5, False),
        ),
        Case(
            "a Go-sized root, alpha = 0.03",
            probe="run",
            args=(go_p, go_legal, 6, True),
            kwargs={"alpha": 0.03},
        ),
        Case("one search: the root, then inner nodes", probe="search_calls", args=(7,)),
    ]
