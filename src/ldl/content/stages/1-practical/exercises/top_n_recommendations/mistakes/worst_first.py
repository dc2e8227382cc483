"""Your ranking is upside down: `np.argsort` sorts ascending, so the first entries are the worst
items. Sort by `-scores` (or reverse the order) to put the best first."""

import numpy as np


def predict_ratings(user_vector, user_bias, item_vectors, item_biases, y_range=(0.0, 5.5)):
    raw = item_vectors @ user_vector + user_bias + item_biases
    low, high = y_range
    return low + (high - low) / (1.0 + np.exp(-raw))


def recommend(user_vector, user_bias, item_vectors, item_biases, seen, n):
    scores = predict_ratings(user_vector, user_bias, item_vectors, item_biases)
    seen = set(seen)
    return [int(i) for i in np.argsort(scores, kind="stable") if int(i) not in seen][:n]
