"""Checks for iqm_over_seeds: both worked examples; 10 seeds with an outlier; a (5, 3) table of
runs x tasks (pooled); many ties; 7 values (int(1.75) = 1 dropped at each end); unsorted input
that must not be sorted in place."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(21)
    returns = rng.uniform(0, 500, size=10)
    returns[3] = -5000.0  # one seed that diverged
    table = rng.normal(100, 30, size=(5, 3))
    ties = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 9.0])
    return [
        Case("5 seeds", call="interquartile_mean", args=(np.array([10.0, 500.0, 480.0, 20.0, 490.0]),)),
        Case("a 2 x 2 table", call="interquartile_mean", args=(np.array([[1.0, 2.0], [3.0, 4.0]]),)),
        Case("10 seeds, one diverged", call="interquartile_mean", args=(returns,)),
        Case("5 runs x 3 tasks, pooled", call="interquartile_mean", args=(table,)),
        Case("many ties", call="interquartile_mean", args=(ties,)),
        Case("7 values", call="interquartile_mean", args=(np.array([7.0, 1.0, 6.0, 2.0, 5.0, 3.0, 4.0]),)),
    ]
