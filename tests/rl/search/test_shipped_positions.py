"""The solver-labelled Connect Four positions that ship with ldl load without the solver, and
their labels are consistent (test_oracle.py checks them against the solver itself)."""

import numpy as np

from ldl.rl.games import ConnectFour
from ldl.rl.search.oracle import shipped_positions


def test_300_positions_load_without_the_solver_with_consistent_labels():
    positions = shipped_positions()
    game = ConnectFour()
    assert len(positions.states) == 300 and len({s.key() for s in positions.states}) == 300
    for state, optimal, fastest in zip(positions.states, positions.optimal, positions.fastest, strict=True):
        legal = game.legal_actions(state)
        assert game.winner(state) is None
        assert fastest.any() and not (fastest & ~optimal).any()  # the fastest moves keep the result
        assert not (optimal & ~legal).any() and optimal.sum() < legal.sum()  # a real decision
    assert shipped_positions(30).states[29].key() == positions.states[29].key()  # a prefix is a set
    assert 2.0 < positions.optimal.sum(1).mean() < 2.8  # about 2.3 optimal moves of ~6.9
    assert np.mean(positions.fastest.sum(1)) < np.mean(positions.optimal.sum(1))
