"""You skip the root when you back up. The root is on every path: it gets one more visit per
simulation too (PUCT reads the parent's count as the sum of its children's, and a search's
root count is how many simulations it ran)."""

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
    for action in np.flatnonzero(legal):
        node.children[int(action)] = Node(float(p[action]))


def backup(path, value):
    for node in reversed(path[1:]):
        value = -value
        node.value_sum += value
        node.visit_count += 1
