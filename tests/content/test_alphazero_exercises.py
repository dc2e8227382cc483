"""The AlphaZero unit's exercises beyond the generic self-check: their reference solutions agree
with ldl.rl's independent implementations (symmetries, Bradley-Terry, Connect Four rules), and the
agent exercise's referee (match, early stopping, illegal moves, the compare rule's verdicts and
messages) behaves as its statement says. The full-size agent grading is a slow test."""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest

from ldl.curriculum.items import get_exercise, load_labs
from ldl.grading.selfcheck import grade_as_learner
from ldl.grading.verdicts import Verdict
from ldl.rl.games import ConnectFour, TicTacToe
from ldl.rl.search.elo import bradley_terry as library_bradley_terry

AZ_EXERCISES = [
    "minimax_tree", "alphabeta_pruning", "ucb1", "puct_select", "mcts_backup", "dirichlet_noise",
    "visit_policy", "alphazero_loss", "board_symmetries", "bradley_terry", "connect_four_mcts",
]  # fmt: skip


def load(exercise_id: str, file: str):
    """A module of an exercise folder (solution, starter, checks or mistakes/<name>), by path."""
    path = get_exercise(exercise_id).folder / f"{file}.py"
    name = f"_az_{exercise_id}_{file.replace('/', '_')}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_unit_has_its_exercises_in_order():
    exercises = [get_exercise(e) for e in AZ_EXERCISES]
    assert all(e.unit == "deep-rl.alphazero" for e in exercises)
    assert [e.order for e in exercises] == list(range(1, 12))
    assert all(len(list(e.mistakes_dir.glob("*.py"))) >= 3 for e in exercises)


def test_the_tour_covers_the_unit():
    """`ldl tour` runs the unit's three hands-on labs in fast mode; the reading lab runs in CI."""
    labs = sorted((lab for lab in load_labs() if lab.unit == "deep-rl.alphazero"), key=lambda lab: lab.order)
    tour = [lab.id for lab in labs if lab.tour]
    assert tour == ["minimax_to_mcts", "alphazero_tictactoe", "alphazero_connect_four"]
    assert "reading_alphago_zero" in [lab.id for lab in labs]


def test_alphabeta_agrees_with_minimax_and_reads_fewer_leaves():
    minimax, alphabeta = (
        load("minimax_tree", "solution").minimax,
        load("alphabeta_pruning", "solution").alphabeta,
    )
    rng = np.random.default_rng(0)

    def tree(depth):
        if depth == 0:
            return int(rng.integers(-5, 6))
        return [tree(depth - 1) for _ in range(int(rng.integers(1, 4)))]

    saved = 0
    for _ in range(200):
        t = tree(int(rng.integers(1, 6)))
        for maximizing in (True, False):
            value, leaves = alphabeta(t, maximizing)
            assert value == minimax(t, maximizing)[0]
            total = str(t).count(",") + 1  # leaves = commas + 1 in a nested list of numbers
            assert leaves <= total
            saved += total - leaves
    assert saved > 0


def test_symmetries_match_the_library_tictactoe():
    solution = load("board_symmetries", "solution")
    game = TicTacToe()
    state = game.initial_state()
    for cell in [0, 5, 7]:
        state = game.next_state(state, cell)
    policy = np.random.default_rng(1).dirichlet(np.ones(9))
    ours = {
        (b.tobytes(), p.round(9).tobytes()) for b, p in solution.tictactoe_symmetries(state.board, policy)
    }
    planes = game.encode(state)  # plane 0: the player to move's stones, plane 1: the opponent's
    board = (planes[0] - planes[1]).astype(np.int8) * state.player
    theirs = {
        (((p[0] - p[1]) * state.player).astype(np.int8).tobytes(), pi.round(9).tobytes())
        for p, pi in game.symmetries(game.encode(state), policy)
    }
    assert np.array_equal(board, state.board)
    assert ours == theirs and len(ours) == 8


def test_bradley_terry_matches_the_library_fit():
    solution = load("bradley_terry", "solution")
    checks = load("bradley_terry", "checks")
    games = checks.simulate(7, [200, 0, -100, -250], 50, 0.2)
    ours = solution.bradley_terry(games, 4)
    table = library_bradley_terry(games, prior_games=0.0)
    theirs = table.ratings - table.ratings.mean()
    np.testing.assert_allclose(ours, theirs, atol=0.05)
    assert abs(ours.mean()) < 1e-9


