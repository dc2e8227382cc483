"""Checks for bootstrap_ci: the worked example; 50 skewed values; a 90% interval; another seed;
one value (a zero-width interval); and a probe that the interval contains the mean and narrows
when there is more data."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(3)
    skewed = rng.exponential(2.0, size=50)
    return [
        Case("the worked example", call="bootstrap_ci", args=(np.array([0.91, 0.93, 0.88]),)),
        Case("50 skewed values", call="bootstrap_ci", args=(skewed,)),
        Case("a 90% interval", call="bootstrap_ci", args=(skewed,), kwargs={"confidence": 0.9}),
        Case(
            "seed 7, 500 resamples", call="bootstrap_ci", args=(skewed,), kwargs={"seed": 7, "resamples": 500}
        ),
        Case("one value", call="bootstrap_ci", args=(np.array([4.0]),)),
        Case("contains the mean; narrower with more data", probe="probe_behaviour", args=(skewed,)),
    ]


def probe_behaviour(module, values):
    low, high = module.bootstrap_ci(values.copy())
    small_low, small_high = module.bootstrap_ci(values[:10].copy())
    return {
        "floats": isinstance(low, float) and isinstance(high, float),
        "contains the mean": bool(low <= values.mean() <= high),
        "narrower with 50 than with 10": bool(high - low < small_high - small_low),
    }
