"""Checks for connect_four_mcts. Three quick positions, run against the reference too: the only
legal column on a nearly full board; a win in one move (three positions); a threat that must be
blocked (three positions). Then the real test, judged on the learner's results alone
(reference=False): a seeded match against a random player and against a one-move-lookahead
player, starts alternating, each stopped as soon as its outcome is certain.

The checks keep their own copy of the rules: the learner's helpers are never trusted to referee.
With LDL_FAST=1 (the content self-check in the default test suite) the matches are shorter and
the searches smaller, with thresholds at least as strict (3.5 of 4 points against either
opponent); `ldl check` plays the full matches of the statement."""

import os

import numpy as np

from ldl.grading.spec import Case

ROWS, COLS = 6, 7
FAST = os.environ.get("LDL_FAST", "") not in ("", "0", "false", "False")
SIMULATIONS = 100 if FAST else 200  # the learner's search budget per move in the matches
GAMES = 4 if FAST else 20  # per opponent
NEED = {"random": 3.5 if FAST else 18.0, "lookahead": 3.5 if FAST else 15.0}  # points to pass (draw = 0.5)


# --- the referee's rules (the same as the starter's, kept here so that nobody can change them) ---
def _legal(board):
    return [c for c in range(COLS) if board[0, c] == 0]


def _play(board, column, player):
    new = board.copy()
    row = int(np.count_nonzero(new[:, column] == 0)) - 1
    new[row, column] = player
    return new


def _wins(board, column):
    grid = board.tolist()
    row = next(r for r in range(ROWS) if grid[r][column] != 0)
    player = grid[row][column]
    for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
        count = 1
        for sign in (1, -1):
            r, c = row + sign * dr, column + sign * dc
            while 0 <= r < ROWS and 0 <= c < COLS and grid[r][c] == player:
                count, r, c = count + 1, r + sign * dr, c + sign * dc
        if count >= 4:
            return True
    return False


def _random_player(board, player, rng):
    moves = _legal(board)
    return moves[int(rng.integers(len(moves)))]


def _lookahead_player(board, player, rng):
    """Wins at once if it can, else blocks the opponent's immediate win, else plays at random."""
    moves = _legal(board)
    for who in (player, -player):
        for column in moves:
            if _wins(_play(board, column, who), column):
                return column
    return moves[int(rng.integers(len(moves)))]


OPPONENTS = {"random": _random_player, "lookahead": _lookahead_player}


def _learner_move(module, board, player, rng, simulations):
    """The learner's move, checked: an int naming a legal column (else a message saying why not)."""
    column = module.mcts_move(board.copy(), player, rng, num_simulations=simulations)
    if isinstance(column, (bool, np.bool_)) or not isinstance(column, (int, np.integer)):
        return None, f"mcts_move returned {column!r}, not a column number"
    if int(column) not in _legal(board):
        return None, f"mcts_move chose column {int(column)}, which is full or off the board"
    return int(column), None


# --- the quick positions (compared with the reference) ---
def _board(moves):
    """A position from a list of columns, +1 moving first."""
    board, player = np.zeros((ROWS, COLS), dtype=np.int8), 1
    for column in moves:
        board, player = _play(board, column, player), -player
    return board, player


WIN_NOW = [[3, 0, 3, 0, 3, 1], [0, 6, 1, 6, 2, 5], [3, 3, 2, 2, 6, 6, 1, 5]]  # the mover wins with 3, 3, 0
BLOCK = [[3, 0, 3, 0, 3], [0, 6, 1, 6, 2], [4, 4, 5, 5, 6]]  # the mover must block 3, 3, 3


def only_move(module, seed):
    board = np.zeros((ROWS, COLS), dtype=np.int8)
    board[:, [0, 1, 2, 4, 5, 6]] = np.array([[1, -1, 1, -1, 1, -1]]).T * np.array([[1, 1, -1, 1, -1, -1]])
    board[1:, 3] = [1, -1, -1, 1, 1]
    column, problem = _learner_move(
        module, board, -1, np.random.default_rng(seed), 50
    )  # 21 + 20 pieces: -1 to move
    return problem or column


def same_column(expected, got, case):
    """The only legal column, or the learner's problem (an illegal or malformed move) in words."""
    if isinstance(got, str):
        return got
    return None if got == expected else f"mcts_move chose column {got!r}; the only legal column is {expected}"


