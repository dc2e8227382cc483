"""Annealing the learning rate over PPO's updates. See statement.md."""

import numpy as np


def annealed_lr(update: int, num_updates: int, base_lr: float, min_lr: float = 0.0) -> float:
    """max((1 - (update - 1) / num_updates) * base_lr, min_lr), the fraction clamped at 0."""
    raise NotImplementedError


def lr_schedule(num_updates: int, base_lr: float, min_lr: float = 0.0) -> np.ndarray:
    """The rates of updates 1..num_updates, float64 (num_updates,)."""
    raise NotImplementedError
