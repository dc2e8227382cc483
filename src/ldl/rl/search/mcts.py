"""Monte Carlo tree search with PUCT (Silver et al., 2017/2018), for pure MCTS and AlphaZero.

Each simulation walks from the root to a leaf, evaluates the leaf, and backs the value up:

    select   at each node pick  argmax_a  Q(s, a) + c_puct * P(s, a) * sqrt(N(s)) / (1 + N(s, a))
    expand   the leaf's children get priors P(leaf, .) from the evaluator (uniform for pure MCTS)
    evaluate v = value of the leaf for its player to move (a network, or a random rollout)
    backup   every edge on the path gets N += 1 and W += the value for the player who chose it
             (the sign flips at each ply: my gain is my opponent's loss); Q = W / N

After `num_simulations` the visit counts N(root, a) are the search's policy: play argmax N, or
sample N^(1/T) with temperature T early in self-play for variety. Dirichlet noise mixed into the
root priors, P = (1 - eps) P + eps Dir(alpha), makes self-play try moves the network dislikes.

An `evaluate(states) -> (priors (B, num_actions), values (B,))` takes a *list* of leaves, so many
searches can share one network call: `batched_search` runs several games' searches in lockstep and
evaluates one leaf of each per call.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ldl.rl.games.base import Game, GameState

Evaluator = Callable[[list[GameState]], tuple[np.ndarray, np.ndarray]]


@dataclass
class MCTSConfig:
    """Settings of one search."""

    num_simulations: int = 100
    """Simulations (root-to-leaf walks) per move."""
    c_puct: float = 1.5
    """Weight of the exploration term against the mean value Q."""
    dirichlet_alpha: float = 0.3
    """Concentration of the root noise (smaller: spikier; ~10 / typical number of legal moves)."""
    dirichlet_fraction: float = 0.0
    """Share eps of noise in the root priors (0.25 in self-play, 0 when playing for real)."""


@dataclass(eq=False)
class Node:
    """A position in the search tree, reached by the move its parent chose."""

    prior: float
    """P(parent, a): the evaluator's probability for the move that leads here."""
    state: GameState | None = None
    """Filled in when the node is first visited."""
    visit_count: int = 0
    """N(parent, a)."""
    value_sum: float = 0.0
    """W(parent, a): summed values from the view of the player who chose this move."""
    children: dict[int, Node] = field(default_factory=dict)
    """action -> child, once expanded."""

    def q(self) -> float:
        """Mean value for the player who chose this move (0 while unvisited)."""
        return self.value_sum / self.visit_count if self.visit_count else 0.0

    @property
    def expanded(self) -> bool:
        return bool(self.children)


def puct_child(node: Node, c_puct: float) -> tuple[int, Node]:
    """The child maximising Q + c_puct * P * sqrt(N_parent) / (1 + N_child)."""
    sqrt_total = math.sqrt(max(1, node.visit_count))
    best, best_score = None, -math.inf
    for action, child in node.children.items():
        score = child.q() + c_puct * child.prior * sqrt_total / (1 + child.visit_count)
        if score > best_score:
            best, best_score = (action, child), score
    return best


class MCTS:
    """One search tree. `search(state)` returns the root's visit counts, shape (num_actions,)."""

    def __init__(self, game: Game, evaluate: Evaluator, config: MCTSConfig, rng: np.random.Generator):
        self.game, self.evaluate, self.config, self.rng = game, evaluate, config, rng
        self.root = Node(prior=1.0)

    def search(self, state: GameState) -> np.ndarray:
        self.start(state)
        for _ in range(self.config.num_simulations):
            path, leaf = self.select()
            if leaf is not None:
                priors, values = self.evaluate([leaf])
                self.expand_and_backup(path, priors[0], float(values[0]))
        return self.visit_counts()

    # The three steps, separate so that batched_search can interleave many trees.

    def start(self, state: GameState) -> None:
        """A fresh root at `state`, expanded at once (so that noise can be added to its priors)."""
        self.root = Node(prior=1.0, state=state)
        if self.game.terminal_value(state) is None:
            priors, values = self.evaluate([state])
            self.expand(self.root, priors[0])
            self.root.visit_count, self.root.value_sum = 1, -float(values[0])
            if self.config.dirichlet_fraction > 0:
                self.add_noise(self.root)

    def select(self) -> tuple[list[Node], GameState | None]:
        """Walk down by PUCT to a node not yet expanded. Returns the path and the leaf's state to
        evaluate, or None when the leaf is terminal (its value is known and already backed up)."""
        node, path = self.root, [self.root]
        while node.expanded:
            action, child = puct_child(node, self.config.c_puct)
            if child.state is None:
                child.state = self.game.next_state(node.state, action)
            node = child
            path.append(node)
        terminal = self.game.terminal_value(node.state)
        if terminal is not None:
            self.backup(path, terminal)
            return path, None
        return path, node.state

    def expand(self, node: Node, priors: np.ndarray) -> None:
        legal = np.flatnonzero(self.game.legal_actions(node.state))
        p = priors[legal]
        p = p / p.sum() if p.sum() > 0 else np.full(len(legal), 1.0 / len(legal))
        node.children = {int(a): Node(prior=float(pa)) for a, pa in zip(legal, p, strict=True)}

    def expand_and_backup(self, path: list[Node], priors: np.ndarray, value: float) -> None:
        self.expand(path[-1], priors)
        self.backup(path, value)

    @staticmethod
    def backup(path: list[Node], value: float) -> None:
        """`value` is for the player to move at the leaf; the edge into the leaf was chosen by the
        other player, so it gets -value, the edge above it +value, and so on."""
        for node in reversed(path):
            value = -value
            node.visit_count += 1
            node.value_sum += value

    def add_noise(self, node: Node) -> None:
        eps, actions = self.config.dirichlet_fraction, list(node.children)
        noise = self.rng.dirichlet([self.config.dirichlet_alpha] * len(actions))
        for a, n in zip(actions, noise, strict=True):
            node.children[a].prior = (1 - eps) * node.children[a].prior + eps * float(n)

    def visit_counts(self) -> np.ndarray:
        counts = np.zeros(self.game.num_actions, dtype=np.float32)
        for action, child in self.root.children.items():
            counts[action] = child.visit_count
        return counts


