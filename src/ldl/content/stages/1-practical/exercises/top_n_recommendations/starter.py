"""Top-N recommendations from a dot-product model's vectors. See statement.md (`ldl` shows it)."""

import numpy as np


def predict_ratings(
    user_vector: np.ndarray,
    user_bias: float,
    item_vectors: np.ndarray,
    item_biases: np.ndarray,
    y_range=(0.0, 5.5),
) -> np.ndarray:
    """(M,) ratings low + (high - low) * sigmoid(q_i . p + b + c_i) for every item i.

    user_vector (D,), item_vectors (M, D), item_biases (M,).
    """
    raise NotImplementedError


def recommend(
    user_vector: np.ndarray,
    user_bias: float,
    item_vectors: np.ndarray,
    item_biases: np.ndarray,
    seen: list,
    n: int,
) -> list:
    """Indices of the n best-rated items, best first, skipping `seen`; ties: lower index first."""
    raise NotImplementedError
