"""Your draws follow the right probabilities, but they come from numpy's global random state
(`np.random.choice`), not from the generator `rng` you were given. The caller passes `rng` so that
sampling is reproducible and independent of everyone else's random numbers: draw with
`rng.choice(len(p), p=p)`."""

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
    p = temperature_probabilities(logits, temperature)
    return int(np.random.choice(len(p), p=p))
