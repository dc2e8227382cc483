"""Your train_epoch shuffled the caller's x and y in place (`x[:] = x[order]`), so after one epoch
their dataset is reordered: a validation split or a plot made from it afterwards no longer lines up.
Leave x and y alone and index them with each batch's indices instead: x[batch], y[batch]."""

import numpy as np
from cross_entropy_grad import softmax_cross_entropy


def train_epoch(
    model, optimizer, x: np.ndarray, y: np.ndarray, batch_size: int, rng: np.random.Generator
) -> list[float]:
    """One pass over (x, y) in the order rng.permutation(len(x)), one optimiser step per batch."""
    order = rng.permutation(len(x))
    x[:], y[:] = x[order], y[order]  # shuffle the data itself
    losses = []
    for start in range(0, len(x), batch_size):
        batch = np.arange(start, min(start + batch_size, len(x)))
        optimizer.zero_grad()  # the layers add into .grad: start each batch from zero
        loss, grad = softmax_cross_entropy(model(x[batch]), y[batch])
        model.backward(grad)
        optimizer.step()
        losses.append(float(loss))
    return losses


def evaluate(model, x: np.ndarray, y: np.ndarray, batch_size: int) -> tuple[float, float]:
    """(mean loss over examples, accuracy), forward only."""
    total_loss, correct = 0.0, 0
    for start in range(0, len(x), batch_size):
        x_batch, y_batch = x[start : start + batch_size], y[start : start + batch_size]
        logits = model(x_batch)
        loss, _ = softmax_cross_entropy(logits, y_batch)
        total_loss += float(loss) * len(x_batch)  # a batch's mean, weighted by its size
        correct += int((logits.argmax(axis=1) == y_batch).sum())
    return total_loss / len(x), correct / len(x)


def fit(
    model, optimizer, x, y, x_val, y_val, batch_size: int, num_epochs: int, seed: int
) -> dict[str, list[float]]:
    """num_epochs of train_epoch and evaluate, with one generator for the whole run."""
    rng = np.random.default_rng(seed)
    history: dict[str, list[float]] = {"train_loss": [], "val_loss": [], "val_accuracy": []}
    for _ in range(num_epochs):
        losses = train_epoch(model, optimizer, x, y, batch_size, rng)
        val_loss, val_accuracy = evaluate(model, x_val, y_val, batch_size)
        history["train_loss"].append(float(np.mean(losses)))
        history["val_loss"].append(val_loss)
        history["val_accuracy"].append(val_accuracy)
    return history
