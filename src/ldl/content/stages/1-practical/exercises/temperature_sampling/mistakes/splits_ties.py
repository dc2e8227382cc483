"""At T = 0 you share the probability among all the largest logits. The statement defines T = 0 as
greedy decoding with one winner: on a tie, the *first* largest logit gets all the mass, which is
what `np.argmax(logits)` returns."""

import numpy as np


def temperature_probabilities(logits, temperature):
    if temperature < 0:
        raise ValueError("negative temperature")
    if temperature == 0:
        best = logits == logits.max()
        return best / best.sum()
    scaled = logits / temperature
    e = np.exp(scaled - scaled.max())
    return e / e.sum()


def sample_index(logits, temperature, rng):
    p = temperature_probabilities(logits, temperature)
    return int(rng.choice(len(p), p=p))
