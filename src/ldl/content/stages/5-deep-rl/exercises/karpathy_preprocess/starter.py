"""Pong frames the way Karpathy preprocessed them. See statement.md."""

import numpy as np


def preprocess(frame: np.ndarray) -> np.ndarray:
    """(210, 160, 3) uint8 -> (6400,) float32: crop 35:195, channel 0, stride 2, background 0, rest 1."""
    raise NotImplementedError


def difference_frame(current: np.ndarray, previous: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """(preprocess(current) - previous, or zeros if previous is None; preprocess(current))."""
    raise NotImplementedError
