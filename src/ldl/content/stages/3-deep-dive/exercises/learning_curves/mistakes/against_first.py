"""Your overfitting test compares the last validation loss with the first epoch's, and the first
loss is always high, so a curve that fell to 0.5 and climbed back to 0.8 passes as fine. Compare
with the best (lowest) validation loss: that is the point the model has moved away from."""

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
    first = valid_losses[0]
    if valid_losses[-1] > (1 + tolerance) * first:
        return "overfitting"
    if train_losses[-1] > target_loss:  # cannot even fit the data it trains on
        return "underfitting"
    return "good fit"