def batched_search(trees: list[MCTS], states: list[GameState]) -> list[np.ndarray]:
    """Search every (tree, state) pair together: each simulation round selects one leaf per tree and
    evaluates all of them in ONE call of the (shared) evaluator. Returns each root's visit counts.
    Trees may have different budgets (their own `config.num_simulations`): a tree takes part in as
    many rounds as its budget allows (self-play mixes full and quick searches)."""
    evaluate = trees[0].evaluate
    for tree, state in zip(trees, states, strict=True):
        tree.start(state)
    for round_ in range(max(tree.config.num_simulations for tree in trees)):
        pending = [(tree, *tree.select()) for tree in trees if round_ < tree.config.num_simulations]
        pending = [(tree, path, leaf) for tree, path, leaf in pending if leaf is not None]
        if pending:
            priors, values = evaluate([leaf for _, _, leaf in pending])
            for (tree, path, _), p, v in zip(pending, priors, values, strict=True):
                tree.expand_and_backup(path, p, float(v))
    return [tree.visit_counts() for tree in trees]


def select_action(visit_counts: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    """Temperature 0: the most visited move (ties at random); T > 0: sample with probability
    proportional to N^(1/T)."""
    if temperature == 0:
        return int(rng.choice(np.flatnonzero(visit_counts == visit_counts.max())))
    weights = visit_counts.astype(np.float64) ** (1.0 / temperature)
    return int(rng.choice(len(weights), p=weights / weights.sum()))


def rollout_evaluator(game: Game, rng: np.random.Generator) -> Evaluator:
    """Pure MCTS: uniform priors over the legal moves, and a value from one random playout."""

    def evaluate(states: list[GameState]) -> tuple[np.ndarray, np.ndarray]:
        priors = np.ones((len(states), game.num_actions), dtype=np.float32)
        values = np.empty(len(states), dtype=np.float32)
        for i, state in enumerate(states):
            s = state
            while game.winner(s) is None:
                s = game.next_state(s, int(rng.choice(np.flatnonzero(game.legal_actions(s)))))
            values[i] = s.outcome * state.player  # +1 if the player to move at the leaf won
        return priors, values

    return evaluate


class MCTSPlayer:
    """A player (see arena.py): pure MCTS with random rollouts, or any evaluator; plays the most
    visited move. `last_policy` keeps the last search's visit shares (for `ldl play`)."""

    def __init__(self, num_simulations: int = 200, seed: int = 0, evaluate: Evaluator | None = None,
                 c_puct: float | None = None, name: str | None = None):  # fmt: skip
        self.rng = np.random.default_rng(seed)
        if c_puct is None:  # uniform priors shrink the exploration term: random rollouts need more of it
            c_puct = 1.5 if evaluate else 4.0
        self.config = MCTSConfig(num_simulations=num_simulations, c_puct=c_puct)
        self.evaluate = evaluate
        self.name = name or f"mcts-{num_simulations}"
        self.last_policy: np.ndarray | None = None

    def __call__(self, game: Game, state: GameState) -> int:
        evaluate = self.evaluate or rollout_evaluator(game, self.rng)
        counts = MCTS(game, evaluate, self.config, self.rng).search(state)
        self.last_policy = counts / counts.sum()
        return select_action(counts, 0.0, self.rng)
