"""Reference solution for mcts_backup."""

import numpy as np


class Node:
    """A node of the search tree; its statistics are for the player who moved into it."""

    def __init__(self, prior: float):
        self.prior = prior  # P(s, a)
        self.visit_count = 0  # N(s, a)
        self.value_sum = 0.0  # W(s, a)
        self.children: dict[int, Node] = {}  # action -> Node

    def q(self) -> float:
        """Mean value W / N (0 before the first visit)."""
        return self.value_sum / self.visit_count if self.visit_count else 0.0


def expand(node, priors, legal):
    """Children for the legal actions, with the priors renormalised over them."""
    legal = np.asarray(legal, dtype=bool)
    p = np.where(legal, np.asarray(priors, dtype=np.float64), 0.0)
    total = p.sum()
    p = p / total if total > 0 else legal / legal.sum()  # a network may put all its mass on illegal moves
    for action in np.flatnonzero(legal):
        node.children[int(action)] = Node(float(p[action]))


def backup(path, value):
    """Walk from the leaf to the root, flipping the point of view at every level."""
    for node in reversed(path):
        value = -value  # the leaf's stats belong to the player who moved into it
        node.value_sum += value
        node.visit_count += 1
