"""Reading learning curves: the epoch to keep, the gap there, and a diagnosis. See statement.md."""

import numpy as np


def best_epoch(valid_losses: np.ndarray) -> int:
    """The epoch with the lowest validation loss (the earliest of equal minima)."""
    raise NotImplementedError


def gap_at_best(train_losses: np.ndarray, valid_losses: np.ndarray) -> float:
    """valid - train at the best epoch: how much the training loss flatters the model."""
    raise NotImplementedError


def diagnose(
    train_losses: np.ndarray, valid_losses: np.ndarray, target_loss: float, tolerance: float = 0.05
) -> str:
    """'overfitting', 'underfitting' or 'good fit', checked in that order (see statement.md)."""
    raise NotImplementedError
