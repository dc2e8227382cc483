"""You hid the seen items by setting their score to 0. Every predicted rating is at least the low
end of y_range, so those items only sink to the bottom: when n is larger than the number of unseen
items, they come back. Remove seen items from the list instead (skip them while walking the
ranking), so they can never be recommended."""

import numpy as np


def predict_ratings(user_vector, user_bias, item_vectors, item_biases, y_range=(0.0, 5.5)):
    raw = item_vectors @ user_vector + user_bias + item_biases
    low, high = y_range
    return low + (high - low) / (1.0 + np.exp(-raw))


def recommend(user_vector, user_bias, item_vectors, item_biases, seen, n):
    scores = predict_ratings(user_vector, user_bias, item_vectors, item_biases)
    scores[list(seen)] = 0.0
    return [int(i) for i in np.argsort(-scores, kind="stable")][:n]
