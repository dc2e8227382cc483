"""Your gap is measured at the last epoch. The model you keep is the one at the best validation
epoch (early stopping), so measure valid - train there: `b = best_epoch(valid_losses)`, then
`valid_losses[b] - train_losses[b]`."""

import numpy as np


def best_epoch(valid_losses):
    """The epoch with the lowest validation loss (the earliest of equal minima)."""
    return int(np.argmin(valid_losses))  # argmin returns the first of equal minima


def gap_at_best(train_losses, valid_losses):
    """valid - train at the best epoch: how much the training loss flatters the model."""
    return float(valid_losses[-1] - train_losses[-1])


def diagnose(train_losses, valid_losses, target_loss, tolerance=0.05):
    """'overfitting', 'underfitting' or 'good fit', checked in that order (see statement.md)."""
    best = valid_losses[best_epoch(valid_losses)]
    if valid_losses[-1] > (1 + tolerance) * best:  # validation has climbed back up: stop earlier
        return "overfitting"
    if train_losses[-1] > target_loss:  # cannot even fit the data it trains on
        return "underfitting"
    return "good fit"
