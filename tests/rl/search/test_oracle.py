"""The perfect-play oracle: our boards reach bitbully intact, and its verdicts are the known ones."""

import sys

import numpy as np
import pytest

from ldl.errors import LdlError
from ldl.rl.games import ConnectFour
from ldl.rl.search.arena import play_match
from ldl.rl.search.minimax import AlphaBetaPlayer

pytest.importorskip("bitbully")

from ldl.rl.search.oracle import PerfectConnectFour, PerfectPlayer, labelled_positions  # noqa: E402


@pytest.fixture(scope="module")
def oracle():
    return PerfectConnectFour()


def test_the_empty_board_is_won_by_the_centre_column_only(oracle):
    scores = oracle.scores(ConnectFour().initial_state())
    assert np.flatnonzero(oracle.optimal_actions(ConnectFour().initial_state())).tolist() == [3]
    assert scores[3] > 0 and oracle.value(ConnectFour().initial_state()) == 1  # first player wins (Allis)


def test_a_win_in_one_and_a_forced_block_are_seen(oracle):
    game = ConnectFour()
    win = game.from_moves([3, 0, 3, 0, 3, 1])  # X to move: column 3 completes four
    assert oracle.fastest_actions(win).tolist() == [False, False, False, True, False, False, False]
    assert oracle.optimal_actions(win)[3] and oracle.value(win) == 1
    block = game.from_moves([3, 0, 3, 0, 3])  # O to move: must block column 3 or lose at once
    assert np.flatnonzero(oracle.fastest_actions(block)).tolist() == [3]
    full = game.from_moves([0] * 6)
    assert np.isnan(oracle.scores(full)[0])  # a full column has no score


def test_labelled_positions_are_reproducible_real_decisions(oracle):
    first = labelled_positions(6, seed=3, oracle=oracle)
    again = labelled_positions(6, seed=3, oracle=oracle)
    assert [s.key() for s in first.states] == [s.key() for s in again.states]
    game = ConnectFour()
    for state, optimal, fastest in zip(first.states, first.optimal, first.fastest, strict=True):
        legal = game.legal_actions(state)
        assert optimal.any() and not (optimal & ~legal).any() and optimal.sum() < legal.sum()
        assert fastest.any() and not (fastest & ~optimal).any()  # the fastest moves keep the result


def test_optimal_means_the_result_is_kept_and_fastest_the_best_score(oracle):
    """X has three in column 3 and O cannot stop it for long: several moves still win (optimal), one
    wins at once (fastest); a move that lets the win slip away is neither."""
    game = ConnectFour()
    state = game.from_moves([3, 0, 3, 0, 3, 1])
    scores = oracle.scores(state)
    optimal, fastest = oracle.optimal_actions(state), oracle.fastest_actions(state)
    assert (optimal == (scores > 0)).all() and optimal.sum() > fastest.sum() == 1
    drawn_or_lost = ~optimal & game.legal_actions(state)
    assert (scores[drawn_or_lost] <= 0).all()


def test_perfect_play_never_loses_to_alphabeta(oracle):
    result = play_match(ConnectFour(), PerfectPlayer(oracle, seed=0), AlphaBetaPlayer(2, seed=1), 6, seed=0)
    assert result.losses == 0 and result.wins >= 1


def test_a_missing_solver_is_a_clear_error(monkeypatch):
    from ldl.rl.search import oracle as module

    monkeypatch.setitem(sys.modules, "bitbully", None)
    with pytest.raises(LdlError, match="bitbully") as error:
        module.PerfectConnectFour()
    assert "bench" in error.value.hint


def test_the_runs_evaluation_reports_both_accuracies_and_a_perfect_player_scores_one(oracle, monkeypatch):
    from ldl.rl.search import evaluation
    from ldl.rl.search.alphazero import ConnectFourConfig
    from ldl.rl.search.network import PolicyValueNet

    game = ConnectFour()
    positions = labelled_positions(12, seed=5, oracle=oracle)
    monkeypatch.setattr(evaluation, "_positions", lambda n: positions)
    config = ConnectFourConfig(fast=True, eval_opponents=["solver"])
    metrics = evaluation.evaluate_agent(game, PolicyValueNet(game, 8, 1).eval(), config, seed=0)
    assert set(metrics) == {"solver_accuracy", "solver_accuracy_fastest"}
    assert 0 <= metrics["solver_accuracy_fastest"] <= metrics["solver_accuracy"] <= 1

    class Perfect:  # what the fastest moves give: 1.0 on both
        game = ConnectFour()

        def __call__(self, game, state):
            return int(np.flatnonzero(oracle.fastest_actions(state))[0])

    perfect = evaluation.solver_accuracy(Perfect(), 12)
    assert perfect == {"solver_accuracy": 1.0, "solver_accuracy_fastest": 1.0}


def test_the_shipped_positions_are_the_solvers_labels(oracle):
    """ldl ships labelled_positions(300, seed=2024) so that judging needs no solver: the first 40,
    relabelled now, must be the same positions with the same labels."""
    from ldl.rl.search.oracle import shipped_positions

    shipped, fresh = shipped_positions(40), labelled_positions(40, seed=2024, oracle=oracle)
    assert [s.key() for s in shipped.states] == [s.key() for s in fresh.states]
    assert (shipped.optimal == fresh.optimal).all() and (shipped.fastest == fresh.fastest).all()
    assert shipped.moves == fresh.moves
