"""Temperature divides the logits. Multiplying by T does the opposite: T = 0.5 would flatten the
distribution instead of sharpening it. Compute `logits / temperature`."""

import numpy as np


def temperature_probabilities(logits, temperature):
    if temperature < 0:
        raise ValueError("negative temperature")
    if temperature == 0:
        p = np.zeros(len(logits))
        p[np.argmax(logits)] = 1.0
        return p
    scaled = logits * temperature
    e = np.exp(scaled - scaled.max())
    return e / e.sum()


def sample_index(logits, temperature, rng):
    p = temperature_probabilities(logits, temperature)
    return int(rng.choice(len(p), p=p))
