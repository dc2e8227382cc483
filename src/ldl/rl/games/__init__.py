"""Two-player, zero-sum, perfect-information board games for search and AlphaZero.

    base.py          the `Game` protocol and the immutable `GameState`
    tictactoe.py     `TicTacToe()`: 3x3, action = cell index row * 3 + col
    connect_four.py  `ConnectFour()`: 6x7, action = column

`make_game("tic-tac-toe" | "connect-four")` builds one by name. Both are checked move for move
against OpenSpiel's implementations (tests/rl/games).
"""

from __future__ import annotations

from ldl.errors import LdlError
from ldl.rl.games.base import Game, GameState
from ldl.rl.games.connect_four import ConnectFour
from ldl.rl.games.tictactoe import TicTacToe

GAMES = {"tic-tac-toe": TicTacToe, "connect-four": ConnectFour}


def make_game(name: str) -> Game:
    """A game by its name: "tic-tac-toe" or "connect-four" (underscores work too)."""
    key = name.replace("_", "-").lower()
    if key not in GAMES:
        raise LdlError(f"Unknown game {name!r}.", hint=f"Choose one of: {', '.join(GAMES)}.")
    return GAMES[key]()


__all__ = ["GAMES", "ConnectFour", "Game", "GameState", "TicTacToe", "make_game"]
