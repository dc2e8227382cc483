"""Elo ratings from a table of games (Bradley-Terry). See statement.md."""

import numpy as np


def expected_score(rating_i, rating_j):
    """E_ij = 1 / (1 + 10 ** ((R_j - R_i) / 400))."""
    raise NotImplementedError


def bradley_terry(games: list[tuple[int, int, float]], num_players: int) -> np.ndarray:
    """Maximum-likelihood Elo ratings (mean 0) from (i, j, score_i) games; a draw is half a point each."""
    raise NotImplementedError
