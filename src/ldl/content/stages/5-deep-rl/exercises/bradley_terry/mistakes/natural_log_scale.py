"""Your ratings are natural logarithms of the strengths, not Elo. Elo uses base 10 and 400 points:
R = 400 log10(gamma), i.e. 400 / ln(10) = 173.7 times the natural log."""

import numpy as np


def expected_score(rating_i, rating_j):
    return 1.0 / (1.0 + 10.0 ** ((np.asarray(rating_j) - np.asarray(rating_i)) / 400.0))


def _fit(n, points):
    theta = np.zeros(len(points))
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(theta[None, :] - theta[:, None]))
        weights = n * p * p.T
        hessian = np.diag(weights.sum(axis=1)) - weights
        step = np.linalg.lstsq(hessian, points - (n * p).sum(axis=1), rcond=None)[0]
        theta += step - step.mean()
    return theta


def bradley_terry(games, num_players):
    n, points = np.zeros((num_players, num_players)), np.zeros(num_players)
    for i, j, score in games:
        n[i, j] += 1
        n[j, i] += 1
        points[i] += score
        points[j] += 1.0 - score
    theta = _fit(n, points)
    gamma = np.exp(theta)
    r = np.log(gamma)
    return r - r.mean()