def test_the_referee_rules_match_the_starter_and_the_library():
    """200 random games: the starter's helpers, the checks' referee and ldl.rl.games agree."""
    starter, checks = load("connect_four_mcts", "starter"), load("connect_four_mcts", "checks")
    game, rng = ConnectFour(), np.random.default_rng(3)
    for _ in range(200):
        board, player, state = np.zeros((6, 7), dtype=np.int8), 1, game.initial_state()
        while True:
            legal = starter.legal_moves(board)
            assert legal == checks._legal(board) == np.flatnonzero(game.legal_actions(state)).tolist()
            if not legal:
                assert starter.is_full(board) and game.winner(state) == 0
                break
            column = int(rng.choice(legal))
            referee = checks._play(board, column, player)
            board, state = starter.play(board, column, player), game.next_state(state, column)
            assert np.array_equal(board, referee) and np.array_equal(board, state.board)
            won = starter.wins(board, column)
            assert won == checks._wins(board, column) == (game.winner(state) == player)
            if won:
                break
            player = -player


class AlwaysColumn:
    """A stand-in learner module: always the same column (illegal once it is full)."""

    def __init__(self, column):
        self.column = column

    def mcts_move(self, board, player, rng, num_simulations=200):
        return self.column


class Lookahead:
    """A stand-in learner module that plays the one-move-lookahead policy."""

    def __init__(self, checks):
        self.checks = checks

    def mcts_move(self, board, player, rng, num_simulations=200):
        return self.checks._lookahead_player(board, player, rng)


def test_match_stops_once_the_outcome_is_certain_and_reports_illegal_moves():
    checks = load("connect_four_mcts", "checks")
    hopeless = checks.match(AlwaysColumn(0), "lookahead", 20, 10, 15.0, 0)
    assert len(hopeless["record"]) < 20  # stopped early: 15 points out of reach
    assert hopeless["score"] + (20 - len(hopeless["record"])) < 15.0 or hopeless["problem"]
    full_column = checks.match(AlwaysColumn(3), "random", 20, 10, 18.0, 0)
    assert full_column["problem"] and "full" in full_column["problem"]
    assert full_column["record"][-1]["result"] == 0.0
    every = checks.match(AlwaysColumn(0), "random", 4, 10, 1.0, 1, stop_early=False)
    assert len(every["record"]) == 4 and [g["first"] for g in every["record"]] == [True, False, True, False]


def test_the_compare_rule_passes_winners_and_explains_losers():
    checks = load("connect_four_mcts", "checks")
    strong = checks.match(Lookahead(checks), "random", checks.GAMES, 10, checks.NEED["random"], 3)
    assert checks.judge_match(None, strong, None) is None, strong
    weak = checks.match(AlwaysColumn(1), "lookahead", checks.GAMES, 10, checks.NEED["lookahead"], 4)
    message = checks.judge_match(None, weak, None)
    assert message and "lookahead" in message and "L" in message and "needed" in message
    forged = dict(weak, need=0.0)  # the learner's process cannot lower the bar: NEED is the parent's
    assert checks.judge_match(None, forged, None) == message
    assert "did not produce a result" in checks.judge_match(None, {"oops": 1}, None)


def test_the_agent_exercise_runs_fast_in_the_self_check():
    """The content conftest sets LDL_FAST=1: the checks then play the short matches."""
    import os

    assert os.environ.get("LDL_FAST") == "1"
    checks = load("connect_four_mcts", "checks")
    assert checks.FAST and checks.GAMES == 4 and checks.SIMULATIONS == 100


@pytest.mark.slow
def test_full_size_agent_grading():
    """`ldl check` settings (no LDL_FAST): the reference passes within its budget; the sign-flip
    mistake fails the quick positions and both matches, with the match's explanation."""
    exercise = get_exercise("connect_four_mcts")
    result = grade_as_learner(exercise, exercise.solution_path)
    assert result.verdict is Verdict.PASS, result.feedback
    assert result.duration_s <= exercise.budget_seconds
    wrong = grade_as_learner(exercise, exercise.mistakes_dir / "no_sign_flip.py")
    assert wrong.verdict is Verdict.FAIL
    failed = {case.name for case in wrong.cases if not case.passed}
    assert {"a match against a random player", "a match against a one-move-lookahead player"} <= failed
