"""You create children for illegal moves too, so the search can walk into a move the rules
forbid. Only legal actions get a child: loop over np.flatnonzero(legal)."""

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
    legal = np.asarray(legal, dtype=bool)
    p = np.where(legal, np.asarray(priors, dtype=np.float64), 0.0)
    p = p / p.sum() if p.sum() > 0 else legal / legal.sum()
    for action in range(len(p)):
        node.children[action] = Node(float(p[action]))


def backup(path, value):
    for node in reversed(path):
        value = -value
        node.value_sum += value
        node.visit_count += 1
