"""Checks for bradley_terry: expected scores (scalars, arrays, equal ratings); the worked example;
a round robin of 5 players simulated from known ratings, with many draws; a lopsided table (the
strong player rarely drops points); only draws between two players (equal ratings); and a chain
of players who never met directly. Ratings are compared within 0.5 Elo."""

import numpy as np

from ldl.grading.spec import Case


def simulate(seed, ratings, games_per_pair, draw_rate):
    rng = np.random.default_rng(seed)
    games = []
    for i in range(len(ratings)):
        for j in range(i + 1, len(ratings)):
            p = 1.0 / (1.0 + 10 ** ((ratings[j] - ratings[i]) / 400))
            for _ in range(games_per_pair):
                u = rng.random()
                if u < draw_rate:
                    score = 0.5
                else:
                    score = 1.0 if rng.random() < p else 0.0
                games.append((i, j, score) if rng.random() < 0.5 else (j, i, 1.0 - score))
    return games


def cases():
    example = [(0, 1, 1.0)] * 3 + [(0, 1, 0.0)] + [(1, 2, 0.5)] * 4 + [(2, 0, 1.0), (2, 0, 0.0)]
    league = simulate(0, [300, 100, 0, -50, -350], 40, 0.3)
    lopsided = simulate(1, [800, 0, -100], 60, 0.1)
    chain = [
        (0, 1, 1.0),
        (0, 1, 0.5),
        (1, 0, 1.0),
        (1, 2, 1.0),
        (1, 2, 1.0),
        (2, 1, 0.5),
        (2, 3, 0.5),
        (3, 2, 0.0),
        (3, 2, 1.0),
    ]
    tol = {"rtol": 0.0, "atol": 0.5}
    return [
        Case("expected score, 200 points apart", call="expected_score", args=(1200.0, 1000.0)),
        Case("expected score, equal ratings", call="expected_score", args=(1500.0, 1500.0)),
        Case(
            "expected score, arrays",
            call="expected_score",
            args=(np.array([0.0, 400.0, -100.0]), np.array([400.0, 0.0, 300.0])),
        ),
        Case("the worked example", call="bradley_terry", args=(example, 3), **tol),
        Case("a round robin of 5 with 30% draws", call="bradley_terry", args=(league, 5), **tol),
        Case("a lopsided table", call="bradley_terry", args=(lopsided, 3), **tol),
        Case("only draws: equal ratings", call="bradley_terry", args=([(0, 1, 0.5)] * 6, 2), **tol),
        Case("a chain: 0 never met 2 or 3", call="bradley_terry", args=(chain, 4), **tol),
    ]
