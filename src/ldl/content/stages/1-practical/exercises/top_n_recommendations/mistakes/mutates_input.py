"""Your ratings are right, but you added the user's bias and the dot products into the caller's
`item_biases` in place (`raw = item_biases; raw += ...`): `=` does not copy, so after your call
their biases have changed, and the next user gets wrong scores. Build a new array:
`raw = item_vectors @ user_vector + user_bias + item_biases`."""

import numpy as np


def predict_ratings(user_vector, user_bias, item_vectors, item_biases, y_range=(0.0, 5.5)):
    raw = item_biases
    raw += item_vectors @ user_vector + user_bias
    low, high = y_range
    return low + (high - low) / (1.0 + np.exp(-raw))


def recommend(user_vector, user_bias, item_vectors, item_biases, seen, n):
    scores = predict_ratings(user_vector, user_bias, item_vectors, item_biases)
    seen = set(int(i) for i in seen)
    return [int(i) for i in np.argsort(-scores, kind="stable") if int(i) not in seen][:n]
