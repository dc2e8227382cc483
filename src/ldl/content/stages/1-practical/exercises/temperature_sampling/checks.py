"""Checks for temperature_sampling: exact probabilities at several temperatures (including the
integer temperature 2), the greedy case T = 0 (with a tie: the first largest logit wins; with
integer logits, whose one-hot answer is still float), large
logits at a tiny temperature (where exp overflows without the max shift), a single logit, the
refusal of negative temperatures, and sampling graded by distribution, drawing from the generator
passed in (never numpy's global random state). The caller's logits must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case

NUM_DRAWS = 2000


def cases():
    rng = np.random.default_rng(11)
    logits = rng.normal(size=8) * 2
    return [
        Case("temperature 1 is the softmax", call="temperature_probabilities", args=(logits, 1.0)),
        Case("temperature 0.5 sharpens", call="temperature_probabilities", args=(logits, 0.5)),
        Case("temperature 3 flattens", call="temperature_probabilities", args=(logits, 3.0)),
        Case("temperature 0 is greedy", call="temperature_probabilities", args=(logits, 0.0)),
        Case("large logits, tiny temperature", call="temperature_probabilities", args=(logits + 50, 0.01)),
        Case("integer temperature 2", call="temperature_probabilities", args=(logits, 2)),
        Case(
            "T = 0 with a tie: the first largest logit",
            call="temperature_probabilities",
            args=(np.array([1.0, 3.0, -2.0, 3.0]), 0.0),
        ),
        Case(
            "T = 0 with integer logits: still float probabilities",
            call="temperature_probabilities",
            args=(np.array([2, 7, -1, 5]), 0.0),
        ),
        Case("a single logit", call="temperature_probabilities", args=(np.array([0.3]), 0.8)),
        Case("a negative temperature is refused", probe="probe_negative", args=(logits,)),
        Case(
            "draws at T=1 follow the probabilities", probe="probe_frequencies", args=(logits, 1.0), atol=0.05
        ),
        Case(
            "draws at T=0.7 follow the probabilities",
            probe="probe_frequencies",
            args=(logits, 0.7),
            atol=0.05,
        ),
        Case("draws at T=0 always pick the argmax", probe="probe_frequencies", args=(logits, 0.0), atol=1e-9),
    ]


def probe_negative(module, logits):
    try:
        module.temperature_probabilities(logits, -1.0)
    except ValueError:
        return "ValueError"
    return "no error"


def probe_frequencies(module, logits, temperature):
    """How often each index comes up in NUM_DRAWS seeded draws: a (V,) array of fractions."""
    rng = np.random.default_rng(2024)
    draws = [module.sample_index(logits, temperature, rng) for _ in range(NUM_DRAWS)]
    if not all(isinstance(d, (int, np.integer)) and 0 <= d < len(logits) for d in draws):
        return "sample_index must return an int index into the logits"
    return np.bincount(np.array(draws, dtype=np.int64), minlength=len(logits)) / NUM_DRAWS
