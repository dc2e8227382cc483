"""You look for overfitting in the training curve, but the training loss keeps falling when a model
overfits: that is the trouble. Overfitting shows in the validation curve, as a climb back above
its own lowest point."""

import numpy as np


def best_epoch(valid_losses):
    """The epoch with the lowest validation loss (the earliest of equal minima)."""
    return int(np.argmin(valid_losses))  # argmin returns the first of equal minima


def gap_at_best(train_losses, valid_losses):
    """valid - train at the best epoch: how much the training loss flatters the model."""
    b = best_epoch(valid_losses)
    return float(valid_losses[b] - train_losses[b])


def diagnose(train_losses, valid_losses, target_loss, tolerance=0.05):
    """'overfitting', 'underfitting' or 'good fit', checked in that order (see statement.md)."""
    best = np.min(train_losses)
    if train_losses[-1] > (1 + tolerance) * best:
        return "overfitting"
    if train_losses[-1] > target_loss:  # cannot even fit the data it trains on
        return "underfitting"
    return "good fit"
