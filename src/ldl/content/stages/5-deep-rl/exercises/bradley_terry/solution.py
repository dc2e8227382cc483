"""Reference solution for bradley_terry."""

import numpy as np


def expected_score(rating_i, rating_j):
    """The Elo / Bradley-Terry expected score of i against j."""
    return 1.0 / (1.0 + 10.0 ** ((np.asarray(rating_j) - np.asarray(rating_i)) / 400.0))


def bradley_terry(games, num_players):
    """Newton's method on the log-likelihood, in natural-log strengths theta = ln(gamma)."""
    n = np.zeros((num_players, num_players))  # games between i and j
    points = np.zeros(num_players)  # W_i, draws as half points for both
    for i, j, score in games:
        n[i, j] += 1
        n[j, i] += 1
        points[i] += score
        points[j] += 1.0 - score
    theta = np.zeros(num_players)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(theta[None, :] - theta[:, None]))  # (P, P): i's expected score vs j
        gradient = points - (n * p).sum(axis=1)  # actual minus expected points
        weights = n * p * p.T  # (P, P): the Fisher information of each pair
        hessian = np.diag(weights.sum(axis=1)) - weights  # a graph Laplacian: singular along (1, ..., 1)
        step = np.linalg.lstsq(hessian, gradient, rcond=None)[0]
        theta += step - step.mean()
        if np.max(np.abs(step)) < 1e-12:
            break
    ratings = 400.0 / np.log(10.0) * theta  # 400 log10(gamma)
    return ratings - ratings.mean()
