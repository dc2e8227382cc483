"""Your search ignores `num_simulations` and runs only a handful of simulations, far too few to see
the opponent's reply. Run exactly `num_simulations` simulations per move."""

import math

import numpy as np

ROWS, COLS = 6, 7  # row 0 is the top; pieces fall towards row 5


def legal_moves(board: np.ndarray) -> list[int]:
    """The columns that are not full, in increasing order."""
    return [c for c in range(COLS) if board[0, c] == 0]


def play(board: np.ndarray, column: int, player: int) -> np.ndarray:
    """A new board with `player`'s piece (+1 or -1) dropped into `column` (which must not be full)."""
    new = board.copy()
    row = ROWS - 1
    while new[row, column] != 0:
        row -= 1
    new[row, column] = player
    return new


def wins(board: np.ndarray, column: int) -> bool:
    """Whether the top piece of `column` (the piece just played there) is part of four in a row."""
    grid = board.tolist()  # plain lists: much faster than indexing numpy one element at a time
    row = 0
    while grid[row][column] == 0:
        row += 1
    player = grid[row][column]
    for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
        count = 1
        for sign in (1, -1):
            r, c = row + sign * dr, column + sign * dc
            while 0 <= r < ROWS and 0 <= c < COLS and grid[r][c] == player:
                count += 1
                r, c = r + sign * dr, c + sign * dc
        if count >= 4:
            return True
    return False


def is_full(board: np.ndarray) -> bool:
    """A draw, if nobody has won: the top row is full."""
    return bool(np.all(board[0] != 0))


class Node:
    """A position; `value_sum` is for the player who moved into it."""

    def __init__(self, board, to_move, terminal_value=None):
        self.board, self.to_move = board, to_move
        self.terminal_value = terminal_value  # for the player to move here: -1 lost, 0 draw, None going on
        self.untried = [] if terminal_value is not None else legal_moves(board)
        self.children = {}  # column -> Node
        self.visit_count, self.value_sum = 0, 0.0

    def child(self, column):
        board = play(self.board, column, self.to_move)
        value = -1.0 if wins(board, column) else (0.0 if is_full(board) else None)
        node = Node(board, -self.to_move, value)
        self.children[column] = node
        return node


def ucb1(parent, child, c=1.4):
    return child.value_sum / child.visit_count + c * math.sqrt(
        math.log(parent.visit_count) / child.visit_count
    )


def rollout(board, to_move, rng):
    """A random game to the end: its result for `to_move` (+1 win, 0 draw, -1 loss)."""
    player = to_move
    while True:
        moves = legal_moves(board)
        if not moves:
            return 0.0  # the board is full: a draw
        column = moves[int(rng.integers(len(moves)))]
        board = play(board, column, player)
        if wins(board, column):
            return 1.0 if player == to_move else -1.0
        player = -player


def mcts_move(board, player, rng, num_simulations=200):
    """UCT: select by UCB1, expand one node, roll out at random, back up with the sign flip."""
    root = Node(board, player)
    for _ in range(min(num_simulations, 8)):
        node, path = root, [root]
        while not node.untried and node.children:  # selection
            node = max(node.children.values(), key=lambda child, parent=node: ucb1(parent, child))
            path.append(node)
        if node.untried:  # expansion
            column = node.untried.pop(int(rng.integers(len(node.untried))))
            node = node.child(column)
            path.append(node)
        value = node.terminal_value  # evaluation, for the player to move at the leaf
        if value is None:
            value = rollout(node.board, node.to_move, rng)
        for visited in reversed(path):  # backup: the leaf's stats belong to the player who moved into it
            value = -value
            visited.value_sum += value
            visited.visit_count += 1
    return max(root.children, key=lambda column: root.children[column].visit_count)
