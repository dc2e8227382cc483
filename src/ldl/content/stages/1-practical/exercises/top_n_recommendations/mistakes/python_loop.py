"""Your ratings are right, but you score the items one at a time in a Python loop. With 400,000
items that is 400,000 trips through the interpreter where one matrix-vector product does them all:
`raw = item_vectors @ user_vector + user_bias + item_biases`, then the sigmoid on the whole (M,)
array."""

import math

import numpy as np


def predict_ratings(user_vector, user_bias, item_vectors, item_biases, y_range=(0.0, 5.5)):
    low, high = y_range
    ratings = np.empty(len(item_vectors))
    for i in range(len(item_vectors)):
        raw = float(item_vectors[i] @ user_vector) + user_bias + item_biases[i]
        ratings[i] = low + (high - low) / (1.0 + math.exp(-raw))
    return ratings


def recommend(user_vector, user_bias, item_vectors, item_biases, seen, n):
    scores = predict_ratings(user_vector, user_bias, item_vectors, item_biases)
    seen = set(int(i) for i in seen)
    return [int(i) for i in np.argsort(-scores, kind="stable") if int(i) not in seen][:n]
