"""A trained AlphaZero network as a player, and the small snapshot files it is saved in.

A snapshot is a torch file {"format", "game", "channels", "num_blocks", "model"} with the weights in
float16 (half the size; playing strength is unchanged). The package ships one per game under
ldl/rl/search/checkpoints/, so `ldl play connect-four` works without training first.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ldl.errors import LdlError
from ldl.rl.games import make_game
from ldl.rl.games.base import Game, GameState
from ldl.rl.search.mcts import MCTS, MCTSConfig, batched_search, select_action

SHIPPED = Path(__file__).parent / "checkpoints"
FORMAT = "ldl-alphazero-1"


def save_snapshot(model, config, path: Path) -> Path:
    """Save the network for playing (not for resuming training: see the run's checkpoints)."""
    import torch

    path.parent.mkdir(parents=True, exist_ok=True)
    weights = {k: (v.half() if v.is_floating_point() else v) for k, v in model.state_dict().items()}
    snapshot = {"format": FORMAT, "game": make_game(config.game).name, "channels": config.channels,
                "num_blocks": config.num_blocks, "model": weights}  # fmt: skip
    temporary = path.with_suffix(".tmp")
    torch.save(snapshot, temporary)
    temporary.replace(path)
    return path


def resolve_snapshot(path_or_game: str | Path) -> Path:
    """A snapshot file, the newest snapshot of a run folder, or a game's shipped snapshot."""
    path = Path(path_or_game)
    if path.is_file():
        return path
    if path.is_dir():
        found = sorted((path / "snapshots").glob("iteration-*.pt"))
        if found:
            return found[-1]
        raise LdlError(
            f"{path} holds no AlphaZero snapshot.",
            hint="Pass a run folder of `ldl run deep-rl.alphazero-...`.",
        )
    try:
        shipped = SHIPPED / f"{make_game(str(path_or_game)).name}.pt"
    except LdlError:
        shipped = None
    if shipped is not None and shipped.exists():
        return shipped
    raise LdlError(
        f"No AlphaZero checkpoint at {path_or_game}.",
        hint="Pass a snapshot file (.pt), a run folder, or a game name: tic-tac-toe, connect-four.",
    )


def load_snapshot(path_or_game: str | Path):
    """(game, model) from a snapshot; the model is in eval mode, float32."""
    import torch

    from ldl.rl.search.network import PolicyValueNet

    path = resolve_snapshot(path_or_game)
    snapshot = torch.load(path, map_location="cpu", weights_only=True)
    if not isinstance(snapshot, dict) or snapshot.get("format") != FORMAT:
        raise LdlError(
            f"{path} is not an ldl AlphaZero snapshot.", hint="Snapshots are written by training runs."
        )
    game = make_game(snapshot["game"])
    model = PolicyValueNet(game, snapshot["channels"], snapshot["num_blocks"])
    model.load_state_dict(
        {k: (v.float() if v.is_floating_point() else v) for k, v in snapshot["model"].items()}
    )
    return game, model.eval()


class AlphaZeroPlayer:
    """A player (see arena.py): MCTS guided by the network, then the most visited move. With
    num_simulations=0 it plays the raw policy's favourite legal move (no search at all).
    `last_policy` holds the move probabilities behind the last move (visit shares or the policy)."""

    def __init__(self, game: Game, model, num_simulations: int = 100, seed: int = 0, c_puct: float = 1.5,
                 name: str = "alphazero"):  # fmt: skip
        from ldl.rl.search.selfplay import network_evaluator

        self.game, self.model = game, model
        self.evaluate = network_evaluator(game, model)
        self.config = MCTSConfig(num_simulations=num_simulations, c_puct=c_puct)
        self.rng = np.random.default_rng(seed)
        self.name = name
        self.last_policy: np.ndarray | None = None
        self.last_value: float | None = None

    @classmethod
    def from_checkpoint(
        cls, path: str | Path, num_simulations: int = 100, seed: int = 0, name: str | None = None
    ):
        """A snapshot file, a run folder (its newest snapshot) or a game name (the shipped snapshot)."""
        game, model = load_snapshot(path)
        return cls(game, model, num_simulations, seed, name=name or f"alphazero({Path(str(path)).stem})")

    def policy(self, state: GameState) -> tuple[np.ndarray, float]:
        """The raw network: move probabilities over the legal moves (num_actions,) and the value."""
        priors, values = self.evaluate([state])
        p = priors[0] * self.game.legal_actions(state)
        return p / p.sum(), float(values[0])

    def __call__(self, game: Game, state: GameState) -> int:
        if self.config.num_simulations == 0:
            self.last_policy, self.last_value = self.policy(state)
            return int(np.argmax(self.last_policy))
        tree = MCTS(game, self.evaluate, self.config, self.rng)
        counts = tree.search(state)
        self.last_policy = counts / counts.sum()
        self.last_value = -tree.root.q()  # root.value_sum is kept for the player who moved before
        return select_action(counts, 0.0, self.rng)

    def act_batch(self, game: Game, states: list[GameState]) -> list[int]:
        """One move for each state, as `__call__` would choose it, with the searches interleaved so
        that each simulation round evaluates the leaves of all of them in one batch."""
        if self.config.num_simulations == 0:
            priors, _ = self.evaluate(states)
            legal = np.array([game.legal_actions(s) for s in states])
            return [int(a) for a in np.argmax(np.where(legal, priors, -np.inf), axis=1)]
        trees = [MCTS(game, self.evaluate, self.config, self.rng) for _ in states]
        return [select_action(counts, 0.0, self.rng) for counts in batched_search(trees, states)]
