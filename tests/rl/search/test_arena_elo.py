"""Arena bookkeeping and the Bradley-Terry fit."""

import numpy as np
import pytest

from ldl.rl.games import TicTacToe
from ldl.rl.search.arena import MatchResult, RandomPlayer, play_game, play_match, random_opening
from ldl.rl.search.elo import bradley_terry, expected_score


def test_play_match_alternates_colours_and_counts_from_a_side():
    game = TicTacToe()
    firsts = []

    def first_cell(game, state):
        firsts.append(state.moves_played % 2 == 0 and state.player == 1)
        return int(np.flatnonzero(game.legal_actions(state))[0])

    result = play_match(game, first_cell, first_cell, num_games=4, seed=0)
    assert result.games == 4 and result.wins == result.losses == 2  # the starter always wins this line
    assert result.score == 0.5


def test_illegal_moves_are_refused():
    with pytest.raises(ValueError, match="illegal"):
        play_game(TicTacToe(), lambda g, s: 0, RandomPlayer(0))


def test_random_openings_are_unfinished_and_reproducible():
    game = TicTacToe()
    a = random_opening(game, 4, np.random.default_rng(3))
    assert a == random_opening(game, 4, np.random.default_rng(3)) and len(a) == 4


def test_match_score():
    assert MatchResult(3, 2, 5).score == pytest.approx(0.4)


def test_bradley_terry_recovers_known_ratings():
    """Simulate games between players whose true Elo we know; the fit must land within its interval."""
    rng = np.random.default_rng(0)
    truth = np.array([0.0, 200.0, 400.0, 800.0])
    games = []
    for i in range(4):
        for j in range(i + 1, 4):
            p = expected_score(truth[i] - truth[j])
            games += [(i, j, float(rng.random() < p)) for _ in range(400)]
    table = bradley_terry(games, ["a", "b", "c", "d"])
    assert table.ratings[0] == 0
    assert np.all(np.abs(table.ratings - truth) < 60)
    assert np.all((table.low <= truth + 1e-9) | (np.abs(table.ratings - truth) < 40))
    width = table.high - table.low
    assert np.all(width[1:] > 20) and np.all(width[1:] < 150)
    assert table.rows()[0]["player"] == "d" and table.games.tolist() == [1200] * 4
    assert "d" in str(table)


def test_draws_count_half_and_more_games_narrow_the_interval():
    few = bradley_terry([(0, 1, 0.5)] * 10 + [(0, 1, 1.0)] * 10)
    many = bradley_terry([(0, 1, 0.5)] * 100 + [(0, 1, 1.0)] * 100)
    # a 75% score for player 0 means player 1 is ~191 Elo weaker
    assert many.ratings[1] == pytest.approx(-190.8, abs=5)
    assert (many.high - many.low)[1] < (few.high - few.low)[1]
