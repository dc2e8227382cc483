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


def test_match_games_run_in_lockstep_and_batch_players_get_all_their_positions():
    """play_match hands a player with act_batch every position where it is to move at once."""

    class FirstLegal:
        def __init__(self):
            self.batches = []

        def act_batch(self, game, states):
            self.batches.append(len(states))
            return [int(np.flatnonzero(game.legal_actions(s))[0]) for s in states]

    batcher = FirstLegal()
    result = play_match(TicTacToe(), batcher, RandomPlayer(0), num_games=6, seed=0)
    assert result.games == 6
    assert batcher.batches[0] == 3  # it opens games 0, 2, 4, all in one call
    assert max(batcher.batches) <= 6 and sum(batcher.batches) >= 6 * 2


def test_play_match_is_reproducible_and_starts_after_the_random_opening():
    game = TicTacToe()
    seen = []

    def recorder(game, state):
        seen.append(state.board.copy())
        return int(np.flatnonzero(game.legal_actions(state))[-1])

    first = play_match(game, recorder, RandomPlayer(5), num_games=4, seed=7, random_openings=2)
    again = play_match(game, recorder, RandomPlayer(5), num_games=4, seed=7, random_openings=2)
    assert first == again
    assert min(int(np.count_nonzero(board)) for board in seen) >= 2  # every game began with 2 moves


def test_ladder_pairings_link_each_player_to_its_neighbours():
    from ldl.rl.search.elo import ladder_pairings

    assert ladder_pairings(4, 1) == [(0, 1), (1, 2), (2, 3)]
    assert ladder_pairings(5, 2) == [(0, 1), (0, 2), (1, 2), (1, 3), (2, 3), (2, 4), (3, 4)]
    assert len(ladder_pairings(6, 5)) == 15  # the full round robin
    with pytest.raises(ValueError, match="neighbours"):
        ladder_pairings(3, 0)


def test_a_ladder_recovers_ratings_a_round_robin_would():
    """Each player meets only its two nearest neighbours; the chain still pins every rating."""
    from ldl.rl.search.elo import ladder_pairings

    rng = np.random.default_rng(1)
    truth = np.array([0.0, 150.0, 300.0, 500.0, 650.0, 900.0])
    games = []
    for i, j in ladder_pairings(len(truth), 2):
        p = expected_score(truth[i] - truth[j])
        games += [(i, j, float(rng.random() < p)) for _ in range(400)]
    table = bradley_terry(games)
    assert np.all(np.abs(table.ratings - truth) < 100)
    assert np.all(table.low[1:] < truth[1:]) and np.all(truth[1:] < table.high[1:])
