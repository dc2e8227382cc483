"""At temperature 0 your one-hot vector has the dtype of the logits: `np.zeros_like(logits)` copies
it, so integer logits give an integer array of 0s and 1 instead of probabilities (floats), and
float32 logits would give float32. Probabilities are floats whatever the logits are: build the
vector with `np.zeros(len(logits))` (float64), then set the argmax to 1.0."""

import numpy as np


def temperature_probabilities(logits, temperature):
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, not {temperature}")
    if temperature == 0:
        probabilities = np.zeros_like(logits)
        probabilities[np.argmax(logits)] = 1
        return probabilities
    scaled = logits / temperature
    exps = np.exp(scaled - scaled.max())
    return exps / exps.sum()


def sample_index(logits, temperature, rng):
    probabilities = temperature_probabilities(logits, temperature)
    return int(rng.choice(len(probabilities), p=probabilities))
