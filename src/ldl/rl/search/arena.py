"""The arena: any two players meet, each plays first in half of the games.

A *player* is any callable `player(game, state) -> action` (a function, `RandomPlayer`,
`AlphaBetaPlayer`, `MCTSPlayer`, `AlphaZeroPlayer`, a human at the keyboard). Players that keep
state between moves should be fresh or stateless; the players here are stateless apart from their
random generator.

A player may also offer `act_batch(game, states) -> actions`, one move for each of many positions
at once. `play_match` plays all its games in lockstep and hands each player, at every turn, all the
positions where it is to move; AlphaZero uses that to evaluate the leaves of all its searches in one
batch of the network (several times faster than one game at a time, with the same moves).

The score of a match is (wins + draws / 2) / games, the number Elo ratings are fitted to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ldl.rl.games.base import Game, GameState

Player = Callable[[Game, GameState], int]


class RandomPlayer:
    """A uniformly random legal move."""

    def __init__(self, seed: int = 0):
        self.rng = np.random.default_rng(seed)
        self.name = "random"

    def __call__(self, game: Game, state: GameState) -> int:
        return int(self.rng.choice(np.flatnonzero(game.legal_actions(state))))


def play_game(game: Game, first: Player, second: Player, opening: list[int] | None = None) -> int:
    """Play one game, `first` moving first; returns the winner (+1 first, -1 second, 0 draw).
    `opening` moves are played before the players take over (to vary the games)."""
    return play_games(game, [(first, second)], [opening or []])[0]


@dataclass
class MatchResult:
    """A match from player a's side."""

    wins: int
    draws: int
    losses: int

    @property
    def games(self) -> int:
        return self.wins + self.draws + self.losses

    @property
    def score(self) -> float:
        """(wins + draws / 2) / games, in [0, 1]."""
        return (self.wins + 0.5 * self.draws) / max(1, self.games)


def play_match(game: Game, a: Player, b: Player, num_games: int, seed: int = 0,
               random_openings: int = 0) -> MatchResult:  # fmt: skip
    """`num_games` games between a and b, alternating who starts (a starts the even ones).
    `random_openings` > 0 opens each pair of games with that many random moves (the same opening
    for both colours), so deterministic players do not replay one game over and over.
    The games are played in lockstep (see `play_games`)."""
    rng = np.random.default_rng(seed)
    openings = [random_opening(game, random_openings, rng) for _ in range(0, num_games, 2)]
    pairings = [(a, b) if i % 2 == 0 else (b, a) for i in range(num_games)]
    winners = play_games(game, pairings, [openings[i // 2] for i in range(num_games)])
    results = [w if i % 2 == 0 else -w for i, w in enumerate(winners)]  # from a's side
    return MatchResult(results.count(1), results.count(0), results.count(-1))


def play_games(game: Game, pairings: list[tuple[Player, Player]],
               openings: list[list[int]] | None = None) -> list[int]:  # fmt: skip
    """Play one game per (first, second) pairing, all in lockstep; returns each game's winner (+1
    first, -1 second, 0 draw). At every turn each player moves in all the games where it is to move
    at once: through its `act_batch(game, states)` if it has one, else one call per game."""
    states = []
    for i in range(len(pairings)):
        state = game.initial_state()
        for action in openings[i] if openings else []:
            state = game.next_state(state, action)
        states.append(state)
    while True:
        to_move: dict[int, tuple[Player, list[int]]] = {}  # id(player) -> (player, games)
        for i, state in enumerate(states):
            if game.winner(state) is None:
                player = pairings[i][0] if state.player == 1 else pairings[i][1]
                to_move.setdefault(id(player), (player, []))[1].append(i)
        if not to_move:
            return [game.winner(state) for state in states]
        for player, games in to_move.values():
            positions = [states[i] for i in games]
            act_batch = getattr(player, "act_batch", None)
            actions = act_batch(game, positions) if act_batch else [player(game, s) for s in positions]
            for i, action in zip(games, actions, strict=True):
                if not game.legal_actions(states[i])[int(action)]:
                    raise ValueError(f"{getattr(player, 'name', player)} played the illegal move {action}")
                states[i] = game.next_state(states[i], int(action))


def random_opening(game: Game, num_moves: int, rng: np.random.Generator) -> list[int]:
    """`num_moves` random legal moves from the start that do not end the game."""
    while True:
        state, moves = game.initial_state(), []
        for _ in range(num_moves):
            action = int(rng.choice(np.flatnonzero(game.legal_actions(state))))
            state, moves = game.next_state(state, action), moves + [action]
            if game.winner(state) is not None:
                break
        if game.winner(state) is None:
            return moves
