"""Leaked sentences and the majority baseline of a text dataset. See statement.md (`ldl` shows it)."""

import numpy as np


def normalise(text: str) -> str:
    """Lower-cased, every run of whitespace one space, none at either end; punctuation kept."""
    raise NotImplementedError


def leaked(train_texts: list, valid_texts: list) -> list:
    """Increasing positions of the validation texts whose normalised form is also in training."""
    raise NotImplementedError


def class_balance(labels: np.ndarray, num_classes: int) -> np.ndarray:
    """(num_classes,) float64: the fraction of `labels` in each class (all zeros when empty)."""
    raise NotImplementedError


def majority_baseline(train_labels: np.ndarray, valid_labels: np.ndarray, num_classes: int) -> float:
    """Validation accuracy of always predicting the most frequent training class (smallest on a tie)."""
    raise NotImplementedError
