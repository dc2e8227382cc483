"""Reference solution for temperature_sampling."""

import numpy as np


def temperature_probabilities(logits: np.ndarray, temperature: float) -> np.ndarray:
    """p_i = exp(z_i / T) / sum_j exp(z_j / T) for (V,) logits z; T = 0 puts all mass on argmax."""
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, not {temperature}")
    if temperature == 0:
        probabilities = np.zeros(len(logits))
        probabilities[np.argmax(logits)] = 1.0
        return probabilities
    scaled = logits / temperature
    exps = np.exp(scaled - scaled.max())  # the largest is exp(0) = 1: no overflow
    return exps / exps.sum()


def sample_index(logits: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    """Draw one index i with probability temperature_probabilities(logits, temperature)[i]."""
    probabilities = temperature_probabilities(logits, temperature)
    return int(rng.choice(len(probabilities), p=probabilities))
