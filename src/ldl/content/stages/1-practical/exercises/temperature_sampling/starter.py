"""Temperature sampling for a character language model. See statement.md (`ldl` shows it)."""

import numpy as np


def temperature_probabilities(logits: np.ndarray, temperature: float) -> np.ndarray:
    """p_i = exp(z_i / T) / sum_j exp(z_j / T) for (V,) logits z; T = 0 puts all mass on argmax.

    Raises ValueError when temperature < 0. Returns a (V,) array that sums to 1.
    """
    raise NotImplementedError


def sample_index(logits: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    """Draw one index i with probability temperature_probabilities(logits, temperature)[i]."""
    raise NotImplementedError
