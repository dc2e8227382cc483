"""Minimax, alpha-beta and MCTS: checked against exact values and each other."""

import numpy as np
import pytest

from ldl.rl.games import ConnectFour, TicTacToe
from ldl.rl.search.arena import RandomPlayer, play_match
from ldl.rl.search.mcts import MCTS, MCTSConfig, Node, batched_search, rollout_evaluator, select_action
from ldl.rl.search.minimax import (
    AlphaBetaPlayer,
    MinimaxPlayer,
    alphabeta,
    minimax,
    minimax_action_values,
    zero_heuristic,
)  # fmt: skip


def play(game, moves):
    state = game.initial_state()
    for move in moves:
        state = game.next_state(state, move)
    return state


def test_tic_tac_toe_is_a_draw_and_known_positions_have_known_values():
    game = TicTacToe()
    assert minimax(game, game.initial_state()) == 0
    # X: 0, 4 ; O: 8 ... X to move after X0 O1 X4: X threatens 8 and wins
    assert minimax(game, play(game, [0, 1, 4])) == -1  # O to move, X has a double threat next
    values = minimax_action_values(game, play(game, [0, 1, 4, 2]))  # X to move, 8 wins now
    assert values[8] == 1


def test_alphabeta_to_the_end_agrees_with_minimax_on_random_positions():
    game = TicTacToe()
    rng = np.random.default_rng(0)
    for _ in range(30):
        state = game.initial_state()
        for _ in range(int(rng.integers(0, 5))):
            state = game.next_state(state, int(rng.choice(np.flatnonzero(game.legal_actions(state)))))
        result = alphabeta(game, state, depth=9, heuristic=zero_heuristic)
        assert np.sign(round(result.value, 6)) == minimax(game, state)
        best = minimax_action_values(game, state)
        assert best[result.action] == max(best.values())


def test_alphabeta_prunes_compared_with_plain_minimax_and_finds_a_win_in_one():
    game = ConnectFour()
    state = play(game, [3, 0, 3, 0, 3, 1])  # X to move: column 3 wins at once
    result = alphabeta(game, state, depth=4)
    assert result.action == 3 and result.value > 0.9
    full = alphabeta(game, game.initial_state(), depth=4, heuristic=zero_heuristic)
    assert full.nodes < 7**4  # a tree without pruning has 7^4 leaves alone


def test_alphabeta_blocks_a_threat():
    game = ConnectFour()
    state = play(game, [0, 3, 0, 3, 6, 3])  # O threatens column 3; X must block
    assert AlphaBetaPlayer(2)(game, state) == 3


def test_backup_flips_signs_and_puct_prefers_priors_then_values():
    root, child, grandchild = Node(1.0), Node(0.5), Node(0.5)
    MCTS.backup([root, child, grandchild], value=1.0)  # the player to move at the leaf wins
    assert grandchild.value_sum == -1.0 and child.value_sum == 1.0 and root.value_sum == -1.0


def test_mcts_finds_the_winning_move_and_the_block_in_tic_tac_toe():
    game = TicTacToe()
    rng = np.random.default_rng(0)
    config = MCTSConfig(num_simulations=300, c_puct=4.0)
    win = play(game, [0, 3, 1, 4])  # X to move: 2 wins
    counts = MCTS(game, rollout_evaluator(game, rng), config, rng).search(win)
    assert counts.argmax() == 2
    block = play(game, [0, 3, 1])  # O to move: must block at 2
    counts = MCTS(game, rollout_evaluator(game, rng), config, rng).search(block)
    assert counts.argmax() == 2
    assert counts.sum() == config.num_simulations  # the root's own evaluation is not a visit


def batched_trees(budgets: list[int]) -> tuple[list[MCTS], list[int]]:
    """Connect Four search trees with these budgets sharing one rollout evaluator, and the list
    that records the batch size of each evaluator call."""
    game, rng, calls = ConnectFour(), np.random.default_rng(0), []
    base = rollout_evaluator(game, rng)

    def counting(states):
        calls.append(len(states))
        return base(states)

    return [MCTS(game, counting, MCTSConfig(num_simulations=n), rng) for n in budgets], calls


def test_batched_search_evaluates_many_leaves_per_call():
    trees, calls = batched_trees([20] * 5)
    counts = batched_search(trees, [ConnectFour().initial_state()] * 5)
    assert all(c.sum() == 20 for c in counts)
    assert max(calls) == 5 and len(calls) <= 5 + 20  # 5 root calls of one, then one call per round


def test_batched_search_gives_each_tree_its_own_budget():
    budgets = [20, 5, 12]
    trees, calls = batched_trees(budgets)
    counts = batched_search(trees, [ConnectFour().initial_state()] * 3)
    assert [int(c.sum()) for c in counts] == budgets
    rounds = calls[3:]  # after the three root evaluations: 3 trees for 5 rounds, 2 until 12, then 1
    assert max(rounds[:5]) == 3 and max(rounds[5:12]) == 2 and max(rounds[12:]) == 1


def test_select_action_with_temperature():
    rng = np.random.default_rng(0)
    counts = np.array([0, 10, 30, 0], dtype=np.float32)
    assert select_action(counts, 0.0, rng) == 2
    samples = [select_action(counts, 1.0, rng) for _ in range(2000)]
    assert 0.7 < np.mean(np.array(samples) == 2) < 0.8  # 30 / 40
    assert set(samples) == {1, 2}


def test_minimax_never_loses_and_pure_mcts_beats_random():
    game = TicTacToe()
    result = play_match(game, MinimaxPlayer(0), RandomPlayer(1), num_games=30, seed=0)
    assert result.losses == 0 and result.wins >= 20
    from ldl.rl.search.mcts import MCTSPlayer

    result = play_match(ConnectFour(), MCTSPlayer(50, seed=0), RandomPlayer(1), num_games=6, seed=0)
    assert result.score >= 5 / 6


@pytest.mark.parametrize("depth", [1, 2])
def test_alphabeta_beats_random_at_connect_four(depth):
    result = play_match(ConnectFour(), AlphaBetaPlayer(depth, 0), RandomPlayer(1), num_games=10, seed=0)
    assert result.score >= 0.9


def test_alphazero_moves_in_a_batch_are_the_moves_it_makes_one_at_a_time():
    """act_batch interleaves the searches (one network call per simulation round for all of them);
    the moves must not change."""
    from ldl.rl.search.player import AlphaZeroPlayer

    game, rng = ConnectFour(), np.random.default_rng(4)
    states = []
    for _ in range(12):
        state = game.initial_state()
        for _ in range(int(rng.integers(0, 12))):
            if game.winner(state) is not None:
                break
            state = game.next_state(state, int(rng.choice(np.flatnonzero(game.legal_actions(state)))))
        if game.winner(state) is None:
            states.append(state)
    for simulations in (0, 25):
        one = AlphaZeroPlayer.from_checkpoint("connect-four", simulations, seed=3)
        many = AlphaZeroPlayer.from_checkpoint("connect-four", simulations, seed=3)
        assert many.act_batch(game, states) == [one(game, s) for s in states]
