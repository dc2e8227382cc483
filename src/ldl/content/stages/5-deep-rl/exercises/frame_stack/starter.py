"""Atari preprocessing and frame stacking. See statement.md."""

import numpy as np


def atari_frame(frame: np.ndarray, previous_frame: np.ndarray) -> np.ndarray:
    """Max of two (210, 160, 3) uint8 frames, grey (luma weights), nearest 84x84, rint, uint8."""
    raise NotImplementedError


def stack_frames(stack: np.ndarray, frame: np.ndarray, reset: bool) -> np.ndarray:
    """A new (k, 84, 84) stack, newest last: k copies of `frame` on reset, else stack[1:] + frame."""
    raise NotImplementedError
