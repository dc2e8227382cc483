"""Checks for mcts_backup: expansion (renormalised priors, illegal moves left out, the all-zero
case, the keys and types); one backup on a path of two and of five nodes, a terminal loss; many
backups through shared nodes; and a whole small search on Nim, driven by the checks' own PUCT
selection with the learner's expand and backup: with the signs right it finds the winning move."""

import numpy as np

from ldl.grading.spec import Case


def describe(node):
    """A node and its subtree as plain data."""
    return {
        "prior": node.prior,
        "visit_count": node.visit_count,
        "value_sum": node.value_sum,
        "children": {str(a): describe(child) for a, child in node.children.items()},
        "keys": [type(a).__name__ for a in node.children],
        "order": list(node.children),
    }


def expand_one(module, priors, legal):
    root = module.Node(1.0)
    module.expand(root, np.asarray(priors, dtype=float), np.asarray(legal, dtype=bool))
    return describe(root)


def backup_line(module, depth, values):
    """A straight line of `depth` nodes below the root; each value is backed up from the deepest."""
    path = [module.Node(1.0)]
    for _ in range(depth):
        child = module.Node(0.5)
        path[-1].children[0] = child
        path.append(child)
    for value in values:
        module.backup(path, value)
    return describe(path[0])


def backup_shared(module):
    """Two leaves under one parent: the parent's statistics add up both."""
    root = module.Node(1.0)
    module.expand(root, np.array([0.6, 0.4]), np.array([True, True]))
    left = root.children[0]
    module.expand(left, np.array([0.2, 0.3, 0.5]), np.array([True, True, True]))
    module.backup([root, left, left.children[0]], 1.0)
    module.backup([root, left, left.children[2]], -0.25)
    module.backup([root, root.children[1]], 0.5)
    return describe(root)


def nim_search(module, stones, simulations, c_puct=1.5):
    """Nim: take 1, 2 or 3 stones; whoever takes the last stone wins. The player to move with no
    stones left has lost (value -1). No network: uniform priors and value 0 for unfinished games."""
    root = module.Node(1.0)
    for _ in range(simulations):
        node, left, path = root, stones, [root]
        while node.children:
            total = sum(child.visit_count for child in node.children.values())
            best, best_score = None, -np.inf
            for action, child in node.children.items():  # PUCT, written out plainly
                score = child.q() + c_puct * child.prior * np.sqrt(total) / (1 + child.visit_count)
                if score > best_score:
                    best, best_score = action, score
            node, left = node.children[best], left - (best + 1)
            path.append(node)
        if left == 0:
            value = -1.0  # the player to move here has lost: the opponent took the last stone
        else:
            legal = np.array([left >= k for k in (1, 2, 3)])
            module.expand(node, np.full(3, 1 / 3), legal)
            value = 0.0
        module.backup(path, value)
    return {
        "visits": [root.children[a].visit_count for a in sorted(root.children)],
        "values": [round(root.children[a].q(), 9) for a in sorted(root.children)],
    }


def cases():
    return [
        Case(
            "expand: priors renormalised over legal moves",
            probe="expand_one",
            args=([0.5, 0.3, 0.2], [True, False, True]),
        ),
        Case("expand: every move legal", probe="expand_one", args=([0.1, 0.2, 0.3, 0.4], [True] * 4)),
        Case(
            "expand: all the mass on illegal moves",
            probe="expand_one",
            args=([0.0, 1.0, 0.0, 0.0], [True, False, True, False]),
        ),
        Case("backup: root and one leaf", probe="backup_line", args=(1, [0.6])),
        Case("backup: a line of five nodes", probe="backup_line", args=(4, [0.8])),
        Case("backup: a lost game at the leaf, twice", probe="backup_line", args=(3, [-1.0, -1.0])),
        Case("backup: three values down one line", probe="backup_line", args=(2, [0.5, -0.25, 1.0])),
        Case("backup through shared nodes", probe="backup_shared"),
        Case("a whole search: Nim with 5 stones", probe="nim_search", args=(5, 300)),
        Case("a whole search: Nim with 7 stones", probe="nim_search", args=(7, 400)),
    ]