def tactics(module, lines, simulations, seed):
    """For each position: did the learner's move win at once / stop the opponent's immediate win?"""
    results = []
    for k, line in enumerate(lines):
        board, player = _board(line)
        column, problem = _learner_move(module, board, player, np.random.default_rng([seed, k]), simulations)
        if problem:
            results.append(problem)
            continue
        after = _play(board, column, player)
        if _wins(after, column):
            results.append("won")
        else:
            threats = [c for c in _legal(after) if _wins(_play(after, c, -player), c)]
            results.append("let the opponent win" if threats else "safe")
    return results


# --- the match (judged on the learner's results alone) ---
def match(module, opponent, games, simulations, need, seed, stop_early=True):
    """Games against `opponent`, the learner starting every other game; stops once the result is certain
    (unless `stop_early` is False: the benchmark in tests/rl plays every game)."""
    record, score, problem = [], 0.0, None
    for game in range(games):
        learner_side = 1 if game % 2 == 0 else -1  # +1 moves first
        rng_learner, rng_opponent = (
            np.random.default_rng([seed, game, 0]),
            np.random.default_rng([seed, game, 1]),
        )
        board, player, result = np.zeros((ROWS, COLS), dtype=np.int8), 1, 0.5
        while _legal(board):
            if player == learner_side:
                column, problem = _learner_move(module, board, player, rng_learner, simulations)
                if problem:
                    result = 0.0
                    break
            else:
                column = OPPONENTS[opponent](board, player, rng_opponent)
            board = _play(board, column, player)
            if _wins(board, column):
                result = 1.0 if player == learner_side else 0.0
                break
            player = -player
        record.append({"first": learner_side == 1, "result": result, "moves": int(np.count_nonzero(board))})
        score += result
        if problem or (stop_early and (score >= need or score + (games - game - 1) < need)):
            break
    return {
        "opponent": opponent,
        "games": games,
        "need": need,
        "score": score,
        "record": record,
        "problem": problem,
    }


def judge_match(expected, got, case):
    """Pass when the learner's score reached the target; else say what happened, game by game.
    The target comes from this module (the parent's copy), never from the learner's process."""
    if (
        not isinstance(got, dict)
        or got.get("opponent") not in NEED
        or not isinstance(got.get("record"), list)
    ):
        return f"the match did not produce a result: {str(got)[:200]}"
    opponent, need = got["opponent"], NEED[got["opponent"]]
    try:
        results = [float(game["result"]) for game in got["record"]][:GAMES]
        letters = " ".join(
            {1.0: "W", 0.5: "D", 0.0: "L"}[game["result"]] + ("*" if game["first"] else "")
            for game in got["record"][:GAMES]
        )
    except (KeyError, TypeError):
        return f"the match did not produce a result: {str(got)[:200]}"
    score = sum(results)
    if score >= need:
        return None
    lines = [
        f"against the {opponent} player your search scored {score:g} in {len(results)} games and can no "
        f"longer reach the {need:g} of {GAMES} needed (games: {letters}; * = you started)."
    ]
    if got.get("problem"):
        lines.append(f"The match stopped because {got['problem']}.")
    elif opponent == "random":
        lines.append(
            "Losing to random moves usually means the values point the wrong way: check the sign flip in the "
            "backup (each node's value is for the player who moved into it) and that the rollout's result "
            "is scored for the player to move at the leaf."
        )
    else:
        lines.append(
            "The one-move-lookahead player wins whenever you leave it a winning move and blocks your every "
            "single threat: does your search see the opponent's reply? Check the backup's sign flip at every "
            "level, UCB1's exploration, and that you play the most visited root move."
        )
    return " ".join(lines)


def cases():
    return [
        Case(
            "a nearly full board: the only legal column", probe="only_move", args=(0,), compare="same_column"
        ),
        Case("a win in one move: take it", probe="tactics", args=(WIN_NOW, 300, 1)),
        Case("an immediate threat: block it", probe="tactics", args=(BLOCK, 300, 2)),
        Case(
            "a match against a random player",
            probe="match",
            args=("random", GAMES, SIMULATIONS, NEED["random"], 3),
            compare="judge_match",
            reference=False,
            show_input=False,
        ),
        Case(
            "a match against a one-move-lookahead player",
            probe="match",
            args=("lookahead", GAMES, SIMULATIONS, NEED["lookahead"], 4),
            compare="judge_match",
            reference=False,
            show_input=False,
        ),
    ]
