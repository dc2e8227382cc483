"""Your probabilities are right, but `logits /= temperature` divides the caller's logits in place:
after one call their scores are scaled, and every later call (each draw, say) divides again.
Compute `scaled = logits / temperature` into a new array."""

import numpy as np


def temperature_probabilities(logits, temperature):
    if temperature < 0:
        raise ValueError("negative temperature")
    if temperature == 0:
        p = np.zeros(len(logits))
        p[np.argmax(logits)] = 1.0
        return p
    logits /= temperature
    e = np.exp(logits - logits.max())
    return e / e.sum()


def sample_index(logits, temperature, rng):
    p = temperature_probabilities(logits, temperature)
    return int(rng.choice(len(p), p=p))
