"""Your list includes items the user has already rated. Skip every index in `seen` while you walk
down the ranking (and keep going until you have n that are new)."""

import numpy as np


def predict_ratings(user_vector, user_bias, item_vectors, item_biases, y_range=(0.0, 5.5)):
    raw = item_vectors @ user_vector + user_bias + item_biases
    low, high = y_range
    return low + (high - low) / (1.0 + np.exp(-raw))


def recommend(user_vector, user_bias, item_vectors, item_biases, seen, n):
    scores = predict_ratings(user_vector, user_bias, item_vectors, item_biases)
    return [int(i) for i in np.argsort(-scores, kind="stable")][:n]
