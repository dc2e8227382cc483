"""Your ratings always use the range (0, 5.5), whatever `y_range` the caller passes. Unpack it,
`low, high = y_range`, and squash into that range: `low + (high - low) * sigmoid(raw)`."""

import numpy as np


def predict_ratings(user_vector, user_bias, item_vectors, item_biases, y_range=(0.0, 5.5)):
    raw = item_vectors @ user_vector + user_bias + item_biases
    return 5.5 / (1.0 + np.exp(-raw))


def recommend(user_vector, user_bias, item_vectors, item_biases, seen, n):
    scores = predict_ratings(user_vector, user_bias, item_vectors, item_biases)
    seen = set(int(i) for i in seen)
    return [int(i) for i in np.argsort(-scores, kind="stable") if int(i) not in seen][:n]
