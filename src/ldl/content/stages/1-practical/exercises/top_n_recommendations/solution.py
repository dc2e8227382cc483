"""Reference solution for top_n_recommendations."""

import numpy as np


def predict_ratings(user_vector, user_bias, item_vectors, item_biases, y_range=(0.0, 5.5)):
    """(M,) ratings low + (high - low) * sigmoid(q_i . p + b + c_i) for every item i."""
    raw = item_vectors @ user_vector + user_bias + item_biases  # (M, D) @ (D,) -> (M,)
    low, high = y_range
    return low + (high - low) / (1.0 + np.exp(-raw))


def recommend(user_vector, user_bias, item_vectors, item_biases, seen, n):
    """Indices of the n best-rated items, best first, skipping `seen`; ties: lower index first."""
    scores = predict_ratings(user_vector, user_bias, item_vectors, item_biases)
    order = np.argsort(-scores, kind="stable")  # best first; ties keep index order
    seen = set(int(i) for i in seen)
    return [int(i) for i in order if int(i) not in seen][:n]
