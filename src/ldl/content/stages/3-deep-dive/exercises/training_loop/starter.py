"""A training loop built from your own model, optimiser and loss. See statement.md."""

import numpy as np

from cross_entropy_grad import softmax_cross_entropy  # your exercise from the MLP unit


def train_epoch(model, optimizer, x: np.ndarray, y: np.ndarray, batch_size: int, rng: np.random.Generator) -> list[float]:
    """One pass over (x, y) in the order rng.permutation(len(x)), one optimiser step per batch.

    Per batch: optimizer.zero_grad(); logits = model(x_b); loss, grad = softmax_cross_entropy(logits, y_b);
    model.backward(grad); optimizer.step(). Returns the batch losses, as floats.
    """
    raise NotImplementedError


def evaluate(model, x: np.ndarray, y: np.ndarray, batch_size: int) -> tuple[float, float]:
    """(mean loss over examples, accuracy), forward only, in batches of batch_size in the given order."""
    raise NotImplementedError


def fit(model, optimizer, x, y, x_val, y_val, batch_size: int, num_epochs: int, seed: int) -> dict[str, list[float]]:
    """rng = np.random.default_rng(seed); num_epochs of train_epoch and evaluate.
    Returns {"train_loss": [...], "val_loss": [...], "val_accuracy": [...]}, one entry per epoch."""
    raise NotImplementedError
