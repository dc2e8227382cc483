"""Metrics across processes without averaging averages. See statement.md."""

import numpy as np


def reduce_metrics(per_rank: list[dict[str, np.ndarray]]) -> dict[str, float | int]:
    """{"loss": mean loss per example, "accuracy": correct / examples, "examples": total}
    over every batch of every process; each process gives (b,) arrays "loss" (batch means),
    "correct" and "size"."""
    raise NotImplementedError
