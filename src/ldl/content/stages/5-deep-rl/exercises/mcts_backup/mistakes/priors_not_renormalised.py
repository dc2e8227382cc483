"""Your children keep the network's raw priors. Part of that probability sat on illegal moves;
renormalise the legal priors so that they sum to 1 (divide by their sum), else PUCT's
exploration bonus shrinks wherever the network wasted mass on illegal moves."""

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
    p = np.asarray(priors, dtype=np.float64)
    for action in np.flatnonzero(legal):
        node.children[int(action)] = Node(float(p[action]))


def backup(path, value):
    for node in reversed(path):
        value = -value
        node.value_sum += value
        node.visit_count += 1
