"""At a tiny temperature the scaled logits are huge (50 / 0.01 = 5000) and `np.exp` overflows to
inf, so the probabilities come out as nan. Subtract the largest scaled logit before exponentiating:
`e = np.exp(scaled - scaled.max())`; the shift cancels in the division."""

import numpy as np


def temperature_probabilities(logits, temperature):
    if temperature < 0:
        raise ValueError("negative temperature")
    if temperature == 0:
        p = np.zeros(len(logits))
        p[np.argmax(logits)] = 1.0
        return p
    e = np.exp(logits / temperature)
    return e / e.sum()


def sample_index(logits, temperature, rng):
    p = temperature_probabilities(logits, temperature)
    return int(rng.choice(len(p), p=p))
