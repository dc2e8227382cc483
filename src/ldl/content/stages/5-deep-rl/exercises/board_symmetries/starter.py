"""Symmetry augmentation of a board and its policy. See statement.md."""

import numpy as np


def tictactoe_symmetries(board: np.ndarray, policy: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The 8 rotations/reflections of a (3, 3) board with its (9,) policy transformed alike (copies)."""
    raise NotImplementedError


def connect_four_symmetries(board: np.ndarray, policy: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The identity and the left-right mirror of a (6, 7) board and its (7,) policy (copies)."""
    raise NotImplementedError
