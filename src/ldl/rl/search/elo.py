"""Elo ratings by a Bradley-Terry fit, with 95% confidence intervals.

Bradley-Terry: player i beats player j with probability

    P(i beats j) = 1 / (1 + 10^((R_j - R_i) / 400))          (ratings R on the Elo scale)

Given games (i, j, s) with score s in {1, 1/2, 0} for i, the ratings maximise the log-likelihood
sum s log P(i beats j) + (1 - s) log(1 - P(i beats j)) (a draw counts half a win each way). Only
differences are identified, so the first player is pinned to 0 (random play, when it is listed
first). We fit by Newton's method on the log-likelihood (it is concave); the 95% intervals come from
the inverse Fisher information (the curvature at the optimum): R_i +- 1.96 * sqrt(Var R_i).

A full round robin of n players costs n(n-1)/2 matches, most of them between players so far apart
that the result is known before the first move (random against a trained agent: 400 wins out of
400 teach the fit almost nothing). `ladder_pairings` is the cheaper design that rating lists use:
order the players by a first, rough estimate and let each meet only its nearest neighbours in that
order; the fit links everyone through the chain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SCALE = 400 / math.log(10)
"""Elo points per unit of natural log-odds."""


@dataclass
class EloTable:
    """Fitted ratings, in the order of `players`."""

    players: list[str]
    ratings: np.ndarray
    """(num_players,) Elo, players[0] fixed at 0."""
    low: np.ndarray
    """(num_players,) lower end of the 95% interval."""
    high: np.ndarray
    """(num_players,) upper end of the 95% interval."""
    games: np.ndarray
    """(num_players,) games each player took part in."""

    def rows(self) -> list[dict]:
        """One dict per player, best first."""
        order = np.argsort(-self.ratings)
        return [
            {
                "player": self.players[i],
                "elo": float(self.ratings[i]),
                "low": float(self.low[i]),
                "high": float(self.high[i]),
                "games": int(self.games[i]),
            }  # fmt: skip
            for i in order
        ]

    def __str__(self) -> str:
        lines = [f"{'player':<24} {'Elo':>7}  95% interval      games"]
        for row in self.rows():
            interval = f"[{row['low']:6.0f}, {row['high']:6.0f}]"
            lines.append(f"{row['player']:<24} {row['elo']:7.0f}  {interval}  {row['games']:6d}")
        return "\n".join(lines)


def bradley_terry(games: list[tuple[int, int, float]], players: list[str] | None = None,
                  prior_games: float = 0.1, iterations: int = 100) -> EloTable:  # fmt: skip
    """Fit ratings to games (i, j, score of i). `prior_games` adds that many virtual draws between
    each consecutive pair of players, a weak prior that keeps a player who won (or lost) everything
    at a finite rating."""
    n = 1 + max(max(i, j) for i, j, _ in games)
    players = players or [str(k) for k in range(n)]
    i_idx = np.array([g[0] for g in games] + list(range(n - 1)), dtype=int)
    j_idx = np.array([g[1] for g in games] + list(range(1, n)), dtype=int)
    score = np.array([g[2] for g in games] + [0.5] * (n - 1), dtype=float)
    weight = np.array([1.0] * len(games) + [prior_games] * (n - 1))
    theta = np.zeros(n)  # natural-log strengths
    for _ in range(iterations):
        p = 1 / (1 + np.exp(theta[j_idx] - theta[i_idx]))  # P(i beats j)
        residual = weight * (score - p)
        gradient = np.bincount(i_idx, residual, n) - np.bincount(j_idx, residual, n)
        curvature = weight * p * (1 - p)
        hessian = np.zeros((n, n))
        np.add.at(hessian, (i_idx, i_idx), -curvature)
        np.add.at(hessian, (j_idx, j_idx), -curvature)
        np.add.at(hessian, (i_idx, j_idx), curvature)
        np.add.at(hessian, (j_idx, i_idx), curvature)
        step = np.linalg.solve(hessian[1:, 1:], -gradient[1:])  # player 0 pinned at 0
        theta[1:] += step
        if np.abs(step).max() < 1e-10:
            break
    covariance = np.zeros((n, n))
    covariance[1:, 1:] = np.linalg.inv(-hessian[1:, 1:])  # inverse Fisher information
    half_width = 1.96 * np.sqrt(np.diag(covariance)) * SCALE
    ratings = theta * SCALE
    counts = np.bincount(i_idx[: len(games)], minlength=n) + np.bincount(j_idx[: len(games)], minlength=n)
    return EloTable(players, ratings, ratings - half_width, ratings + half_width, counts)


def ladder_pairings(num_players: int, neighbours: int) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, with j - i <= `neighbours`: for players listed weakest to strongest,
    each meets the `neighbours` players just above and just below it. neighbours >= num_players - 1
    is the full round robin."""
    if neighbours < 1:
        raise ValueError("neighbours must be at least 1 (the chain that links every player)")
    return [(i, j) for i in range(num_players) for j in range(i + 1, min(num_players, i + neighbours + 1))]


def expected_score(rating_difference: float) -> float:
    """Bradley-Terry's expected score of a player rated `rating_difference` points above the other."""
    return 1 / (1 + 10 ** (-rating_difference / 400))
